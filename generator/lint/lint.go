// Package lint finds problems in an assembled site that do not stop a build
// but that an author should fix: scripts longer than their target, pages past
// their review date, pages without content.
//
// Everything that makes a page wrong (bad fields, broken links, collisions)
// is reported where it is found: page, markdown and site. What is left here
// are judgements about pages that are valid but probably not what the author
// meant, so every finding is a warning.
package lint

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"playbook/generator/diag"
	"playbook/generator/page"
	"playbook/generator/site"
)

// Site returns the warnings for every page of s.
func Site(s *site.Site) diag.List {
	var out diag.List
	for _, p := range s.Pages {
		out = append(out, Page(p)...)
	}
	out.Sort()
	return out
}

// Page returns the warnings for one page.
func Page(p *site.Page) diag.List {
	if p == nil || p.Page == nil || p.Doc == nil {
		return nil
	}
	var out diag.List
	file := "content/" + p.Source
	out = append(out, scriptLength(p, file)...)
	if p.Overdue {
		out.Warnf(diag.Pos{File: file, Line: p.FieldLines["review_by"]}, "review overdue since %s: check the page and move review_by on", p.ReviewBy.Format(time.DateOnly))
	}
	if why := empty(p); why != "" {
		out.Warnf(diag.Pos{File: file, Line: p.BodyLine}, "%s", why)
	}
	return out
}

// scriptLength compares the estimated speaking time of a page's scripts with
// the target its kind declares: a pitch's duration for all its scripts
// together (it is spoken in one go), a voicemail's max_seconds for each
// script (they are alternatives).
func scriptLength(p *site.Page, file string) diag.List {
	var out diag.List
	scripts := p.Doc.Scripts
	switch {
	case p.Pitch != nil && p.Pitch.Duration > 0 && len(scripts) > 0:
		total := 0
		for _, s := range scripts {
			total += s.Seconds
		}
		limit := int(p.Pitch.Duration / time.Second)
		if total > limit {
			out.Warnf(diag.Pos{File: file, Line: scripts[0].Line},
				"pitch runs long: its scripts take about %s to speak, target duration is %s", clock(total), p.Pitch.DurationText)
		}
	case p.Voicemail != nil && p.Voicemail.MaxSeconds > 0:
		for _, s := range scripts {
			if s.Seconds > p.Voicemail.MaxSeconds {
				out.Warnf(diag.Pos{File: file, Line: s.Line},
					"voicemail runs long: about %s to speak, max_seconds is %d", clock(s.Seconds), p.Voicemail.MaxSeconds)
			}
		}
	}
	return out
}

// empty says why a page has nothing to show, or returns "". A page is empty
// when its body has no text, script, task, image or code block, and its kind
// brings no content of its own (cadence steps, workshop pages, retention
// trigger and signals). Folder pages are never empty: they list their
// children. A body of headings alone is what `playbook new` leaves behind,
// so it counts as empty too.
func empty(p *site.Page) string {
	if p.IsFolder || kindContent(p.Page) {
		return ""
	}
	d := p.Doc
	if len(d.Scripts) > 0 || len(d.Tasks) > 0 || hasMedia(d.HTML) {
		return ""
	}
	for _, s := range d.Sections {
		if strings.TrimSpace(s.Text) != "" {
			return ""
		}
	}
	if len(d.Headings) > 0 {
		return "page has headings but no text under them"
	}
	return "page has no text"
}

// kindContent reports whether p's front matter gives it content of its own.
func kindContent(p *page.Page) bool {
	switch {
	case p.Cadence != nil:
		return len(p.Cadence.Steps) > 0
	case p.Workshop != nil:
		return len(p.Workshop.Pages) > 0
	case p.Retention != nil:
		return p.Retention.Trigger != "" || len(p.Retention.Signals) > 0
	}
	return false
}

// mediaTags start the HTML elements that are content without text.
var mediaTags = [][]byte{[]byte("<img"), []byte("<pre"), []byte("<video"), []byte("<audio"), []byte("<iframe"), []byte("<svg"), []byte("<object")}

// hasMedia is only reached for pages without text, whose HTML is short, so
// the scans cost nothing on real pages.
func hasMedia(html []byte) bool {
	for _, t := range mediaTags {
		if bytes.Contains(html, t) {
			return true
		}
	}
	return false
}

// clock formats seconds as "42 s" or "1:30 min".
func clock(sec int) string {
	if sec < 60 {
		return fmt.Sprintf("%d s", sec)
	}
	return fmt.Sprintf("%d:%02d min", sec/60, sec%60)
}

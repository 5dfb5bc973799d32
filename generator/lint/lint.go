// Package lint finds problems in an assembled site that do not stop a build
// but that an author should fix: scripts longer than their target, pages past
// their review date, pages without text.
package lint

import (
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
	if p.Doc == nil || strings.HasSuffix(p.Source, "/_index.md") && p.Body == nil {
		return nil
	}
	var out diag.List
	file := "content/" + p.Source
	scripts := p.Doc.Scripts
	total := 0
	for _, s := range scripts {
		total += s.Seconds
	}
	switch {
	case p.Pitch != nil && p.Pitch.Duration > 0 && len(scripts) > 0:
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
	if p.Overdue {
		out.Warnf(diag.Pos{File: file, Line: p.FieldLines["review_by"]}, "review overdue since %s", p.ReviewBy.Format("2006-01-02"))
	}
	if !p.IsFolder && p.Kind != page.KindWorkshop && strings.TrimSpace(p.Doc.Text) == "" && p.Kind != page.KindCadence {
		out.Warnf(diag.Pos{File: file, Line: p.BodyLine}, "page has no text")
	}
	return out
}

// clock formats seconds as "42 s" or "1:30 min".
func clock(sec int) string {
	if sec < 60 {
		return fmt.Sprintf("%d s", sec)
	}
	return fmt.Sprintf("%d:%02d min", sec/60, sec%60)
}

package render

import (
	"fmt"
	"html/template"
	"slices"
	"strings"
	"time"

	"playbook/generator/site"
	"playbook/generator/theme"
	"playbook/generator/versions"
)

// changesURL is the "what changed" page; changesDays are its narrower
// listings, one static page each so they work without JavaScript.
const changesURL = "/changes/"

var changesDays = []int{30, 90}

// maxChanges bounds the "what changed" listing: phones load it, and a
// first import of a whole playbook would otherwise list every page.
const maxChanges = 250

// historyView is a page's version history as templates show it.
type historyView struct {
	Current *versionEntry // the page as it is now
	Viewing *versionEntry // on an earlier version's page: that version; nil on the page itself
	// Prev and Next are the versions before and after Viewing (Next may
	// be the current one), for a version page's navigation.
	Prev, Next *versionEntry
	List       []*versionEntry // newest first; nil when the page has one version
	Latest     link            // the page itself
	Note       string          // what Git history is missing, "" when nothing
	// HasChanges is true when some version lists script changes (the
	// legend of the markers is shown once).
	HasChanges bool
	// Boundary: the oldest version is where a shallow clone stops.
	Boundary bool
}

// versionEntry is one version in a history list or on the changes page.
type versionEntry struct {
	N           int
	Label       string
	Href        string // the version's own page, "" for the current version or a page without scripts
	Current     bool
	Viewing     bool // the version this page shows
	Open        bool // its script changes start unfolded: the newest ones on the page itself
	Uncommitted bool
	Boundary    bool
	Date        time.Time
	DateText    string // Date as the interface language writes it, "" when zero
	DateISO     string // Date as YYYY-MM-DD, for <time datetime> and the changes filter
	Author      string
	Subject     string
	Short       string
	From        string // the file's earlier path when this version renamed it
	Scripts     int
	Changes     []changeView
	ChangedText string // "2 scripts changed", in the interface language
}

type changeView struct {
	Kind     string // "edited", "added", "removed"
	Old, New int    // script numbers, 0 where absent
	Caption  string // "Script 2 · changed", in the interface language
	HTML     template.HTML
}

// changesView is the "what changed" page.
type changesView struct {
	Items   []changeItem
	Days    int // this listing covers the last Days days; 0 for the full listing
	Filters []filterLink
	Capped  bool // more changes exist than the listing shows
	Max     int
	Oldest  time.Time // date of the oldest item listed
	Note    string
}

type changeItem struct {
	Page    *entry
	Version *versionEntry
	New     bool // the page's first version
}

type filterLink struct {
	link
	Current bool
}

// history returns p's history for its templates; viewing is the earlier
// version a version page shows, nil on the page itself.
func (e *env) history(p *site.Page, viewing *versions.Version) *historyView {
	if len(p.Versions) == 0 {
		return nil
	}
	h := &historyView{Latest: e.link(p.Title, p.URL), Note: e.s.HistoryNote, Boundary: p.Versions[0].Boundary}
	if viewing != nil {
		// A version page links its neighbours instead of listing every
		// version: the list is on the page itself, and rendering it on
		// thousands of version pages would double their cost.
		for i, v := range p.Versions {
			if v != viewing {
				continue
			}
			h.Viewing = e.versionEntry(v)
			h.Viewing.Viewing = true
			if i > 0 && p.Versions[i-1].URL != "" {
				h.Prev = e.versionEntry(p.Versions[i-1])
			}
			if i+1 < len(p.Versions) {
				h.Next = e.versionEntry(p.Versions[i+1])
				if p.Versions[i+1] == p.Current {
					h.Next.Current, h.Next.Href = true, h.Latest.Href
				}
			}
		}
		if c := p.Current; c != nil {
			h.Current = &versionEntry{N: c.N, Label: c.Label, Current: true, Href: h.Latest.Href}
		}
		return h
	}
	if len(p.Versions) == 1 {
		h.Current = e.versionEntry(p.Versions[0])
		h.Current.Current = true
		return h
	}
	h.List = make([]*versionEntry, len(p.Versions))
	for i, v := range p.Versions {
		ve := e.versionEntry(v)
		ve.Current = v == p.Current
		h.List[len(p.Versions)-1-i] = ve
		if ve.Current {
			h.Current = ve
		}
		h.HasChanges = h.HasChanges || len(ve.Changes) > 0
	}
	for _, ve := range h.List {
		if len(ve.Changes) > 0 {
			ve.Open = true
			break
		}
	}
	return h
}

func (e *env) versionEntry(v *versions.Version) *versionEntry {
	ve := &versionEntry{N: v.N, Label: v.Label, Uncommitted: v.Uncommitted, Boundary: v.Boundary,
		Date: v.Date, DateText: theme.Date(e.lang, v.Date), DateISO: theme.ISODate(v.Date), Author: v.Author, Subject: v.Subject, Short: v.Short, From: v.From, Scripts: len(v.Scripts)}
	if v.URL != "" {
		ve.Href = e.href(v.URL)
	}
	for _, c := range v.Changes {
		// Captions are built here rather than in the template: a page can
		// list dozens of changes, and template calls are what rendering
		// spends its time on.
		n := c.New
		if n == 0 {
			n = c.Old
		}
		kind := c.Kind.String()
		caption := fmt.Sprintf(e.tr("history.script", "Script %d"), n) + " · " + e.tr("history."+kind, kind)
		// Trusted: textdiff escapes every text and adds only <del> and <ins>.
		ve.Changes = append(ve.Changes, changeView{Kind: kind, Old: c.Old, New: c.New, Caption: caption, HTML: template.HTML(c.HTML)})
	}
	if n := len(ve.Changes); n > 0 {
		key := "history.changed.other"
		if n == 1 {
			key = "history.changed.one"
		}
		ve.ChangedText = fmt.Sprintf(e.tr(key, "%d scripts changed"), n)
	}
	return ve
}

// versionJobs renders one page per earlier version of every page with
// scripts, at the version's stable URL.
func (e *env) versionJobs() ([]job, error) {
	var jobs []job
	for _, p := range e.s.Pages {
		vj, err := e.versionJobsOf(p)
		if err != nil {
			return nil, err
		}
		jobs = append(jobs, vj...)
	}
	return jobs, nil
}

// versionJobsOf renders p's earlier versions.
func (e *env) versionJobsOf(p *site.Page) ([]job, error) {
	var jobs []job
	for _, v := range p.Versions {
		if v.URL == "" || v == p.Current {
			continue
		}
		out, err := outPath(v.URL)
		if err != nil {
			return nil, fmt.Errorf("render %s version %s: %w", p.Source, v.Label, err)
		}
		jobs = append(jobs, job{path: out, what: p.Source + " version " + v.Label + " (" + v.URL + ")",
			tmpl: "version.html", mk: func() *view { return e.versionView(p, v) }, size: 8<<10 + docSize(v)})
	}
	return jobs, nil
}

func docSize(v *versions.Version) int {
	if v.Doc == nil {
		return 0
	}
	return len(v.Doc.HTML)
}

// versionView is the view of an earlier version's page: that version's
// full text under a note that a newer version exists.
func (e *env) versionView(p *site.Page, v *versions.Version) *view {
	vw := e.view("version", v.Title+" ("+v.Label+")", v.URL)
	// The front matter as of this version where it matters for print: the
	// running head cites the version and its date.
	front := *p.Page
	front.Title, front.Version, front.Updated = v.Title, v.Field, v.Date
	if front.Version == "" {
		front.Version = v.Label
	}
	vw.Page, vw.Front = p, &front
	vw.NoIndex = true
	vw.Canonical = e.canonical(v.URL)
	vw.History = e.history(p, v)
	crumbs := append(slices.Clone(p.Breadcrumbs), p)
	for _, c := range crumbs {
		if c.URL == "/" {
			vw.Crumbs = append(vw.Crumbs, e.homeCrumb())
		} else {
			vw.Crumbs = append(vw.Crumbs, e.link(c.Title, c.URL))
		}
	}
	if v.Doc != nil {
		vw.Body = template.HTML(v.Doc.HTML) // trusted: the markdown converter's output
		vw.HasCode = hasCode(v.Doc.HTML)
		vw.Placeholders = e.placeholders(v.Doc.Placeholders)
	}
	return vw
}

// changesJobs renders the "what changed" page and its narrower listings,
// unless a content page already has the URL.
func (e *env) changesJobs() []job {
	if e.s.ByURL[changesURL] != nil {
		return nil
	}
	type ref struct {
		p *site.Page
		v *versions.Version
	}
	var all []ref
	for _, p := range e.s.Pages {
		for _, v := range p.Versions {
			if v.ChangedScripts() {
				all = append(all, ref{p, v})
			}
		}
	}
	slices.SortFunc(all, func(a, b ref) int {
		if c := b.v.Date.Compare(a.v.Date); c != 0 {
			return c
		}
		if c := strings.Compare(a.p.URL, b.p.URL); c != 0 {
			return c
		}
		return b.v.N - a.v.N
	})
	title := e.tr("changes.title", "What changed")
	var jobs []job
	for _, days := range append([]int{0}, changesDays...) {
		u := changesURL
		if days > 0 {
			u = fmt.Sprintf("%slast-%d-days/", changesURL, days)
		}
		cv := &changesView{Days: days, Max: maxChanges, Note: e.s.HistoryNote}
		for _, d := range append([]int{0}, changesDays...) {
			fu, ft := changesURL, e.tr("changes.all", "All")
			if d > 0 {
				fu, ft = fmt.Sprintf("%slast-%d-days/", changesURL, d), fmt.Sprintf(e.tr("changes.last_days", "Last %d days"), d)
			}
			cv.Filters = append(cv.Filters, filterLink{e.link(ft, fu), d == days})
		}
		// "Last 30 days" counts from the build date, like review dates.
		since := time.Time{}
		if days > 0 {
			y, m, d := e.s.Now.Date()
			since = time.Date(y, m, d, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -days)
		}
		for _, r := range all {
			if r.v.Date.Before(since) {
				break
			}
			if len(cv.Items) == maxChanges {
				cv.Capped = true
				break
			}
			cv.Items = append(cv.Items, changeItem{Page: e.entry(r.p), Version: e.versionEntry(r.v), New: len(r.v.Changes) == 0})
			cv.Oldest = r.v.Date
		}
		v := e.view("changes", title, u)
		v.Changes = cv
		v.Crumbs = []link{e.homeCrumb()}
		if days > 0 {
			v.Title = title + " · " + cv.Filters[slices.Index(changesDays, days)+1].Title
			v.Crumbs = append(v.Crumbs, e.link(title, changesURL))
			v.NoIndex = true
		}
		out, _ := outPath(u) // a clean constant path
		jobs = append(jobs, job{path: out, what: "changes page " + u, tmpl: "changes.html", v: v, size: 8<<10 + 1500*len(cv.Items)})
	}
	return jobs
}

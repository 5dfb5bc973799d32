package render

import (
	"fmt"
	"html/template"
	"strings"
	"sync"

	"playbook/generator/page"
	"playbook/generator/site"
)

// listing is the quick-scan list of a folder page: every content page below
// the folder, grouped (objections by category, anything else by sub-folder),
// with filters by stage, persona and tag.
//
// Filters are plain links, so they work without JavaScript. A stage or
// persona value has a filter page of its own, rendered at the term's URL
// plus the folder's path ("/stages/demo/objections/"), which never clashes
// with content URLs. A tag value links to the tag's page ("/tags/preis/"),
// which lists the tag's pages across the playbook: stages and personas are
// small closed sets, but tags are open-ended and pages carry several, so
// filter pages per folder and tag would repeat every page's list item once
// per tag and folder level (on a 10,000-page playbook, half of the output).
// With JavaScript the unfiltered folder page filters in place (Live) from
// the items' data attributes, tags included.
type listing struct {
	Groups      []listGroup
	Folders     []*entry      // sub-folders, for category-grouped lists (which do not show them as groups)
	FolderCards template.HTML // Folders as cards (parts.go)
	Facets      []facet
	Count       int  // items shown
	Live        bool // the unfiltered page: JavaScript may filter it in place
	All         link // the unfiltered folder page
	Active      *facetValue
	Facet       string      // the active value's facet label
	fl          *folderList // where it comes from
}

type listGroup struct {
	Title     string
	Href      string // sub-folder groups link their folder
	Items     []*entry
	ItemsHTML template.HTML // Items by the theme's "item" template, joined (parts.go)
}

// facet is one filter dimension with the values found in the list.
type facet struct {
	Key        string // data attribute suffix on items: "stage", "persona", "tag"
	Label      string
	Values     []facetValue
	ValuesHTML template.HTML // Values by the theme's "facetvalue", joined (parts.go)
	Active     bool          // one of Values is the filter page's value
	pages      bool          // values have filter pages (else they link to term pages)
}

type facetValue struct {
	Slug   string
	Name   string
	URL    string // the filter page, site-relative
	Href   string
	Count  int
	Active bool
}

// facetTax maps the filter dimensions, in display order, to taxonomies;
// folderPages tells whether the values get filter pages per folder or link
// to their term pages (see listing).
var facetTax = []struct {
	key, tax    string
	folderPages bool
}{
	{"stage", site.TaxStages, true},
	{"persona", site.TaxPersonas, true},
	{"tag", site.TaxTags, false},
}

// facetsOf fills en's filter data from the page's terms and kind fields.
func (e *env) facetsOf(en *entry, p *site.Page) {
	var personas, tags []string
	for _, r := range p.Terms {
		slug := termSlug(r)
		switch r.Taxonomy {
		case site.TaxStages:
			en.Stage, en.StageName = slug, r.Name
		case site.TaxPersonas:
			personas = append(personas, slug)
		case site.TaxTags:
			tags = append(tags, slug)
		}
	}
	en.Personas = strings.Join(personas, " ")
	en.Tags = strings.Join(tags, " ")
	if p.Objection != nil {
		en.Quote = strings.TrimSpace(p.Objection.Objection)
		en.Category = strings.TrimSpace(p.Objection.Category)
	}
	en.Facts = e.facts(p)
	switch {
	case en.StageName != "" && en.Facts != "":
		en.Meta = en.StageName + " · " + en.Facts
	case en.StageName != "":
		en.Meta = en.StageName
	default:
		en.Meta = en.Facts
	}
}

// termSlug is the last path segment of a term's URL ("/tags/kein-budget/").
func termSlug(r site.TermRef) string {
	return strings.TrimSuffix(strings.TrimPrefix(r.URL, "/"+r.Taxonomy+"/"), "/")
}

// attr returns en's filter data for a facet key.
func (en *entry) attr(key string) string {
	switch key {
	case "stage":
		return en.Stage
	case "persona":
		return en.Personas
	}
	return en.Tags
}

// hasToken reports whether the space-separated list holds tok.
func hasToken(list, tok string) bool {
	for list != "" {
		var t string
		t, list, _ = strings.Cut(list, " ")
		if t == tok {
			return true
		}
	}
	return false
}

// folderList is a folder's list data, computed once per folder and shared by
// the folder page and its filter pages.
type folderList struct {
	folder  *site.Page
	items   []*entry
	group   []int // index into groups for each item
	groups  []listGroup
	folders []*entry
	facets  []facet // all values, none active

	// The facets' values rendered, none active: the same on the folder
	// page and, but for the active facet, on every filter page.
	valuesOnce sync.Once
	values     []template.HTML
	valuesErr  error
}

// valuesHTML returns facet i's values, rendered with none active.
func (fl *folderList) valuesHTML(e *env, i int) (template.HTML, error) {
	fl.valuesOnce.Do(func() {
		fl.values = make([]template.HTML, len(fl.facets))
		for k, f := range fl.facets {
			if fl.values[k], fl.valuesErr = e.facetValues(f.Values); fl.valuesErr != nil {
				return
			}
		}
	})
	if fl.valuesErr != nil {
		return "", fl.valuesErr
	}
	return fl.values[i], nil
}

// folderList collects the content pages below folder, depth first in
// navigation order, and the facets they span.
func (e *env) folderList(folder *site.Page) *folderList {
	fl := &folderList{folder: folder}
	byCategory := folder.Kind == page.KindObjection
	groupOf := map[string]int{}
	add := func(en *entry, key, title, href string) {
		g, ok := groupOf[key]
		if !ok {
			g = len(fl.groups)
			groupOf[key] = g
			fl.groups = append(fl.groups, listGroup{Title: title, Href: href})
		}
		fl.items = append(fl.items, en)
		fl.group = append(fl.group, g)
	}
	if !byCategory {
		// Pages directly in the folder come first, without a heading.
		groupOf[""] = 0
		fl.groups = append(fl.groups, listGroup{})
	}
	var walk func(p *site.Page, key, title, href string, depth int)
	walk = func(p *site.Page, key, title, href string, depth int) {
		for _, c := range p.Children {
			if c == nil {
				continue
			}
			if c.IsFolder {
				if depth == 0 {
					if !byCategory {
						walk(c, c.URL, c.Title, e.href(c.URL), depth+1)
						continue
					}
					fl.folders = append(fl.folders, e.entry(c))
				}
				walk(c, key, title, href, depth+1)
				continue
			}
			en := e.entry(c)
			if byCategory {
				add(en, "c:"+en.Category, en.Category, "")
			} else {
				add(en, key, title, href)
			}
		}
	}
	walk(folder, "", "", "", 0)
	if byCategory {
		// Uncategorised objections come last, under a heading of their own
		// when other groups have one.
		for i, g := range fl.groups {
			if g.Title == "" && len(fl.groups) > 1 {
				fl.groups[i].Title = e.tr("list.other", "Other")
				e.moveLast(fl, i)
				break
			}
		}
	}
	fl.facets = e.facets(fl.items, folder)
	return fl
}

// moveLast moves group g to the end, renumbering the items' groups.
func (e *env) moveLast(fl *folderList, g int) {
	last := len(fl.groups) - 1
	if g == last {
		return
	}
	moved := fl.groups[g]
	copy(fl.groups[g:], fl.groups[g+1:])
	fl.groups[last] = moved
	for i, x := range fl.group {
		switch {
		case x == g:
			fl.group[i] = last
		case x > g:
			fl.group[i] = x - 1
		}
	}
}

// facets lists, per dimension, the terms the items carry, in the taxonomy's
// order. A dimension is left out when it would not narrow the list.
func (e *env) facets(items []*entry, folder *site.Page) []facet {
	var out []facet
	for _, ft := range facetTax {
		tax := e.taxonomy(ft.tax)
		if tax == nil {
			continue
		}
		counts := map[string]int{}
		for _, en := range items {
			for list := en.attr(ft.key); list != ""; {
				var tok string
				tok, list, _ = strings.Cut(list, " ")
				counts[tok]++
			}
		}
		f := facet{Key: ft.key, Label: e.tr("taxonomy."+strings.TrimSuffix(ft.tax, "s"), ft.key), pages: ft.folderPages}
		narrows := false
		for _, t := range tax.Terms {
			n := counts[t.Slug]
			if n == 0 || ft.key == "tag" && n < 2 {
				// A tag on a single page is something to search for, not to
				// filter by: leaving it out keeps the bar short on a phone.
				continue
			}
			narrows = narrows || n < len(items)
			u := t.URL
			if ft.folderPages {
				u += strings.TrimPrefix(folder.URL, "/")
			}
			f.Values = append(f.Values, facetValue{Slug: t.Slug, Name: t.Name, URL: u, Href: e.href(u), Count: n})
		}
		if narrows || len(f.Values) > 1 {
			out = append(out, f)
		}
	}
	return out
}

func (e *env) taxonomy(name string) *site.Taxonomy {
	for _, t := range e.s.Taxonomies {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// view returns the listing of the folder page itself (active == nil) or of
// one filter page.
func (fl *folderList) view(e *env, key string, active *facetValue) *listing {
	l := &listing{Folders: fl.folders, Live: active == nil && len(fl.facets) > 0, All: e.link(fl.folder.Title, fl.folder.URL), fl: fl}
	l.Facets = make([]facet, len(fl.facets))
	for i, f := range fl.facets {
		l.Facets[i] = f
		if active == nil || f.Key != key {
			continue
		}
		l.Facet = f.Label
		l.Facets[i].Active = true
		l.Facets[i].Values = append([]facetValue(nil), f.Values...)
		for j := range l.Facets[i].Values {
			if l.Facets[i].Values[j].Slug == active.Slug {
				l.Facets[i].Values[j].Active = true
				l.Active = &l.Facets[i].Values[j]
			}
		}
	}
	groups := make([]listGroup, len(fl.groups))
	for i, g := range fl.groups {
		groups[i] = listGroup{Title: g.Title, Href: g.Href}
	}
	for i, en := range fl.items {
		if active != nil && !hasToken(en.attr(key), active.Slug) {
			continue
		}
		g := &groups[fl.group[i]]
		g.Items = append(g.Items, en)
		l.Count++
	}
	for _, g := range groups {
		if len(g.Items) > 0 {
			l.Groups = append(l.Groups, g)
		}
	}
	return l
}

// filterJobs renders one filter page per value of each facet of a folder
// that has them.
func (e *env) filterJobs(fl *folderList, folder *view) ([]job, error) {
	var jobs []job
	for _, f := range fl.facets {
		if !f.pages {
			continue
		}
		for _, val := range f.Values {
			out, err := outPath(val.URL)
			if err != nil {
				return nil, fmt.Errorf("render filter %s: %w", val.URL, err)
			}
			v := e.view("section", fl.folder.Title+": "+val.Name, val.URL)
			v.Page, v.Front = folder.Page, folder.Front
			v.NoIndex = true
			v.Canonical = ""
			v.Crumbs = append(append([]link(nil), folder.Crumbs...), e.link(fl.folder.Title, fl.folder.URL))
			// The section stays marked in the navigation, not as the current page.
			st := e.navAt(fl.folder.URL)
			st.page = false
			v.Nav, v.NavKey = e.nav(st)
			val := val
			v.List = fl.view(e, f.Key, &val)
			jobs = append(jobs, job{path: out, what: "filter " + val.URL, tmpl: "section.html", v: v, size: 8 << 10})
		}
	}
	return jobs, nil
}

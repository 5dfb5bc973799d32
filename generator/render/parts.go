package render

import (
	"html/template"
	"strings"
	"sync"

	"playbook/generator/page"
	"playbook/generator/theme"
)

// Template execution is reflection: every action costs about a microsecond,
// and a page shows up in many listings (its folder's list and every ancestor
// folder's, filter pages, term pages, other pages' backlinks and related
// lists). So each page's card, list item and link line are rendered once per
// render by the theme's "card", "item" and "linkitem" templates, on first
// use by whichever worker needs them, a term's link by "termlink" and a
// filter value by "facetvalue" once each; listings join the HTML in Go and
// print it with one action. A theme without one of these templates gets
// empty lists there. finish also computes the strings the page templates
// would otherwise build with function calls.

// part is a rendered partial template.
type part struct {
	once sync.Once
	html string
	err  error
}

// The partial templates rendered once per page, term or filter value.
const (
	cardPart  = "card"
	itemPart  = "item"
	linkPart  = "linkitem"
	termPart  = "termlink"
	valuePart = "facetvalue"
)

var partNames = []string{cardPart, itemPart, linkPart, termPart, valuePart}

// entryParts are an entry's rendered parts.
type entryParts struct {
	card, item, link part
}

// render returns p's HTML, rendering the named template with data on first use.
func (e *env) render(p *part, name string, data any) (string, error) {
	p.once.Do(func() {
		var b strings.Builder
		b.Grow(512)
		p.err = e.ts.ExecutePart(&b, name, data)
		p.html = b.String()
	})
	return p.html, p.err
}

func (e *env) entryPart(en *entry, name string) (string, error) {
	p := &en.parts.card
	switch name {
	case itemPart:
		p = &en.parts.item
	case linkPart:
		p = &en.parts.link
	}
	return e.render(p, name, en)
}

// termLink returns a term link's rendered "termlink", once per term.
func (e *env) termLink(l link) (string, error) {
	v, _ := e.termParts.LoadOrStore(l, &part{})
	return e.render(v.(*part), termPart, l)
}

// join renders the named part of every entry, each after a newline (the
// layout of the templates' ranges), as one piece of HTML. It returns "" for
// an empty list or a theme without the part.
func (e *env) join(list []*entry, name string) (template.HTML, error) {
	if len(list) == 0 || !e.hasPart[name] {
		return "", nil
	}
	parts := make([]string, len(list))
	n := 0
	for i, en := range list {
		s, err := e.entryPart(en, name)
		if err != nil {
			return "", err
		}
		parts[i] = s
		n += 1 + len(s)
	}
	var b strings.Builder
	b.Grow(n)
	for _, s := range parts {
		b.WriteByte('\n')
		b.WriteString(s)
	}
	// Trusted: each part is html/template output in HTML text context.
	return template.HTML(b.String()), nil
}

// finish fills the view's derived fields; it runs in the workers, just
// before the view's template.
func (e *env) finish(v *view) error {
	var err error
	set := func(dst *template.HTML, list []*entry, name string) {
		if err == nil {
			*dst, err = e.join(list, name)
		}
	}
	set(&v.SectionCards, v.Sections, cardPart)
	set(&v.RecentCards, v.Recent, cardPart)
	set(&v.TermCards, v.TermPages, cardPart)
	if v.List == nil {
		set(&v.ChildCards, v.Children, cardPart)
	} else {
		set(&v.List.FolderCards, v.List.Folders, cardPart)
		for i := range v.List.Groups {
			g := &v.List.Groups[i]
			set(&g.ItemsHTML, g.Items, itemPart)
		}
		for i := range v.List.Facets {
			f := &v.List.Facets[i]
			switch {
			case err != nil:
			case f.Active || v.List.fl == nil:
				f.ValuesHTML, err = e.facetValues(f.Values)
			default:
				f.ValuesHTML, err = v.List.fl.valuesHTML(e, i)
			}
		}
	}
	if len(v.Backlinks) > 0 {
		v.BacklinkList.Title = e.tr("list.backlinks", "Backlinks")
		set(&v.BacklinkList.HTML, v.Backlinks, linkPart)
	}
	if len(v.Related) > 0 {
		v.RelatedList.Title = e.tr("list.related", "Related")
		set(&v.RelatedList.HTML, v.Related, linkPart)
	}
	for i := range v.Terms {
		if err == nil {
			v.Terms[i].RefsHTML, err = e.termLinks(v.Terms[i].Refs)
		}
	}
	v.CrumbKey = crumbKey(v.Crumbs)
	v.PlaceholderKey = placeholderKey(v.Placeholders)
	if f := v.Front; f != nil {
		v.Updated, v.UpdatedISO = theme.Date(e.lang, f.Updated), theme.ISODate(f.Updated)
		v.ReviewBy, v.ReviewByISO = theme.Date(e.lang, f.ReviewBy), theme.ISODate(f.ReviewBy)
		v.Badge = e.badge(f)
		if f.Objection != nil && f.Objection.Objection != "" {
			v.Quote = e.tr("quote.open", "\u201c") + f.Objection.Objection + e.tr("quote.close", "\u201d")
		}
		if f.Version != "" {
			v.PrintRight = e.tr("meta.version", "Version") + " " + f.Version
		}
		if v.Updated != "" {
			if v.PrintRight != "" {
				v.PrintRight += " · "
			}
			v.PrintRight += e.tr("meta.updated", "Updated") + " " + v.Updated
		}
		v.Printable = !f.IsFolder && !v.IsHome
	}
	v.PrintLeft = e.s.Config.Title
	if !v.IsHome {
		v.PrintLeft += " · " + v.Title
	}
	return err
}

// badge is the page head's badge: the kind, then an objection's category
// or a pitch's audience.
func (e *env) badge(f *page.Page) string {
	key := "kind." + string(f.Kind)
	if f.IsFolder {
		key = "kind.folder"
	}
	s := e.tr(key, string(f.Kind))
	if f.Objection != nil && f.Objection.Category != "" {
		s += " · " + f.Objection.Category
	}
	if f.Pitch != nil && f.Pitch.Audience != "" {
		s += " · " + f.Pitch.Audience
	}
	return s
}

func (e *env) termLinks(refs []link) (template.HTML, error) {
	if !e.hasPart[termPart] {
		return "", nil
	}
	var b strings.Builder
	for _, r := range refs {
		s, err := e.termLink(r)
		if err != nil {
			return "", err
		}
		b.WriteString(s)
	}
	return template.HTML(b.String()), nil // trusted, as in join
}

// facetValues renders a facet's values with "facetvalue", each distinct
// value once per render: a folder's filter pages repeat them.
func (e *env) facetValues(vals []facetValue) (template.HTML, error) {
	if len(vals) == 0 || !e.hasPart[valuePart] {
		return "", nil
	}
	var b strings.Builder
	for _, val := range vals {
		p, _ := e.valParts.LoadOrStore(val, &part{})
		s, err := e.render(p.(*part), valuePart, val)
		if err != nil {
			return "", err
		}
		b.WriteByte('\n')
		b.WriteString(s)
	}
	return template.HTML(b.String()), nil // trusted, as in join
}

// listSize is the length of the view's joined listings, to size its
// output buffer.
func (v *view) listSize() int {
	n := len(v.SectionCards) + len(v.RecentCards) + len(v.TermCards) + len(v.ChildCards)
	if l := v.List; l != nil {
		n += len(l.FolderCards)
		for _, g := range l.Groups {
			n += len(g.ItemsHTML)
		}
		for _, f := range l.Facets {
			n += len(f.ValuesHTML)
		}
	}
	return n
}

// crumbKey identifies a breadcrumb trail for partialCached.
func crumbKey(crumbs []link) string {
	var b strings.Builder
	for _, c := range crumbs {
		b.WriteString(c.Href)
		b.WriteByte(0)
		b.WriteString(c.Title)
		b.WriteByte(0)
	}
	return b.String()
}

// placeholderKey identifies a placeholder panel for partialCached: the names
// (the descriptions come from the config, the same for every page).
func placeholderKey(ph []placeholder) string {
	var b strings.Builder
	for _, p := range ph {
		b.WriteString(p.Name)
		b.WriteByte(0)
	}
	return b.String()
}

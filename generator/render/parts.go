package render

import (
	"html/template"
	"strings"
	"sync"
)

// A page shows up in many listings: its folder's list and every ancestor
// folder's, their filter pages, its term pages, the home page. Executing the
// theme's "card" or "item" template for each of them made listings most of
// a build's template time, so each page's card and item are rendered once
// per render, on first use (in whichever worker needs them first), and
// listings join the HTML in Go.

// part is one page's rendered "card" or "item" template.
type part struct {
	once sync.Once
	html string
	err  error
}

// Names of the partial templates rendered once per page.
const (
	cardPart = "card"
	itemPart = "item"
)

// render returns en's part, rendering it on first use.
func (e *env) part(en *entry, name string) (string, error) {
	p := &en.card
	if name == itemPart {
		p = &en.item
	}
	p.once.Do(func() {
		var b strings.Builder
		b.Grow(512)
		p.err = e.ts.ExecutePart(&b, name, en)
		p.html = b.String()
	})
	return p.html, p.err
}

// join renders the named part of every entry, each after a newline (the
// layout the templates' ranges had), as one piece of HTML. It returns ""
// for an empty list or a theme without the part.
func (e *env) join(list []*entry, name string) (template.HTML, error) {
	if len(list) == 0 || !e.hasPart[name] {
		return "", nil
	}
	parts := make([]string, len(list))
	n := 0
	for i, en := range list {
		s, err := e.part(en, name)
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

// finish fills the view's pre-rendered listings; it runs in the workers,
// just before the view's template.
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
	}
	return err
}

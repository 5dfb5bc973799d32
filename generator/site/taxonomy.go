package site

import (
	"sort"
	"strings"

	"playbook/generator/diag"
	"playbook/generator/page"
)

// Taxonomy names, in the order of Site.Taxonomies.
const (
	TaxTags     = "tags"
	TaxPersonas = "personas"
	TaxStages   = "stages"
)

// termBuilder gathers one term while the pages are scanned.
type termBuilder struct {
	term      *Term
	spellings map[string]int // how often each spelling is written
	ranks     []int          // ranks of the pages, ascending, aligned with term.Pages
}

// taxBuilder gathers the terms of one taxonomy.
type taxBuilder struct {
	tax    *Taxonomy
	bySlug map[string]int // slug -> index in terms
	terms  []*termBuilder
}

func newTaxBuilder(name string) *taxBuilder {
	return &taxBuilder{tax: &Taxonomy{Name: name, URL: "/" + name + "/"}, bySlug: map[string]int{}}
}

// add records that sp, of the given rank, carries a term (spelt as written),
// returning the term id. Pages come in title order, so term pages do too.
func (b *taxBuilder) add(sp *Page, rank int, slug, spelling string) int {
	id, ok := b.bySlug[slug]
	if !ok {
		id = len(b.terms)
		b.bySlug[slug] = id
		b.terms = append(b.terms, &termBuilder{
			term:      &Term{Slug: slug, URL: b.tax.URL + slug + "/"},
			spellings: map[string]int{},
		})
	}
	tb := b.terms[id]
	tb.spellings[spelling]++
	if n := len(tb.term.Pages); n == 0 || tb.term.Pages[n-1] != sp {
		tb.term.Pages = append(tb.term.Pages, sp)
		tb.ranks = append(tb.ranks, rank)
	}
	return id
}

// taxonomies builds tags, personas and stages and fills Page.Terms. Tags
// (and personas) that differ only in case or punctuation share a slug and so
// one term, shown in its most common spelling.
func (a *assembler) taxonomies() {
	s := a.site
	tags, personas, stages := newTaxBuilder(TaxTags), newTaxBuilder(TaxPersonas), newTaxBuilder(TaxStages)
	a.stage = make([]int, len(s.Pages))
	// One flat slice for all pages' refs: refs[start[i]:start[i+1]] belong to
	// the page of rank i.
	refs := make([]termRef, 0, 4*len(s.Pages))
	start := make([]int, len(s.Pages)+1)
	slugs := map[string]string{} // spelling -> slug: a few hundred spellings, used thousands of times
	slug := func(v string) string {
		sl, ok := slugs[v]
		if !ok {
			sl = page.Slug(v)
			slugs[v] = sl
		}
		return sl
	}
	for i, sp := range a.order {
		start[i] = len(refs)
		a.stage[i] = -1
		refs = addTerms(refs, start[i], tags, sp, i, sp.Tags, slug)
		refs = addTerms(refs, start[i], personas, sp, i, sp.Personas, slug)
		if st := strings.TrimSpace(sp.Stage); st != "" {
			id := stages.add(sp, i, slug(st), st)
			a.stage[i] = id
			refs = append(refs, termRef{stages, id, ""})
		}
	}
	start[len(a.order)] = len(refs)
	a.refs, a.refStart = refs, start
	a.finishNamed(tags)
	a.finishNamed(personas)
	a.finishStages(stages)
	a.tagB, a.stageB = tags, stages
	s.Taxonomies = []*Taxonomy{tags.tax, personas.tax, stages.tax}

	for i, sp := range a.order {
		mine := a.refsOf(i)
		if len(mine) > 0 {
			sp.Terms = make([]TermRef, 0, len(mine))
		}
		for _, r := range mine {
			t := r.b.terms[r.id].term
			name := r.name
			if name == "" {
				name = t.Name
			}
			sp.Terms = append(sp.Terms, TermRef{Taxonomy: r.b.tax.Name, Name: name, URL: t.URL})
		}
	}
	a.checkTaxonomyURLs()
}

// termRef is a term a page carries, before the terms are final.
type termRef struct {
	b    *taxBuilder
	id   int
	name string // as written on the page; "" for stages, which show their label
}

// addTerms adds the page of the given rank to the terms of b it carries and
// appends its refs, each term once (a page may list a tag twice, or in two spellings).
func addTerms(refs []termRef, from int, b *taxBuilder, sp *Page, rank int, values []string, slug func(string) string) []termRef {
	for _, v := range values {
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		id := b.add(sp, rank, slug(v), v)
		if !hasTerm(refs[from:], b, id) {
			refs = append(refs, termRef{b, id, v})
		}
	}
	return refs
}

// refsOf returns the term refs of the page of rank i.
func (a *assembler) refsOf(i int) []termRef { return a.refs[a.refStart[i]:a.refStart[i+1]] }

// hasTerm reports whether refs already hold term id of b (a page listing a
// tag twice, or in two spellings, carries it once).
func hasTerm(refs []termRef, b *taxBuilder, id int) bool {
	for _, r := range refs {
		if r.b == b && r.id == id {
			return true
		}
	}
	return false
}

// finishNamed picks each term's display name and sorts the terms by it; their
// pages are in title order already.
func (a *assembler) finishNamed(b *taxBuilder) {
	for _, tb := range b.terms {
		best, n := "", 0
		for sp, c := range tb.spellings {
			if c > n || (c == n && sp < best) {
				best, n = sp, c
			}
		}
		tb.term.Name = best
		b.tax.Terms = append(b.tax.Terms, tb.term)
	}
	keys := make(map[*Term]string, len(b.tax.Terms))
	for _, t := range b.tax.Terms {
		keys[t] = foldKey(t.Name)
	}
	sort.Slice(b.tax.Terms, func(i, j int) bool {
		x, y := b.tax.Terms[i], b.tax.Terms[j]
		return titleLess(keys[x], x.Name, x.Slug, keys[y], y.Name, y.Slug)
	})
}

// finishStages labels stage terms and orders them as configured; a stage the
// config does not know (page validation reports it) comes last, by id.
func (a *assembler) finishStages(b *taxBuilder) {
	cfg := a.ix.cfg
	order := map[string]int{}
	for i, st := range cfg.Stages {
		order[st.ID] = i
	}
	idOf := make(map[*Term]string, len(b.terms))
	for _, tb := range b.terms {
		// The configured spelling if any, else the first in byte order.
		var id string
		for sp := range tb.spellings {
			known, idKnown := cfg.HasStage(sp), cfg.HasStage(id)
			if id == "" || (known && !idKnown) || (known == idKnown && sp < id) {
				id = sp
			}
		}
		idOf[tb.term] = id
		tb.term.Name = id
		if st, ok := cfg.Stage(id); ok {
			tb.term.Name = st.Label(cfg.Language)
		}
		b.tax.Terms = append(b.tax.Terms, tb.term)
	}
	sort.Slice(b.tax.Terms, func(i, j int) bool {
		x, y := b.tax.Terms[i], b.tax.Terms[j]
		ox, okx := order[idOf[x]]
		oy, oky := order[idOf[y]]
		if okx != oky {
			return okx
		}
		if okx {
			return ox < oy
		}
		return idOf[x] < idOf[y]
	})
}

// checkTaxonomyURLs reports pages and aliases that take the URL of a
// taxonomy or term listing, which render would otherwise overwrite.
func (a *assembler) checkTaxonomyURLs() {
	s := a.site
	aliasAt := make(map[string]*Page, len(s.Aliases))
	for _, al := range s.Aliases {
		aliasAt[al.From] = al.Page
	}
	check := func(u, what string) {
		if p := s.ByURL[u]; p != nil {
			a.errs.Errorf(diag.Pos{File: "content/" + p.Source}, "page URL %s is taken by the %s listing", u, what)
		}
		if p := aliasAt[u]; p != nil {
			a.errs.Errorf(diag.Pos{File: "content/" + p.Source, Line: p.FieldLines["aliases"]},
				"alias %s is taken by the %s listing", u, what)
		}
	}
	// Outputs the build makes itself, besides the listings.
	for _, u := range []string{"/search/", "/changes/", "/404.html", "/sitemap.xml", "/sw.js", "/offline.json", "/manifest.webmanifest", "/assets/", "/icons/"} {
		check(u, "site's own "+strings.Trim(u, "/"))
	}
	for _, t := range s.Taxonomies {
		check(t.URL, t.Name)
		for _, term := range t.Terms {
			check(term.URL, t.Name+" \""+term.Name+"\"")
		}
	}
}

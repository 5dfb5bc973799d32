package site

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"playbook/generator/config"
	"playbook/generator/markdown"
	"playbook/generator/page"
)

// synthetic makes n pages spread over sections and sub-folders, with tags,
// stages, links and headings, seeded so every run sees the same site.
func synthetic(n, vocab int, seed uint64) ([]*page.Page, map[string]*markdown.Document) {
	r := rand.New(rand.NewPCG(seed, 1))
	sections := []string{"objections", "pitches", "cadences", "voicemails", "retention", "checklists", "workshops", "wissen"}
	stages := []string{"", "prospecting", "discovery", "demo", "negotiation", "closing", "onboarding", "renewal"}
	pages := make([]*page.Page, 0, n)
	docs := make(map[string]*markdown.Document, n)
	for i := range n {
		sec := sections[r.IntN(len(sections))]
		src := fmt.Sprintf("%s/ordner-%d/seite-%d.md", sec, r.IntN(20), i)
		if i%50 == 0 {
			src = fmt.Sprintf("%s/ordner-%d/_index.md", sec, i/50%20)
		}
		var tg []string
		for range r.IntN(5) {
			t := fmt.Sprintf("Thema %d", r.IntN(vocab))
			if r.IntN(4) == 0 {
				t = strings.ToUpper(t)
			}
			tg = append(tg, t)
		}
		title := fmt.Sprintf("Seite %d", r.IntN(n))
		if i%7 == 0 {
			title = "Ärger " + title
		}
		pages = append(pages, mk(src, title, tags(tg...), stage(stages[r.IntN(len(stages))]), weight(r.IntN(3))))
		docs[src] = &markdown.Document{
			Summary:  "Zusammenfassung",
			Headings: []markdown.Heading{{Level: 2, ID: "einstieg"}, {Level: 2, ID: "antwort"}},
		}
	}
	// Links point at earlier pages, so every target exists.
	for i, p := range pages {
		d := docs[p.Source]
		for k := range 3 {
			if i == 0 {
				break
			}
			t := pages[r.IntN(i)]
			anchor := ""
			if k == 1 {
				anchor = "antwort"
			}
			d.Links = append(d.Links, markdown.Link{Target: t.Source, Anchor: anchor, Line: k + 1})
		}
	}
	return dedupe(pages), docs
}

// dedupe drops pages whose source was drawn twice.
func dedupe(ps []*page.Page) []*page.Page {
	seen := map[string]bool{}
	out := ps[:0]
	for _, p := range ps {
		if !seen[p.Source] {
			seen[p.Source] = true
			out = append(out, p)
		}
	}
	return out
}

// TestRelatedMatchesBruteForce checks the tag-indexed scoring against the
// obvious quadratic definition on random sites.
func TestRelatedMatchesBruteForce(t *testing.T) {
	for seed := range uint64(3) {
		pages, docs := synthetic(400, 15, seed)
		ix, errs := NewIndex(config.Default(), pages, nil)
		checkDiags(t, errs, nil)
		s, _ := Assemble(ix, docs, time.Time{})

		order := slices.Clone(s.Pages)
		sort.Slice(order, func(i, j int) bool {
			a, b := order[i], order[j]
			return titleLess(foldKey(a.Title), a.Title, a.URL, foldKey(b.Title), b.Title, b.URL)
		})
		tagSets := map[*Page]map[string]bool{}
		for _, p := range s.Pages {
			m := map[string]bool{}
			for _, t := range p.Tags {
				m[page.Slug(t)] = true
			}
			tagSets[p] = m
		}
		for _, p := range s.Pages {
			mine := tagSets[p]
			type cand struct {
				p     *Page
				score int
			}
			var cs []cand
			for _, q := range order {
				if q == p || q.IsFolder {
					continue
				}
				sc := 0
				for tg := range tagSets[q] {
					if mine[tg] {
						sc += 2
					}
				}
				if p.Stage != "" && q.Stage == p.Stage {
					sc++
				}
				if sc > 0 {
					cs = append(cs, cand{q, sc})
				}
			}
			sort.SliceStable(cs, func(i, j int) bool { return cs[i].score > cs[j].score })
			var want []*Page
			for i := 0; i < len(cs) && i < maxRelated; i++ {
				want = append(want, cs[i].p)
			}
			if !slices.Equal(urls(p.Related), urls(want)) {
				t.Fatalf("seed %d, related of %s:\n got %q\nwant %q", seed, p.URL, urls(p.Related), urls(want))
			}
		}
	}
}

func BenchmarkAssemble(b *testing.B) {
	pages, docs := synthetic(10000, 150, 42)
	ix, errs := NewIndex(config.Default(), pages, nil)
	if len(errs) > 0 {
		b.Fatal(errs)
	}
	now := time.Now()
	b.ReportAllocs()
	for b.Loop() {
		if _, errs := Assemble(ix, docs, now); len(errs) > 0 {
			b.Fatal(errs)
		}
	}
}

func BenchmarkNewIndex(b *testing.B) {
	pages, _ := synthetic(10000, 150, 42)
	cfg := config.Default()
	b.ReportAllocs()
	for b.Loop() {
		if _, errs := NewIndex(cfg, pages, nil); len(errs) > 0 {
			b.Fatal(errs)
		}
	}
}

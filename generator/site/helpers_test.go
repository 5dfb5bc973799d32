package site

import (
	"path"
	"slices"
	"strings"
	"testing"
	"time"

	"playbook/generator/config"
	"playbook/generator/diag"
	"playbook/generator/markdown"
	"playbook/generator/page"
)

// mk builds a page as page.New would for src, then applies the options.
func mk(src, title string, opts ...func(*page.Page)) *page.Page {
	p := &page.Page{Source: src, URL: page.URLFor(src), Title: title}
	if dir := path.Dir(src); dir != "." {
		p.Section, _, _ = strings.Cut(dir, "/")
	}
	p.Kind = page.KindForSection(p.Section)
	p.IsFolder = path.Base(src) == "_index.md"
	for _, o := range opts {
		o(p)
	}
	return p
}

func weight(w int) func(*page.Page) { return func(p *page.Page) { p.Weight = w } }

func tags(t ...string) func(*page.Page) { return func(p *page.Page) { p.Tags = t } }

func stage(s string) func(*page.Page) { return func(p *page.Page) { p.Stage = s } }

func aliases(line int, a ...string) func(*page.Page) {
	return func(p *page.Page) {
		p.Aliases = a
		p.FieldLines = map[string]int{"aliases": line}
	}
}

// build runs both steps and fails the test on any error.
func build(t *testing.T, cfg *config.Config, pages []*page.Page, docs map[string]*markdown.Document) *Site {
	t.Helper()
	ix, errs := NewIndex(cfg, pages, nil)
	if len(errs) > 0 {
		t.Fatalf("NewIndex: %v", errs)
	}
	s, errs := Assemble(ix, docs, time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC))
	if len(errs) > 0 {
		t.Fatalf("Assemble: %v", errs)
	}
	return s
}

// lines renders a diag.List one entry a line, for exact comparisons.
func lines(l diag.List) []string {
	var out []string
	for _, d := range l {
		out = append(out, d.Error())
	}
	return out
}

func checkDiags(t *testing.T, got diag.List, want []string) {
	t.Helper()
	if g := lines(got); !slices.Equal(g, want) {
		t.Errorf("diagnostics:\n got %q\nwant %q", g, want)
	}
}

// urls lists the URLs of ps, for compact comparisons.
func urls(ps []*Page) []string {
	out := []string{}
	for _, p := range ps {
		if p == nil {
			out = append(out, "<nil>")
			continue
		}
		out = append(out, p.URL)
	}
	return out
}

func checkURLs(t *testing.T, what string, got []*Page, want ...string) {
	t.Helper()
	if want == nil {
		want = []string{}
	}
	if g := urls(got); !slices.Equal(g, want) {
		t.Errorf("%s:\n got %q\nwant %q", what, g, want)
	}
}

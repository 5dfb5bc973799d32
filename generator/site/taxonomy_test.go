package site

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"playbook/generator/config"
	"playbook/generator/page"
)

// terms renders a taxonomy as "Name slug url: page URLs" lines.
func terms(tx *Taxonomy) []string {
	var out []string
	for _, t := range tx.Terms {
		out = append(out, fmt.Sprintf("%s %s %s: %s", t.Name, t.Slug, t.URL, strings.Join(urls(t.Pages), " ")))
	}
	return out
}

func TestTaxonomies(t *testing.T) {
	personas := func(ps ...string) func(*page.Page) { return func(p *page.Page) { p.Personas = ps } }
	pages := []*page.Page{
		mk("a.md", "Zahlen", tags("Kein Budget", "Preis", "kein budget"), stage("closing")),
		mk("b.md", "Budgetfrage", tags("kein budget"), personas("CFO"), stage("discovery")),
		mk("c.md", "Ärger", tags("KEIN BUDGET", "Öffnung"), personas("cfo", "Einkauf")),
		mk("d.md", "Angebot", tags("Kein Budget", "Zeit"), stage("closing")),
		mk("e.md", "Eigen", tags("Kein Budget"), stage("custom")),
		mk("f.md", "Fall", stage("Closing")),
	}
	cfg := config.Default()
	s := build(t, cfg, pages, nil)
	if len(s.Taxonomies) != 3 {
		t.Fatalf("%d taxonomies", len(s.Taxonomies))
	}
	tests := []struct {
		tax  *Taxonomy
		name string
		want []string
	}{
		{s.Taxonomies[0], TaxTags, []string{
			// Most common spelling wins; pages by title with "Ä" beside "A".
			"Kein Budget kein-budget /tags/kein-budget/: /d/ /c/ /b/ /e/ /a/",
			"Öffnung oeffnung /tags/oeffnung/: /c/",
			"Preis preis /tags/preis/: /a/",
			"Zeit zeit /tags/zeit/: /d/",
		}},
		{s.Taxonomies[1], TaxPersonas, []string{
			"CFO cfo /personas/cfo/: /c/ /b/",
			"Einkauf einkauf /personas/einkauf/: /c/",
		}},
		{s.Taxonomies[2], TaxStages, []string{
			// Configured order, German labels, unknown stages last.
			"Bedarfsanalyse discovery /stages/discovery/: /b/",
			"Abschluss closing /stages/closing/: /d/ /f/ /a/",
			"custom custom /stages/custom/: /e/",
		}},
	}
	for _, tt := range tests {
		if tt.tax.Name != tt.name || tt.tax.URL != "/"+tt.name+"/" {
			t.Errorf("taxonomy %q at %q", tt.tax.Name, tt.tax.URL)
		}
		if got := terms(tt.tax); !slices.Equal(got, tt.want) {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}

	var refs []string
	for _, r := range s.ByURL["/a/"].Terms {
		refs = append(refs, r.Taxonomy+":"+r.Name+":"+r.URL)
	}
	want := []string{"tags:Kein Budget:/tags/kein-budget/", "tags:Preis:/tags/preis/", "stages:Abschluss:/stages/closing/"}
	if !slices.Equal(refs, want) {
		t.Errorf("terms of a:\n got %q\nwant %q", refs, want)
	}

	cfg.Language = "en"
	s = build(t, cfg, pages, nil)
	if got := s.Taxonomies[2].Terms[0].Name; got != "Discovery" {
		t.Errorf("English stage label = %q", got)
	}
}

func TestTaxonomyURLTaken(t *testing.T) {
	pages := []*page.Page{
		mk("tags/_index.md", "Schlagworte"),
		mk("tags/preis.md", "Preis-Tag"),
		mk("a.md", "A", tags("Preis"), aliases(3, "/personas/cfo/")),
		mk("b.md", "B", func(p *page.Page) { p.Personas = []string{"CFO"} }),
	}
	ix, errs := NewIndex(config.Default(), pages, nil)
	checkDiags(t, errs, nil)
	_, errs = Assemble(ix, nil, time.Time{})
	checkDiags(t, errs, []string{
		`content/a.md:3: error: alias /personas/cfo/ is taken by the personas "CFO" listing`,
		`content/tags/_index.md: error: page URL /tags/ is taken by the tags listing`,
		`content/tags/preis.md: error: page URL /tags/preis/ is taken by the tags "Preis" listing`,
	})
}

func TestRelated(t *testing.T) {
	pages := []*page.Page{
		mk("p0.md", "P0", tags("a", "b"), stage("demo")),
		mk("p1.md", "P1", tags("a", "b")),              // 4
		mk("p2.md", "P2", tags("a"), stage("demo")),    // 3
		mk("p3.md", "P3", tags("a")),                   // 2, later title than p4
		mk("p4.md", "Ohne", tags("B")),                 // 2
		mk("p5.md", "S1", stage("demo")),               // 1
		mk("p6.md", "S2", stage("demo")),               // 1, sixth: left out
		mk("p7.md", "P7", tags("c"), stage("closing")), // 0
		mk("x/_index.md", "Ordner", tags("a", "b")),    // folder pages are never related
		mk("x/y.md", "Y"),
	}
	s := build(t, config.Default(), pages, nil)
	tests := []struct {
		url  string
		want []string
	}{
		{"/p0/", []string{"/p1/", "/p2/", "/p4/", "/p3/", "/p5/"}},
		{"/p5/", []string{"/p0/", "/p2/", "/p6/"}},
		{"/p7/", []string{}},
		{"/x/", []string{"/p0/", "/p1/", "/p4/", "/p2/", "/p3/"}},
		{"/x/y/", []string{}},
	}
	for _, tt := range tests {
		checkURLs(t, "related of "+tt.url, s.ByURL[tt.url].Related, tt.want...)
	}
}

package render

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"

	"playbook/generator/markdown"
	"playbook/generator/page"
	"playbook/generator/site"
)

// listSite is the fixture with more objections: two categories, one without
// a category, one in a sub-folder, across two stages and personas.
func listSite() *site.Site {
	s := testSite()
	objs := s.ByURL["/objections/"]
	stages, personas, tags := s.Taxonomies[2], s.Taxonomies[1], s.Taxonomies[0]
	prospecting := &site.Term{Name: "Akquise", Slug: "prospecting", URL: "/stages/prospecting/"}
	stages.Terms = append([]*site.Term{prospecting}, stages.Terms...)
	it := &site.Term{Name: "IT-Leitung", Slug: "it-leitung", URL: "/personas/it-leitung/"}
	personas.Terms = append(personas.Terms, it)
	preis := tags.Terms[1]

	mk := func(src, url, title, quote, cat string, stage *site.Term, persona *site.Term, tag *site.Term) *site.Page {
		p := &site.Page{Page: &page.Page{Source: src, URL: url, Section: "objections", Kind: page.KindObjection, Title: title,
			Objection: &page.Objection{Objection: quote, Category: cat}}, Doc: &markdown.Document{}}
		for _, tr := range []struct {
			tax  string
			term *site.Term
		}{{"stages", stage}, {"personas", persona}, {"tags", tag}} {
			if tr.term != nil {
				p.Terms = append(p.Terms, site.TermRef{Taxonomy: tr.tax, Name: tr.term.Name, URL: tr.term.URL})
				tr.term.Pages = append(tr.term.Pages, p)
			}
		}
		s.Pages = append(s.Pages, p)
		s.ByURL[p.URL] = p
		return p
	}
	zeit := mk("objections/keine-zeit.md", "/objections/keine-zeit/", "Keine Zeit", "Ich habe keine Zeit.", "Abwimmeln", prospecting, it, nil)
	bedarf := mk("objections/kein-bedarf.md", "/objections/kein-bedarf/", "Kein Bedarf", "Kein Bedarf.", "Abwimmeln", prospecting, nil, preis)
	sonst := mk("objections/sonst.md", "/objections/sonst/", "Sonstiges", "Hm.", "", nil, nil, nil)
	sub := &site.Page{Page: &page.Page{Source: "objections/preis/_index.md", URL: "/objections/preis/", Section: "objections",
		Kind: page.KindObjection, Title: "Preisfragen", IsFolder: true}, Doc: &markdown.Document{}}
	rabatt := mk("objections/preis/rabatt.md", "/objections/preis/rabatt/", "Rabatt", "Da geht noch was.", "Preis", stages.Terms[1], nil, preis)
	sub.Children = []*site.Page{rabatt}
	s.Pages = append(s.Pages, sub)
	s.ByURL[sub.URL] = sub
	// Navigation order: the budget page, then these, the sub-folder last.
	objs.Children = append(objs.Children, zeit, sonst, bedarf, sub)
	return s
}

func renderSite(t *testing.T, s *site.Site) map[string][]byte {
	t.Helper()
	files, err := Render(s, loadTheme(t))
	if err != nil {
		t.Fatal(err)
	}
	m := map[string][]byte{}
	for _, f := range files {
		m[f.Path] = f.Data
	}
	return m
}

var (
	groupRE = regexp.MustCompile(`<h2>([^<]*)</h2>\n<ul class="items">`)
	itemRE  = regexp.MustCompile(`<li class="item"[^>]*><a href="/team(/[^"]*)"`)
	valueRE = regexp.MustCompile(`data-facet="(\w+)"|data-value="([^"]*)"`)
)

func matches(re *regexp.Regexp, b []byte, sep string) string {
	var out []string
	for _, m := range re.FindAllSubmatch(b, -1) {
		for _, g := range m[1:] {
			if len(g) > 0 {
				out = append(out, string(g))
			}
		}
	}
	return strings.Join(out, sep)
}

func TestListing(t *testing.T) {
	out := renderSite(t, listSite())
	objs := out["objections/index.html"]
	if got := matches(groupRE, objs, ", "); got != "Preis, Abwimmeln, Weitere" {
		t.Errorf("groups = %q (by category, first seen first, uncategorised last)", got)
	}
	if got := matches(itemRE, objs, " "); got != "/objections/kein-budget/ /objections/preis/rabatt/ /objections/keine-zeit/ /objections/kein-bedarf/ /objections/sonst/" {
		t.Errorf("items = %q", got)
	}
	if got := matches(valueRE, objs, " "); got != "stage prospecting negotiation persona cfo it-leitung tag preis" {
		t.Errorf("filter values = %q (the tag used once is left out)", got)
	}
	for _, want := range []string{
		`<nav class="filters" aria-label="Filter" data-filters>`,
		`<a href="/team/stages/negotiation/objections/" data-value="negotiation">Verhandlung <span class="n">2</span></a>`,
		`<li class="item" data-stage="prospecting" data-persona="it-leitung"><a href="/team/objections/keine-zeit/">`,
		`<span class="item-quote">„Ich habe keine Zeit.“</span>`,
		`<h2>Unterbereiche</h2>`, `<a href="/team/objections/preis/">`,
		`<script src="/team/assets/filter.`,
	} {
		if !bytes.Contains(objs, []byte(want)) {
			t.Errorf("objections page lacks %s", want)
		}
	}

	// A filter page per value, listing only its pages, marked and not indexed.
	f := out["stages/negotiation/objections/index.html"]
	if f == nil {
		t.Fatal("no filter page for stage negotiation")
	}
	if got := matches(itemRE, f, " "); got != "/objections/kein-budget/ /objections/preis/rabatt/" {
		t.Errorf("filter page items = %q", got)
	}
	for _, want := range []string{
		`<meta name="robots" content="noindex">`, `<h1>Einwände: Verhandlung</h1>`,
		`<div class="facet facet-active" data-facet="stage">`,
		`<a href="/team/stages/negotiation/objections/" data-value="negotiation" aria-current="page">`,
		`<a href="/team/objections/" aria-current="true">`,  // the section stays current in the nav
		`<li><a href="/team/objections/">Einwände</a></li>`, // and in the breadcrumbs
	} {
		if !bytes.Contains(f, []byte(want)) {
			t.Errorf("filter page lacks %s", want)
		}
	}
	if bytes.Contains(f, []byte("data-filters")) || bytes.Contains(f, []byte("/filter.")) {
		t.Error("filter page filters in place too")
	}
	if p := out["personas/it-leitung/objections/index.html"]; matches(itemRE, p, " ") != "/objections/keine-zeit/" {
		t.Errorf("persona filter page lists %q", matches(itemRE, p, " "))
	}
	if out["tags/kein-budget/objections/index.html"] != nil {
		t.Error("filter page for a tag used once")
	}
	// Tags have no filter pages: the value links to the tag's own page (and
	// JavaScript filters in place by its data-value).
	if out["tags/preis/objections/index.html"] != nil {
		t.Error("filter page for a tag")
	}
	for _, page := range [][]byte{objs, f} {
		if !bytes.Contains(page, []byte(`<a href="/team/tags/preis/" data-value="preis">preis <span class="n">3</span></a>`)) {
			t.Errorf("tag value does not link the tag's page:\n%s", page)
		}
	}
	// The sub-folder has one page: nothing to filter.
	if sub := out["objections/preis/index.html"]; bytes.Contains(sub, []byte(`class="filters"`)) || out["stages/negotiation/objections/preis/index.html"] != nil {
		t.Error("filters on a list that cannot be narrowed")
	}
	if bytes.Contains(out["sitemap.xml"], []byte("/stages/negotiation/objections/")) {
		t.Error("filter page in the sitemap")
	}
}

// TestListingBySubfolder: a folder of other pages groups them by sub-folder,
// its own pages first, without a heading.
func TestListingBySubfolder(t *testing.T) {
	s := testSite()
	home := s.Home
	root := &site.Page{Page: &page.Page{Source: "grundlagen/_index.md", URL: "/grundlagen/", Kind: page.KindPage, Title: "Grundlagen", IsFolder: true}, Doc: &markdown.Document{}}
	sub := &site.Page{Page: &page.Page{Source: "grundlagen/crm/_index.md", URL: "/grundlagen/crm/", Kind: page.KindPage, Title: "CRM", IsFolder: true}, Doc: &markdown.Document{}}
	a := &site.Page{Page: &page.Page{Source: "grundlagen/crm/felder.md", URL: "/grundlagen/crm/felder/", Kind: page.KindPage, Title: "Felder", Summary: "Was wohin gehört."}, Doc: &markdown.Document{}}
	b := &site.Page{Page: &page.Page{Source: "grundlagen/fragen.md", URL: "/grundlagen/fragen/", Kind: page.KindPage, Title: "Fragen"}, Doc: &markdown.Document{}}
	root.Children, sub.Children = []*site.Page{sub, b}, []*site.Page{a}
	root.Parent, sub.Parent = home, root
	s.Pages = append(s.Pages, root, sub, a, b)
	out := renderSite(t, s)
	g := out["grundlagen/index.html"]
	if got := matches(itemRE, g, " "); got != "/grundlagen/fragen/ /grundlagen/crm/felder/" {
		t.Errorf("items = %q", got)
	}
	if !bytes.Contains(g, []byte(`<h2><a href="/team/grundlagen/crm/">CRM</a></h2>`)) || bytes.Contains(g, []byte("Unterbereiche")) {
		t.Errorf("sub-folder group:\n%s", g)
	}
	if !bytes.Contains(g, []byte(`<span class="item-summary">Was wohin gehört.</span>`)) {
		t.Error("item without summary")
	}
}

func TestTimingAndFacts(t *testing.T) {
	s := testSite()
	e := &env{s: s, th: loadTheme(t), lang: "de", base: "/"}
	pitch := s.ByURL["/pitches/elevator/"]
	pitch.Doc.Scripts = []markdown.Script{{Seconds: 20}, {Seconds: 15}}
	tm := e.timingOf(pitch)
	if tm.Est != 35 || tm.Target != 30 || !tm.Over || tm.Diff != 5 || tm.Count != 2 || tm.WPM != 130 {
		t.Errorf("pitch timing = %+v (a pitch's scripts add up)", tm)
	}
	if tm.Scale != 38 || tm.EstPct != "92.1" || tm.TargetPct != "78.9" {
		t.Errorf("bar = %d %s %s", tm.Scale, tm.EstPct, tm.TargetPct)
	}
	vm := s.ByURL["/voicemails/erstkontakt/"]
	vm.Doc.Scripts = []markdown.Script{{Seconds: 20}, {Seconds: 25}}
	if tm := e.timingOf(vm); tm.Est != 25 || tm.Over || tm.Diff != 5 {
		t.Errorf("voicemail timing = %+v (each script on its own)", tm)
	}
	if tm := e.timingOf(s.ByURL["/ueber/"]); tm != nil {
		t.Errorf("plain page has timing %+v", tm)
	}
	pitch.Pitch.Duration = 0
	pitch.Doc.Scripts = nil
	if tm := e.timingOf(pitch); tm != nil {
		t.Errorf("pitch without target or script: %+v", tm)
	}
	pitch.Pitch.Duration = 2 * time.Minute
	if got := e.facts(pitch); got != "Zielzeit 2:00 min" {
		t.Errorf("pitch facts %q", got)
	}
	if got := e.facts(vm); got != "≈ 25 s · Höchstens 30 s" {
		t.Errorf("voicemail facts %q", got)
	}
	if got := e.facts(s.ByURL["/cadences/neukunde/"]); got != "4 Schritte · 7 Tage" {
		t.Errorf("cadence facts %q", got)
	}
	chk := s.ByURL["/checklists/erstgespraech/"]
	chk.Doc.Tasks = []markdown.Task{{ID: "a"}}
	if got := e.facts(chk); got != "1 Punkt" {
		t.Errorf("checklist facts %q", got)
	}
}

func TestUsages(t *testing.T) {
	s := testSite()
	e := &env{s: s, th: loadTheme(t), lang: "de", base: "/"}
	e.buildEntries()
	vm := s.ByURL["/voicemails/erstkontakt/"]
	cad := s.ByURL["/cadences/neukunde/"]
	cad.Cadence.Steps[3].Template = "voicemails/erstkontakt"
	cad.StepPages[3] = vm
	u := e.usages(vm)
	if len(u) != 1 || u[0].Title != "Neukunden-Kadenz" || u[0].Days != "Tag 1, Tag 7" {
		t.Errorf("usages = %+v", u)
	}
	c := e.cadenceOf(cad)
	if c.File != "neukunde" || c.UID != "cadences/neukunde" || c.Span != 7 || c.Steps != 4 || len(c.Days) != 3 {
		t.Errorf("cadence = %+v", c)
	}
	if got := c.Days[2].Steps[0]; got.Icon != "other" || got.Label != "Fax" || got.Page != e.entry(vm) {
		t.Errorf("unknown channel step = %+v", got)
	}
}

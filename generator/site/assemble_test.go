package site

import (
	"testing"
	"time"

	"playbook/generator/config"
	"playbook/generator/markdown"
	"playbook/generator/page"
)

func TestAssembleTree(t *testing.T) {
	pages := []*page.Page{
		mk("objections/_index.md", "Einwände", weight(1)),
		mk("objections/zeit.md", "Zeit"),
		mk("objections/aerger.md", "Ärger"),
		mk("objections/angebot.md", "Angebot"),
		mk("objections/zuerst.md", "Zuerst", weight(-1)),
		mk("objections/preis.md", "Preis"),
		mk("objections/preis/zu-teuer.md", "Zu teuer"),
		mk("pitches/elevator.md", "Elevator"),
		mk("checklists/a.md", "A", weight(1)),
		mk("ueber.md", "Über"),
	}
	s := build(t, config.Default(), pages, nil)

	if s.Home == nil || s.Home.URL != "/" || s.Home.Parent != nil {
		t.Fatalf("home = %+v", s.Home)
	}
	checkURLs(t, "Pages", s.Pages, "/", "/checklists/", "/checklists/a/", "/objections/", "/objections/aerger/",
		"/objections/angebot/", "/objections/preis/", "/objections/preis/zu-teuer/", "/objections/zeit/",
		"/objections/zuerst/", "/pitches/", "/pitches/elevator/", "/ueber/")
	// Synthesised "Checklists" and "Pitches" have weight 0; "Einwände" has 1.
	checkURLs(t, "Sections", s.Sections, "/checklists/", "/pitches/", "/objections/")
	checkURLs(t, "home children", s.Home.Children, "/checklists/", "/pitches/", "/ueber/", "/objections/")
	// Weight first, then titles with "Ä" beside "A".
	checkURLs(t, "objections children", s.ByURL["/objections/"].Children,
		"/objections/zuerst/", "/objections/angebot/", "/objections/aerger/", "/objections/preis/", "/objections/zeit/")
	leaf := s.ByURL["/objections/preis/zu-teuer/"]
	checkURLs(t, "breadcrumbs", leaf.Breadcrumbs, "/", "/objections/", "/objections/preis/")
	if leaf.Parent != s.ByURL["/objections/preis/"] {
		t.Errorf("parent of %s = %v", leaf.URL, leaf.Parent)
	}
	checkURLs(t, "home breadcrumbs", s.Home.Breadcrumbs)
	if s.BySource["objections/preis.md"] != s.ByURL["/objections/preis/"] || !s.ByURL["/objections/preis/"].IsFolder {
		t.Errorf("folder page beside the folder not found by source or not a folder")
	}
	if s.BySource["pitches/_index.md"] == nil || s.BySource["pitches/_index.md"].Doc == nil {
		t.Errorf("synthesised folder page lacks source entry or Doc")
	}
}

func TestAssembleSummaryAndOverdue(t *testing.T) {
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	day := func(y int, m time.Month, d int) func(*page.Page) {
		return func(p *page.Page) { p.ReviewBy = time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	}
	pages := []*page.Page{
		mk("a.md", "A"),
		mk("b.md", "B", func(p *page.Page) { p.Summary = "Eigene" }),
		mk("old.md", "Old", day(2025, 5, 31)),
		mk("new.md", "New", day(2025, 6, 2)),
	}
	docs := map[string]*markdown.Document{
		"a.md": {Summary: "Erster Absatz"},
		"b.md": {Summary: "Nicht diese"},
	}
	ix, _ := NewIndex(config.Default(), pages, nil)
	s, errs := Assemble(ix, docs, now)
	checkDiags(t, errs, nil)
	tests := []struct {
		url, summary string
		overdue      bool
	}{
		{"/a/", "Erster Absatz", false},
		{"/b/", "Eigene", false},
		{"/old/", "", true},
		{"/new/", "", false},
		{"/", "", false},
	}
	for _, tt := range tests {
		p := s.ByURL[tt.url]
		if p.Summary != tt.summary || p.Overdue != tt.overdue {
			t.Errorf("%s: summary %q overdue %v; want %q %v", tt.url, p.Summary, p.Overdue, tt.summary, tt.overdue)
		}
		if p.Doc == nil {
			t.Errorf("%s: nil Doc", tt.url)
		}
	}
	if pages[0].Summary != "" {
		t.Errorf("Assemble modified the input page's summary")
	}
}

func TestAssembleLinks(t *testing.T) {
	pages := []*page.Page{
		mk("a.md", "Zeta"),
		mk("b.md", "Beta"),
		mk("c.md", "Alpha"),
		mk("objections/preis.md", "Preis"),
		mk("objections/preis/x.md", "X"),
	}
	link := func(target, anchor string, line int) markdown.Link {
		return markdown.Link{Target: target, Anchor: anchor, Line: line}
	}
	docs := map[string]*markdown.Document{
		"a.md": {Links: []markdown.Link{
			link("b.md", "", 3), link("b.md", "ziel", 4), link("b.md", "fehlt", 7),
			link("a.md", "oben", 8), link("a.md", "", 9), link("missing.md", "x", 10),
		}, Headings: []markdown.Heading{{Level: 2, ID: "oben"}}},
		"b.md": {Headings: []markdown.Heading{{Level: 2, ID: "ziel"}, {Level: 3, ID: "tiefer"}}},
		"c.md": {Links: []markdown.Link{
			link("b.md", "tiefer", 2), link("objections/preis/_index.md", "", 3), link("objections/preis", "x", 5),
		}},
		"objections/preis/x.md": {Links: []markdown.Link{link("objections/preis.md", "", 1)}},
	}
	ix, _ := NewIndex(config.Default(), pages, nil)
	s, errs := Assemble(ix, docs, time.Time{})
	checkDiags(t, errs, []string{
		`content/a.md:7: error: link to missing anchor "#fehlt" in content/b.md`,
		`content/c.md:5: error: link to missing anchor "#x" in content/objections/preis.md`,
	})
	// By title: Alpha (c) before Zeta (a); a links twice but counts once; no self link.
	checkURLs(t, "b backlinks", s.ByURL["/b/"].Backlinks, "/c/", "/a/")
	checkURLs(t, "a backlinks", s.ByURL["/a/"].Backlinks)
	checkURLs(t, "preis backlinks", s.ByURL["/objections/preis/"].Backlinks, "/c/", "/objections/preis/x/")
}

func TestAssembleCadences(t *testing.T) {
	steps := []page.Step{
		{Day: 1, Channel: "call", Line: 5},
		{Day: 1, Channel: "voicemail", Template: "voicemails/erstkontakt", Line: 9},
		{Day: 3, Channel: "email", Template: "voicemails/erstkontakt.md", Line: 14},
		{Day: 5, Channel: "voicemail", Template: "voicemails/fehlt", Line: 18},
		{Day: 8, Channel: "email", Template: "voicemails", Line: 22},
	}
	pages := []*page.Page{
		mk("cadences/neukunde.md", "Neukunde", func(p *page.Page) { p.Cadence = &page.Cadence{Steps: steps} }),
		mk("cadences/alt.md", "Alt", func(p *page.Page) {
			p.Cadence = &page.Cadence{Steps: []page.Step{{Day: 1, Channel: "voicemail", Template: "voicemails/erstkontakt"}}}
		}),
		mk("voicemails/erstkontakt.md", "Erstkontakt"),
	}
	ix, _ := NewIndex(config.Default(), pages, nil)
	s, errs := Assemble(ix, nil, time.Time{})
	checkDiags(t, errs, []string{
		`content/cadences/neukunde.md:18: error: template "voicemails/fehlt" of the day 5 step is not a page (looked for content/voicemails/fehlt.md)`,
	})
	c := s.ByURL["/cadences/neukunde/"]
	checkURLs(t, "step pages", c.StepPages, "<nil>", "/voicemails/erstkontakt/", "/voicemails/erstkontakt/", "<nil>", "/voicemails/")
	checkURLs(t, "used by", s.ByURL["/voicemails/erstkontakt/"].UsedBy, "/cadences/alt/", "/cadences/neukunde/")
	checkURLs(t, "used by folder", s.ByURL["/voicemails/"].UsedBy, "/cadences/neukunde/")
	if got := s.ByURL["/voicemails/erstkontakt/"].StepPages; got != nil {
		t.Errorf("non-cadence page has StepPages %v", got)
	}
}

func TestAssembleWorkshops(t *testing.T) {
	pages := []*page.Page{
		mk("workshops/start.md", "Start", func(p *page.Page) {
			p.Workshop = &page.Workshop{Pages: []string{"checklists/erstgespraech", "fehlt/seite", "objections/preis", "checklists/a.md"}}
			p.FieldLines = map[string]int{"pages": 4}
		}),
		mk("checklists/erstgespraech.md", "Erstgespräch"),
		mk("checklists/a.md", "A"),
		mk("objections/preis/zu-teuer.md", "Zu teuer"),
	}
	ix, _ := NewIndex(config.Default(), pages, nil)
	s, errs := Assemble(ix, nil, time.Time{})
	checkDiags(t, errs, []string{
		`content/workshops/start.md:4: error: workshop page "fehlt/seite" is not a page (looked for content/fehlt/seite.md)`,
	})
	checkURLs(t, "handout", s.ByURL["/workshops/start/"].Handout,
		"/checklists/erstgespraech/", "/objections/preis/", "/checklists/a/")
}

func TestAssembleAliases(t *testing.T) {
	pages := []*page.Page{
		mk("b.md", "B", aliases(2, "/alt/b/", "/frueher/")),
		mk("a.md", "A", aliases(2, "/alt/a/")),
	}
	s := build(t, config.Default(), pages, nil)
	var got []string
	for _, a := range s.Aliases {
		got = append(got, a.From+" -> "+a.To+" "+a.Page.Source)
	}
	want := []string{"/alt/a/ -> /a/ a.md", "/alt/b/ -> /b/ b.md", "/frueher/ -> /b/ b.md"}
	if len(got) != len(want) {
		t.Fatalf("aliases %q, want %q", got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("alias %d = %q, want %q", i, got[i], want[i])
		}
	}
}

package search

import (
	"strings"
	"testing"
)

func TestDocPrint(t *testing.T) {
	d := Doc{URL: "/a/", Title: "Kein Budget", Kind: "objection", Stage: "demo", Tags: []string{"budget"},
		Sections: []Section{{Anchor: "x", Heading: "Was", Text: "Text"}}}
	p := printOf(&d, "de")
	if !p.matches(&d, "de") || !p.sameFacets(&d) {
		t.Fatal("a page does not match its own print")
	}
	same := d // a copy shares every string
	same.Sections = append([]Section(nil), d.Sections...)
	if !p.matches(&same, "de") {
		t.Error("a copy with the same strings does not match")
	}
	for name, edit := range map[string]func(d *Doc){
		"equal text, other string": func(d *Doc) { d.Title = strings.Clone(d.Title) },
		"section text":             func(d *Doc) { d.Sections[0].Text += "!" },
		"one more section":         func(d *Doc) { d.Sections = append(d.Sections, Section{}) },
		"tag":                      func(d *Doc) { d.Tags = []string{"preis"} },
		"no tags":                  func(d *Doc) { d.Tags = nil },
	} {
		e := d
		e.Sections = append([]Section(nil), d.Sections...)
		edit(&e)
		if p.matches(&e, "de") {
			t.Errorf("%s: still matches", name)
		}
	}
	if p.matches(&d, "en") {
		t.Error("another language matches")
	}
	e := d
	e.Title = "Neuer Titel"
	if !p.sameFacets(&e) {
		t.Error("a new title changed the facets")
	}
	e.Stage = "closing"
	if p.sameFacets(&e) {
		t.Error("a new stage kept the facets")
	}
	long := Doc{Tags: make([]string, 100)}
	if lp := printOf(&long, "de"); lp.matches(&long, "de") {
		t.Error("a page with 100 tags is trusted by pointer (its length mark is made anew)")
	}
}

package search

import (
	"strings"
	"testing"
)

func TestExcerpt(t *testing.T) {
	tests := []struct{ text, want string }{
		{"", ""},
		{"  Ein  Satz.\n\nNoch einer.", "Ein Satz. Noch einer."},
		{"Punkt eins\nPunkt zwei\n", "Punkt eins · Punkt zwei"},
		{strings.Repeat("Wort ", 40), strings.TrimSpace(strings.Repeat("Wort ", 11)) + "…"},
		{"\xff\xfe kaputt", "\ufffd\ufffd kaputt"}, // invalid UTF-8 replaced
	}
	for _, tt := range tests {
		if got := excerpt(tt.text, 60); got != tt.want {
			t.Errorf("excerpt(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestSectionSnippet: a word found only at the start of a section shows
// that text, marked, and links the section.
func TestSectionSnippet(t *testing.T) {
	ix := buildCorpus(t)
	rs := ix.Search("Jahresbudget", Filter{}, 3)
	if len(rs) == 0 {
		t.Fatal("no result")
	}
	r := rs[0]
	if r.Anchor != "was-dahinter-steckt" || !strings.HasPrefix(r.Snippet, "Das Jahresbudget") || len(r.Marks) == 0 ||
		r.Snippet[r.Marks[0][0]:r.Marks[0][1]] != "Jahresbudget" {
		t.Errorf("Search(Jahresbudget)[0] = %+v", r)
	}
}

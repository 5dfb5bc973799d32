package search

import (
	"slices"
	"testing"
)

func TestTypoTable(t *testing.T) {
	ix := buildCorpus(t)
	if len(ix.typo) == 0 || len(ix.typo) > typoTerms || !slices.IsSorted(ix.typo) {
		t.Fatalf("typo table of %d terms, sorted %v", len(ix.typo), slices.IsSorted(ix.typo))
	}
	for _, want := range []string{"budget", "mailbox", "einwand"} {
		if _, ok := slices.BinarySearch(ix.typo, want); !ok {
			t.Errorf("%q is not in the typo table", want)
		}
	}
	for _, fn := range []string{"dass", "auch", "aber"} {
		if _, ok := slices.BinarySearch(ix.typo, fn); ok {
			t.Errorf("function word %q is in the typo table", fn)
		}
	}
	tests := []struct {
		stem string
		want []string
	}{
		{"vudget", []string{"budget"}},
		{"udget", []string{"budget"}},
		{"budget", nil}, // listed itself
		{"bud", nil},    // too short for a typo
	}
	for _, tt := range tests {
		if got := typoCandidates(ix.typo, tt.stem); !slices.Equal(got, tt.want) {
			t.Errorf("typoCandidates(%q) = %q, want %q", tt.stem, got, tt.want)
		}
	}
}

package search

import (
	"strings"

	"playbook/generator/search/analysis"
)

// marker tells which words of a text match a query, the way the client
// highlights them: same term, a term the word matched (prefix or typo),
// the typed prefix of the last word, or the typed word inside a compound.
type marker struct {
	lang    string
	matches []*wordMatch
}

// mark returns the byte ranges of matching words in text and how many
// distinct query words they cover.
func (mk marker) mark(text string) ([][2]int, int) {
	var marks [][2]int
	covered := make([]bool, len(mk.matches))
	analysis.Words(mk.lang, text, true, func(w analysis.Word) {
		if n := len(marks); n > 0 && w.Start < marks[n-1][1] {
			return // a part of a hyphenated word already marked whole
		}
		stem := analysis.Stem(mk.lang, w.Folded)
		hit := false
		for i, m := range mk.matches {
			if m.covers(w.Folded, stem) {
				covered[i], hit = true, true
			}
		}
		if hit {
			marks = append(marks, [2]int{w.Start, w.End})
		}
	})
	n := 0
	for _, c := range covered {
		if c {
			n++
		}
	}
	return marks, n
}

func (m *wordMatch) covers(folded, stem string) bool {
	for _, v := range m.variant {
		if stem == v.stem || (m.last && strings.HasPrefix(folded, v.folded)) ||
			(len(v.folded) >= 4 && strings.Contains(folded, v.folded)) {
			return true
		}
	}
	for _, t := range m.terms {
		if stem == t {
			return true
		}
	}
	return false
}

// snippet shows the objection or the summary, whichever covers more query
// words (the objection on a tie), and names the section whose heading
// covers most, if any does.
func (ix *Index) snippet(r *Result, dm *docMeta, ms []*wordMatch) {
	mk := marker{lang: "en", matches: ms}
	if len(ix.langs) > 0 {
		mk.lang = ix.langs[0]
	}
	best := -1
	for _, text := range []string{dm.objection, dm.summary} {
		if marks, n := mk.mark(text); n > best && text != "" {
			best = n
			r.Snippet, r.Marks = text, marks
		}
	}
	best = 0
	for _, s := range dm.sections {
		if _, n := mk.mark(s.heading); n > best {
			best = n
			r.Anchor, r.Section = s.anchor, s.heading
		}
	}
}

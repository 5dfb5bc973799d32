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
	marks, covered := mk.cover(text)
	n := 0
	for _, c := range covered {
		if c {
			n++
		}
	}
	return marks, n
}

// cover is mark with the query words covered, by index.
func (mk marker) cover(text string) ([][2]int, []bool) {
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
	return marks, covered
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
// words (the objection on a tie), and links the section whose heading and
// excerpt together cover most, if any does. That section's excerpt is the
// snippet instead when it covers more query words than the other text, or
// when the page has neither objection nor summary.
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
	var sec *metaSection
	most := 0
	for i := range dm.sections {
		s := &dm.sections[i]
		_, hc := mk.cover(s.heading)
		_, ec := mk.cover(s.excerpt)
		n := 0
		for k := range hc {
			if hc[k] || ec[k] {
				n++
			}
		}
		if n > most {
			most, sec = n, s
		}
	}
	if sec != nil {
		r.Anchor, r.Section = sec.anchor, sec.heading
		if marks, n := mk.mark(sec.excerpt); n > best && sec.excerpt != "" {
			r.Snippet, r.Marks = sec.excerpt, marks
		}
	}
}

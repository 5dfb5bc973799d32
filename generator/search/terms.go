package search

import (
	"slices"
	"sort"
	"strings"

	"playbook/generator/search/analysis"
)

// displays picks, per term, the surface of its most frequent word (the
// first in language and byte order among equals): what suggestions show
// instead of a bare stem. A term whose display changed is marked dirty.
func (b *builder) displays() {
	st := b.st
	// Only the terms of words whose count or first page changed can
	// change their display.
	var affected []bool
	if !b.fresh {
		affected = make([]bool, len(st.terms))
		for p := range st.parts {
			for _, k := range st.parts[p].touched {
				affected[st.parts[p].words[k].term] = true
			}
		}
	}
	best := make([]int32, len(st.terms))
	for i := range best {
		best[i] = -1
	}
	for p := range st.parts {
		for k := range st.parts[p].words {
			w, df := &st.parts[p].words[k], st.parts[p].counts[k].df
			if df == 0 || affected != nil && !affected[w.term] {
				continue
			}
			c := best[w.term]
			if c >= 0 {
				o, odf := st.word(c), st.count(c).df
				if df < odf || df == odf && (w.lang > o.lang || w.lang == o.lang && w.folded > o.folded) {
					continue
				}
			}
			best[w.term] = int32(k)*vocabParts + int32(p)
		}
	}
	for t, c := range best {
		if affected != nil && !affected[t] {
			continue
		}
		d := "" // a term only compounds reach
		q := st.terms[t]
		if c >= 0 {
			w := st.count(c)
			d = st.docs[w.minDoc].display(int(w.minEnt))
			q = st.word(c).folded
		}
		if q != st.qword[t] {
			if old := st.byQword[st.qword[t]]; len(old) > 0 {
				if i := slices.Index(old, int32(t)); i >= 0 {
					st.byQword[st.qword[t]] = slices.Delete(slices.Clone(old), i, i+1)
				}
			}
			st.byQword[q] = append(st.byQword[q], int32(t))
		}
		if d != st.disp[t] || q != st.qword[t] {
			st.disp[t], st.qword[t] = d, q
			b.dirty[t] = true
		}
	}
}

// orderTerms keeps st.order, the live terms in byte order, current.
func (b *builder) orderTerms() {
	st := b.st
	var born []int32
	died := false
	inOrder := make([]bool, len(st.terms))
	for _, t := range st.order {
		inOrder[t] = true
	}
	for t := range st.terms {
		if !b.dirty[t] {
			continue
		}
		live := len(st.post[t].ids) > 0
		if live && !inOrder[t] {
			born = append(born, int32(t))
			b.bornTerms = append(b.bornTerms, st.terms[t])
		} else if !live && inOrder[t] {
			died = true
			b.deadTerms = append(b.deadTerms, st.terms[t])
			st.tw[t] = 0
		}
	}
	if len(born) == 0 && !died {
		return
	}
	b.orderChanged = true
	order := make([]int32, 0, len(st.order)+len(born))
	for _, t := range st.order {
		if len(st.post[t].ids) > 0 {
			order = append(order, t)
		}
	}
	cmp := func(x, y int32) int { return strings.Compare(st.terms[x], st.terms[y]) }
	if len(born) > 64 {
		order = append(order, born...)
		slices.SortFunc(order, cmp)
	} else {
		for _, t := range born {
			i, _ := slices.BinarySearchFunc(order, t, cmp)
			order = slices.Insert(order, i, t)
		}
	}
	st.order = order
}

// langs lists the analysers queries must run: the site's first, then the
// other languages pages declare, sorted.
func (b *builder) langs() []string {
	site := analysis.Lang(b.opts.Lang)
	seen := map[string]bool{site: true}
	var others []string
	for i := range b.docs {
		if l := analysis.Lang(b.docs[i].Lang); b.docs[i].Lang != "" && !seen[l] {
			seen[l] = true
			others = append(others, l)
		}
	}
	sort.Strings(others)
	return append([]string{site}, others...)
}

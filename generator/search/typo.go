package search

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode/utf8"
)

// A typo in a word's first letter ("Vudget") puts the word in another
// term shard than the one it was meant for, so the typo matching within
// loaded shards cannot find it. The manifest lists the index's most
// frequent terms; a query word that is not one of them also reads the
// shards of the listed terms it is a typo of (first letter different,
// within the word's edit limit), in the same round trip as its own.
const (
	typoTerms = 128 // terms in the table
	typoCands = 2   // extra shards per word at most
)

// typoWeight is how a term ranks for the typo table: 0 for a term of
// fewer than 4 runes (the shortest that typo matching accepts) or on one
// page, else the sum of its three best scores times the square root of
// its page count, so title and heading words ("Budget") come before
// frequent function words ("dass") and before rare words.
func typoWeight(term string, l *plist, top []int32) int {
	if l.df() < 2 || utf8.RuneCountInString(term) < 4 {
		return 0
	}
	w := 0
	for _, id := range top[:min(3, len(top))] {
		w += int(qOf(l, id))
	}
	return int(float64(w) * math.Sqrt(float64(l.df())))
}

// typoTable picks the typoTerms terms of highest weight (then in byte
// order) and returns them sorted. When no term of the last table lost
// weight, the others kept theirs unless their lists changed, so only the
// last table and the changed terms compete.
func (b *builder) typoTable() []string {
	st := b.st
	var cands []int32
	full := b.fresh || st.bulk || len(st.typo) == 0
	for i, t := range st.typo {
		if full {
			break
		}
		if st.tw[t] < st.typoW[i] {
			full = true
		}
	}
	if full {
		for _, t := range st.order {
			if st.tw[t] > 0 {
				cands = append(cands, t)
			}
		}
	} else {
		cands = slices.Clone(st.typo)
		for _, t := range st.order {
			if b.dirty[t] && st.tw[t] > 0 && !slices.Contains(st.typo, t) {
				cands = append(cands, t)
			}
		}
	}
	slices.SortFunc(cands, func(x, y int32) int {
		if st.tw[x] != st.tw[y] {
			return cmp.Compare(st.tw[y], st.tw[x])
		}
		return strings.Compare(st.terms[x], st.terms[y])
	})
	cands = cands[:min(len(cands), typoTerms)]
	st.typo = cands
	st.typoW = make([]int, len(cands))
	out := make([]string, len(cands))
	for i, t := range cands {
		st.typoW[i] = st.tw[t]
		out[i] = st.terms[t]
	}
	slices.Sort(out)
	return out
}

// typoCandidates returns the listed terms the stem s may be a typo of in
// its first letter, nearest first (then in table order), none when s is
// itself listed.
func typoCandidates(table []string, s string) []string {
	a := []rune(s)
	limit := maxEdits(len(a))
	if limit == 0 || len(table) == 0 {
		return nil
	}
	if _, found := slices.BinarySearch(table, s); found {
		return nil
	}
	type cand struct {
		t string
		d int
	}
	var cs []cand
	for _, t := range table {
		r, _ := utf8.DecodeRuneInString(t)
		if r == a[0] {
			continue
		}
		if d := editDistance(a, []rune(t), limit); d <= limit {
			cs = append(cs, cand{t, d})
		}
	}
	slices.SortStableFunc(cs, func(x, y cand) int { return cmp.Compare(x.d, y.d) })
	out := make([]string, 0, min(len(cs), typoCands))
	for _, c := range cs[:min(len(cs), typoCands)] {
		out = append(out, c.t)
	}
	return out
}

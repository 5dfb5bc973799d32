package search

import (
	"cmp"
	"slices"
	"strings"
)

// Cards are the metadata entries (what a result shows) of the best pages of
// a shard's terms, carried inside the term and prefix shards. A one-word
// query ranks its first results among the best pages of the terms it
// matched (its score for a page is the best of its terms' weighted
// scores), so those results show without a metadata shard per result: one
// request per query word instead of one per result. Metadata shards remain
// for the other results (further pages, pages matching several words).
const (
	// cardTop is how many best pages of a term (or split prefix) get a
	// card: the first page of results on the search page.
	cardTop = 10
	// A term on fewer pages costs as many metadata fetches as it has
	// pages; its cards are not worth the bytes in every query.
	cardMinDF = 2
	// cardBudget is the estimated compressed size of the cards of one
	// shard; the most frequent terms are served first.
	cardBudget = 4 << 10
	// cardRatio estimates how much gzip shrinks a run of entries.
	cardRatio = 0.3
)

// cardSource is a term or prefix of a shard: how many pages it has and
// its best ones.
type cardSource struct {
	df  int
	top []int32
}

// cardSet is the cards a shard carries, ids ascending, and the page that
// did not fit the budget (-1 when all fit): when that page's entry
// changes, the choice may too.
type cardSet struct {
	ids []int32
	cut int32
}

// topPages returns the k best pages of a stored list, best first: by score
// descending, then id ascending, the order the client ranks in. Scores
// are bytes: a histogram finds the lowest score that makes the cut, so
// only about k pages are sorted.
func topPages(p *plist, k int) []int32 {
	type hit struct {
		id int32
		q  uint8
	}
	// Pages of the rest share one score: the first k by id are the only
	// ones that can rank among the best.
	rest := p.rest[:min(k, len(p.rest))]
	var hist [256]int
	for _, q := range p.q {
		hist[q]++
	}
	hist[p.restQ] += len(rest)
	cut, above := 255, 0
	for cut > 0 && above+hist[cut] < k {
		above += hist[cut]
		cut--
	}
	hits := make([]hit, 0, 3*k)
	atCut := 0
	for i, q := range p.q {
		if int(q) > cut || int(q) == cut && atCut < k {
			if int(q) == cut {
				atCut++
			}
			hits = append(hits, hit{p.ids[i], q})
		}
	}
	if int(p.restQ) >= cut {
		for _, id := range rest {
			hits = append(hits, hit{id, p.restQ})
		}
	}
	slices.SortFunc(hits, func(a, b hit) int {
		if a.q != b.q {
			return cmp.Compare(b.q, a.q)
		}
		return cmp.Compare(a.id, b.id)
	})
	out := make([]int32, 0, min(k, len(hits)))
	for _, h := range hits[:min(k, len(hits))] {
		out = append(out, h.id)
	}
	return out
}

// pickCards chooses the cards of one shard: the best pages of its sources,
// most frequent source first (then in shard order), each page in rank
// order, until the budget is spent.
func pickCards(srcs []cardSource, metas []*docMeta, budget int) cardSet {
	order := make([]int, 0, len(srcs))
	for i, s := range srcs {
		if s.df >= cardMinDF && len(s.top) > 0 {
			order = append(order, i)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(srcs[b].df, srcs[a].df) })
	set := cardSet{cut: -1}
	seen := map[int32]bool{}
	spent := 0.0
	for _, i := range order {
		for _, id := range srcs[i].top {
			if seen[id] || metas[id] == nil {
				continue
			}
			cost := float64(len(metas[id].enc)) * cardRatio
			if spent+cost > float64(budget) {
				set.cut = id
				slices.Sort(set.ids)
				return set
			}
			spent += cost
			seen[id] = true
			set.ids = append(set.ids, id)
		}
	}
	slices.Sort(set.ids)
	return set
}

// moved reports whether a page the set chose, or the one it stopped at,
// shows something else in this build.
func (cs *cardSet) moved(metaMoved []bool) bool {
	if cs.cut >= 0 && (int(cs.cut) >= len(metaMoved) || metaMoved[cs.cut]) {
		return true
	}
	for _, id := range cs.ids {
		if int(id) >= len(metaMoved) || metaMoved[id] {
			return true
		}
	}
	return false
}

// appendCards writes `,"c":[[id gaps],[entries]]`, nothing without cards.
func appendCards(w *jsonWriter, ids []int32, metas []*docMeta) {
	if len(ids) == 0 {
		return
	}
	w.raw(`,"c":[`)
	w.gaps(ids)
	w.raw(",[")
	for i, id := range ids {
		if i > 0 {
			w.raw(",")
		}
		w.b = append(w.b, metas[id].enc...)
	}
	w.raw("]]")
}

// maxCompletions bounds the completions a term's query card set looks at:
// a word with more is a short prefix, whose results no card set covers.
const maxCompletions = 64

// queryCards brings each live term's card set up to date: the best pages
// of the query that reaches it, its most frequent word typed last, ranked
// as Index.match ranks them: the term itself (weightExact), and either
// the union of the word's split prefix (weightPrefix) or the other terms
// the word prefixes (weightPrefixOther). So "Termin" shows its first
// results from cards even when "Terminbestätigung" pages lead. A set is
// computed again when a list it read changed, or a term joined or left
// its word's completions. It returns, by position in st.order, whether
// the term's set changed.
func (b *builder) queryCards(terms []string, splitU map[string]*cachedUnion) []bool {
	st := b.st
	changed := make([]bool, len(terms))
	all := b.fresh || st.bulk
	// Terms whose word prefixes a term that joined or left the index.
	affected := map[int32]bool{}
	if !all {
		for _, x := range append(b.bornTerms, b.deadTerms...) {
			for i := 1; i <= len(x); i++ {
				for _, t := range st.byQword[x[:i]] {
					affected[t] = true
				}
			}
		}
	}
	// The union of each term whose word is a split prefix.
	uOf := make([]*cachedUnion, len(st.terms))
	for p, u := range splitU {
		for _, t := range st.byQword[p] {
			uOf[t] = u
		}
	}
	chunked(len(terms), func(k int) {
		t := st.order[k]
		f := st.qword[t]
		u := uOf[t]
		if !all && !b.dirty[t] && u == st.qunion[t] && !affected[t] && !b.anyDirty(st.qcomp[t]) {
			return
		}
		var comp []int32
		if u == nil {
			lo, _ := slices.BinarySearch(terms, f)
			hi := lo
			for hi < len(terms) && hi-lo <= maxCompletions && strings.HasPrefix(terms[hi], f) {
				hi++
			}
			if hi-lo <= maxCompletions {
				for _, c := range st.order[lo:hi] {
					if c != t {
						comp = append(comp, c)
					}
				}
			}
		}
		// A page among the best of the query is among the best of the
		// list that gives its score, so the scores from each list's best
		// pages rank the query's best pages right (others may come out
		// low, never high).
		type hit struct {
			id    int32
			score int
		}
		var hits []hit
		add := func(l *plist, top []int32, w int) {
			for _, id := range top {
				hits = append(hits, hit{id, int(qOf(l, id)) * w})
			}
		}
		add(&st.lists[t], st.top[t], weightExact)
		if u != nil {
			add(&u.list, u.top, weightPrefix)
		}
		for _, c := range comp {
			add(&st.lists[c], st.top[c], weightPrefixOther)
		}
		// The best score of each page.
		slices.SortFunc(hits, func(a, b hit) int {
			if a.id != b.id {
				return cmp.Compare(a.id, b.id)
			}
			return cmp.Compare(b.score, a.score)
		})
		hits = slices.CompactFunc(hits, func(a, b hit) bool { return a.id == b.id })
		slices.SortFunc(hits, func(a, b hit) int {
			if a.score != b.score {
				return cmp.Compare(b.score, a.score)
			}
			return cmp.Compare(a.id, b.id)
		})
		top := make([]int32, 0, cardTop)
		for _, h := range hits[:min(len(hits), cardTop)] {
			top = append(top, h.id)
		}
		changed[k] = !slices.Equal(top, st.qcards[t])
		st.qcards[t], st.qcomp[t], st.qunion[t] = top, comp, u
	})
	return changed
}

func (b *builder) anyDirty(ts []int32) bool {
	for _, t := range ts {
		if b.dirty[t] {
			return true
		}
	}
	return false
}

// qOf returns page id's score in a stored list, 0 if absent.
func qOf(p *plist, id int32) uint8 {
	if i, ok := slices.BinarySearch(p.ids, id); ok {
		return p.q[i]
	}
	if _, ok := slices.BinarySearch(p.rest, id); ok {
		return p.restQ
	}
	return 0
}

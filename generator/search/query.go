package search

import (
	"sort"
	"strings"

	"playbook/generator/search/analysis"
)

// Match weights: a page's score for a query word is its stored score times
// the weight of the best way the word matched it.
const (
	weightExact  = 4
	weightPrefix = 3 // the last word typed, as a prefix: its most frequent completion
	// weightPrefixOther counts the other completions, and every completion
	// of a word that is a term itself: "Zeit" should find the page titled
	// "Keine Zeit" before a page that mentions a rare "Zeitrahmen", and
	// "Kalta" the pages about Kaltakquise before the one "Kaltanruf".
	weightPrefixOther = 1
	weightFuzzy1      = 2 // one edit away
	weightFuzzy2      = 1 // two edits away (words of 8 runes or more)
	maxQueryWords     = 10
)

// variant is a query word analysed in one language. A verb-form variant
// (see verbForm) has the stem it came from in base.
type variant struct {
	folded, stem, base string
}

type queryWord struct {
	raw      string
	variants []variant
	last     bool // typed last with nothing after it: also a prefix
}

// parseQuery splits a query into words analysed in every index language.
func parseQuery(langs []string, q string) []queryWord {
	if len(langs) == 0 {
		langs = []string{"en"}
	}
	var out []queryWord
	analysis.Words(langs[0], q, false, func(w analysis.Word) {
		if len(out) == maxQueryWords {
			return
		}
		qw := queryWord{raw: q[w.Start:w.End], last: w.End == len(q)}
		for _, l := range langs {
			f := analysis.Fold(l, qw.raw)
			if f == "" {
				continue
			}
			v := variant{folded: f, stem: analysis.Stem(l, f)}
			for _, v := range append([]variant{v}, verbForm(l, v)...) {
				dup := false
				for _, o := range qw.variants {
					dup = dup || o.folded == v.folded && o.stem == v.stem
				}
				if !dup {
					qw.variants = append(qw.variants, v)
				}
			}
		}
		if len(qw.variants) > 0 {
			out = append(out, qw)
		}
	})
	return out
}

// verbForm returns, for a German word, the variant whose stem adds or
// drops a final t: Snowball leaves the t of "kündigt", "sagte", so
// "kündigt" (kundigt) and "Kündigung" (kundig) would never meet. Both
// stems must have five letters or more ("Wert" must not find "wer").
func verbForm(lang string, v variant) []variant {
	s := v.stem
	if lang != "de" || len(s) < 5 || strings.Trim(s, "abcdefghijklmnopqrstuvwxyz") != "" {
		return nil
	}
	if s[len(s)-1] == 't' {
		if len(s) < 6 {
			return nil
		}
		return []variant{{folded: v.folded, stem: s[:len(s)-1], base: s}}
	}
	return []variant{{folded: v.folded, stem: s + "t", base: s}}
}

// parse is parseQuery without the verb-form variants whose term would lie
// in another leaf than their base's: a query fetches no shard for them.
func (ix *Index) parse(q string) []queryWord {
	words := parseQuery(ix.langs, q)
	for i := range words {
		vs := words[i].variants[:0:0]
		for _, v := range words[i].variants {
			if v.base == "" || ix.leafFor(v.stem) == ix.leafFor(v.base) {
				vs = append(vs, v)
			}
		}
		words[i].variants = vs
	}
	return words
}

// wordMatch is how one query word matched the index.
type wordMatch struct {
	best    map[int32]int // page → best weighted score
	hit     bool          // exact or prefix hit (not only fuzzy)
	terms   []string      // the terms that matched, for highlighting
	loaded  []int         // leaves consulted, in order
	variant []variant
	last    bool
}

func (m *wordMatch) apply(p *plist, weight int) {
	for k, id := range p.ids {
		if s := int(p.q[k]) * weight; s > m.best[id] {
			m.best[id] = s
		}
	}
	if s := int(p.restQ) * weight; s > 0 {
		for _, id := range p.rest {
			if s > m.best[id] {
				m.best[id] = s
			}
		}
	}
}

func (m *wordMatch) load(l int) {
	for _, x := range m.loaded {
		if x == l {
			return
		}
	}
	m.loaded = append(m.loaded, l)
}

// match finds the pages of one query word: the exact term, then for the last
// word every term it prefixes; only when neither exists, terms one edit
// away (two for long words) in the shards already consulted.
func (ix *Index) match(w queryWord) *wordMatch {
	m := &wordMatch{best: map[int32]int{}, variant: w.variants, last: w.last}
	for _, v := range w.variants {
		l := ix.leafFor(v.stem)
		m.load(l)
		lf := ix.leaves[l]
		exact := false
		if i, ok := lf.lookup(v.stem); ok {
			m.apply(&lf.lists[i], weightExact)
			m.hit, exact = true, true
			m.terms = append(m.terms, v.stem)
		}
		if !w.last {
			continue
		}
		if p := ix.prefixes[v.folded]; p != nil {
			m.apply(p, weightPrefix)
			m.hit = true
			continue
		}
		l = ix.leafForPrefix(v.folded)
		m.load(l)
		lf = ix.leaves[l]
		first, _ := lf.lookup(v.folded)
		end, top := first, 0
		for ; end < len(lf.terms) && strings.HasPrefix(lf.terms[end], v.folded); end++ {
			if lf.terms[end] != v.stem {
				top = max(top, lf.lists[end].df())
			}
		}
		for i := first; i < end; i++ {
			if lf.terms[i] != v.stem {
				wt := weightPrefixOther
				if !exact && lf.lists[i].df() == top {
					wt = weightPrefix
				}
				m.apply(&lf.lists[i], wt)
				m.hit = true
				m.terms = append(m.terms, lf.terms[i])
			}
		}
	}
	// The shards of the frequent terms the word may be a typo of in its
	// first letter: read with the word's own (see typo.go).
	for _, v := range w.variants {
		for _, t := range typoCandidates(ix.typo, v.stem) {
			m.load(ix.leafFor(t))
		}
	}
	if m.hit {
		return m
	}
	for _, l := range m.loaded {
		lf := ix.leaves[l]
		for i, t := range lf.terms {
			if wt := fuzzyWeight(w.variants, t, w.last); wt > 0 {
				m.apply(&lf.lists[i], wt)
				m.terms = append(m.terms, t)
			}
		}
	}
	return m
}

// maxEdits is the typo tolerance for a word of n runes.
func maxEdits(n int) int {
	switch {
	case n < 4:
		return 0
	case n < 8:
		return 1
	}
	return 2
}

// fuzzyWeight returns the weight of term t as a typo of the word, 0 if it
// is none: compared whole with the stem, and for the last word also its
// beginning with what was typed.
func fuzzyWeight(vs []variant, t string, last bool) int {
	tr := []rune(t)
	best := 0
	try := func(a []rune, b []rune) {
		limit := maxEdits(len(a))
		if limit == 0 {
			return
		}
		if d := editDistance(a, b, limit); d <= limit {
			w := weightFuzzy2
			if d <= 1 {
				w = weightFuzzy1
			}
			best = max(best, w)
		}
	}
	for _, v := range vs {
		try([]rune(v.stem), tr)
		if last {
			f := []rune(v.folded)
			if len(tr) >= len(f) {
				try(f, tr[:len(f)])
			}
		}
	}
	return best
}

// editDistance is the optimal string alignment distance (Levenshtein plus
// adjacent transpositions), or limit+1 when it exceeds limit.
func editDistance(a, b []rune, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// allowed returns the pages a filter lets through, nil for all.
func (ix *Index) allowed(f Filter) map[int32]bool {
	var out map[int32]bool
	for _, c := range []struct {
		dim  string
		vals []string
	}{{"kind", f.Kinds}, {"stage", f.Stages}, {"persona", f.Personas}, {"tag", f.Tags}} {
		if len(c.vals) == 0 {
			continue
		}
		set := map[int32]bool{}
		for _, fv := range ix.facets[c.dim] {
			for _, v := range c.vals {
				if fv.value == v {
					for _, id := range fv.ids {
						if out == nil || out[id] {
							set[id] = true
						}
					}
				}
			}
		}
		out = set
	}
	return out
}

// Search ranks the pages for query q: pages matching more query words
// first, then by the sum of their scores, then by id. At most limit results
// (all when limit <= 0). The browser client ranks the same way.
func (ix *Index) Search(q string, f Filter, limit int) []Result {
	words := ix.parse(q)
	if len(words) == 0 {
		return nil
	}
	allow := ix.allowed(f)
	total := map[int32]int{}
	count := map[int32]int{}
	matches := make([]*wordMatch, len(words))
	for i, w := range words {
		m := ix.match(w)
		matches[i] = m
		for id, s := range m.best {
			if ix.metas[id] == nil || (allow != nil && !allow[id]) {
				continue
			}
			total[id] += s
			count[id]++
		}
	}
	ids := make([]int32, 0, len(total))
	for id := range total {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(x, y int) bool {
		a, b := ids[x], ids[y]
		if count[a] != count[b] {
			return count[a] > count[b]
		}
		if total[a] != total[b] {
			return total[a] > total[b]
		}
		return a < b
	})
	if limit > 0 && len(ids) > limit {
		ids = ids[:limit]
	}
	out := make([]Result, len(ids))
	for i, id := range ids {
		dm := ix.metas[id]
		out[i] = Result{ID: int(id), URL: dm.url, Title: dm.title, Summary: dm.summary, Matched: count[id], Score: total[id]}
		if dm.kind >= 0 && dm.kind < len(ix.kinds) {
			out[i].Kind, out[i].KindLabel = ix.kinds[dm.kind][0], ix.kinds[dm.kind][1]
		}
		ix.snippet(&out[i], dm, matches)
	}
	return out
}

// Words returns how many words the query has once analysed (what Matched
// is compared with).
func (ix *Index) Words(q string) int { return len(parseQuery(ix.langs, q)) }

// Suggest returns up to n terms close to the query words that matched no
// page exactly or as a prefix, nearest first, as they were written.
func (ix *Index) Suggest(q string, n int) []string {
	type cand struct {
		text string
		d    int
		df   int
	}
	var out []string
	seen := map[string]bool{}
	for _, w := range ix.parse(q) {
		m := ix.match(w)
		if m.hit {
			continue
		}
		var cs []cand
		for _, v := range w.variants {
			a := []rune(v.stem)
			limit := max(2, len(a)/3)
			for _, l := range m.loaded {
				lf := ix.leaves[l]
				for i, t := range lf.terms {
					if d := editDistance(a, []rune(t), limit); d <= limit {
						text := t
						if lf.disp[i] != "" {
							text = lf.disp[i]
						}
						cs = append(cs, cand{text, d, lf.lists[i].df()})
					}
				}
			}
		}
		sort.SliceStable(cs, func(x, y int) bool {
			if cs[x].d != cs[y].d {
				return cs[x].d < cs[y].d
			}
			if cs[x].df != cs[y].df {
				return cs[x].df > cs[y].df
			}
			return cs[x].text < cs[y].text
		})
		for _, c := range cs {
			if len(out) == n {
				return out
			}
			if !seen[c.text] {
				seen[c.text] = true
				out = append(out, c.text)
			}
		}
	}
	return out
}

func (p *plist) df() int { return len(p.ids) + len(p.rest) }

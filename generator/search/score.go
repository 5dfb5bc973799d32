package search

import (
	"math"
	"runtime"
	"slices"
)

// BM25F weights per field (title, objection, tags, headings, kind label,
// summary, body) and length normalisation per field.
var (
	fieldWeight = [numFields]float64{6, 5, 4, 3, 2, 2, 1}
	fieldB      = [numFields]float64{0.5, 0.5, 0.3, 0.5, 0, 0.5, 0.75}
)

const (
	k1 = 1.2
	// compoundWeight scales the counts of a compound's parts: "Budget" finds
	// "Marketingbudget", below a page that says "Budget".
	compoundWeight = 0.5
	// scoreScale turns a BM25F score into one byte: q = round(score*8).
	scoreScale = 8
	// A term on more than restFrom pages keeps exact scores for its headLen
	// best pages only; the rest share one score (their median). Such terms
	// are frequent, so their idf and the error are small, and the list
	// shrinks to a set of ids that compresses well.
	restFrom = 256
	headLen  = 128
	// shardTarget is the estimated compressed size a term, prefix or facet
	// shard is filled up to.
	shardTarget = 10 << 10
)

// postingList holds one term's pages in id order.
type postingList struct {
	ids []int32
	sat []float32 // saturated term frequency, before idf
	q   []uint8
}

// scratch is a worker's dense accumulator over all terms.
type scratch struct {
	acc     []float64
	touched []int32
}

// growBucket rounds v up to a step of a geometric series (ratio 1.125), so
// that adding or removing a page rarely changes the corpus statistics and
// with them the scores of terms the page does not contain.
func growBucket(v, start float64) float64 {
	b := start
	for b < v {
		b = math.Ceil(b * 1.125)
	}
	return b
}

// postings brings the quantised BM25F score of every (term, page) up to
// date. When the bucketed corpus statistics moved, every page is scored
// again; otherwise only the changed pages and those holding a word whose
// compound parts changed. It marks the terms whose lists changed.
func (b *builder) postings(reparted []int32) {
	st := b.st
	var avg [numFields]float64
	for f := range avg {
		a := 1.0
		if st.live > 0 {
			a = float64(st.lenSum[f]) / float64(st.live)
		}
		avg[f] = growBucket(a, 1)
	}
	nEff := growBucket(float64(st.live), 16)
	b.dirty = make([]bool, len(st.terms))
	b.moved = make([]bool, len(st.terms))
	b.oldIDs = make([][]int32, len(st.post))
	b.oldQ = make([][]uint8, len(st.post))
	for t := range st.post {
		b.oldIDs[t], b.oldQ[t] = st.post[t].ids, st.post[t].q
	}
	st.bulk = b.fresh || avg != st.avg || nEff != st.nEff
	if st.bulk {
		st.avg, st.nEff = avg, nEff
		b.allPostings()
	} else {
		b.somePostings(reparted)
	}
	if len(st.docs) > b.n { // the highest ids were freed
		st.keys, st.docs, st.wids, st.dterms = st.keys[:b.n], st.docs[:b.n], st.wids[:b.n], st.dterms[:b.n]
	}
	// A list whose quantised scores come out as before is no change: a
	// one-word edit moves the length of its page, and with it the exact
	// scores of all its terms, but few of their bytes.
	chunked(len(st.post), func(t int) {
		if !b.dirty[t] {
			return
		}
		p := &st.post[t]
		df := float64(len(p.ids))
		idf := math.Log(1 + (nEff-df+0.5)/(df+0.5))
		if !st.bulk && !b.moved[t] && !b.fresh && len(b.oldQ[t]) == len(p.ids) && 4*len(b.redo) < len(p.ids) {
			// The same pages and statistics: only the pages scored again
			// can have other bytes.
			q := b.oldQ[t]
			for _, id := range b.redo {
				if k, ok := slices.BinarySearch(p.ids, id); ok {
					v := uint8(max(1, min(255, math.Round(idf*float64(p.sat[k])*scoreScale))))
					if v != q[k] {
						if &q[0] == &b.oldQ[t][0] {
							q = slices.Clone(q)
						}
						q[k] = v
					}
				}
			}
			if &q[0] == &b.oldQ[t][0] {
				b.dirty[t] = false
			}
			p.q = q
			return
		}
		q := make([]uint8, len(p.ids))
		for k, s := range p.sat {
			v := math.Round(idf * float64(s) * scoreScale)
			q[k] = uint8(max(1, min(255, v)))
		}
		same := !b.moved[t]
		if st.bulk {
			same = slices.Equal(p.ids, b.oldIDs[t])
		}
		if !b.fresh && same && slices.Equal(q, b.oldQ[t]) {
			b.dirty[t] = false
			p.q = b.oldQ[t]
			return
		}
		p.q = q
	})
	b.oldIDs, b.oldQ = nil, nil
}

// allPostings scores every page and lays the lists out anew.
func (b *builder) allPostings() {
	st := b.st
	type docSat struct {
		terms []int32
		sats  []float32
	}
	per := make([]docSat, len(st.docs))
	b.flattenWords()
	workersWith(len(st.docs), func() *scratch { return &scratch{} }, func(sc *scratch, id int) {
		if a := st.docs[id]; a != nil {
			per[id].terms, per[id].sats = b.docSats(sc, a, st.wids[id])
		}
	})
	// The ids are cut into one range per worker; each counts its entries
	// per term, and then writes them at its own offset within each list,
	// so the lists come out in id order without a lock.
	nc := max(1, min(runtime.GOMAXPROCS(0), len(per)))
	counts := make([][]int32, nc)
	span := (len(per) + nc - 1) / max(nc, 1)
	workers(nc, func(c int) {
		cnt := make([]int32, len(st.terms))
		for id := c * span; id < min(len(per), (c+1)*span); id++ {
			for _, t := range per[id].terms {
				cnt[t]++
			}
		}
		counts[c] = cnt
	})
	total := 0
	for c := range counts {
		for _, n := range counts[c] {
			total += int(n)
		}
	}
	ids := make([]int32, total)
	sats := make([]float32, total)
	off := 0
	for t := range st.post {
		start := off
		for c := range counts {
			n := counts[c][t]
			counts[c][t] = int32(off) // where range c writes its entries of t
			off += int(n)
		}
		st.post[t] = postingList{ids: ids[start:off:off], sat: sats[start:off:off]}
		b.dirty[t] = true
	}
	workers(nc, func(c int) {
		at := counts[c]
		for id := c * span; id < min(len(per), (c+1)*span); id++ {
			for k, t := range per[id].terms {
				ids[at[t]], sats[at[t]] = int32(id), per[id].sats[k]
				at[t]++
			}
			st.dterms[id] = per[id].terms
		}
	})
}

// somePostings moves the changed pages in the lists of their old and new
// terms. A list is copied before it changes: the previous index may still
// read it.
func (b *builder) somePostings(reparted []int32) {
	st := b.st
	redo := make(map[int32]bool, len(b.changed))
	for _, id := range b.changed {
		redo[id] = true
	}
	if len(reparted) > 0 {
		mark := make(map[int32]bool, len(reparted))
		for _, w := range reparted {
			mark[w] = true
		}
		for id, ws := range st.wids {
			for _, w := range ws {
				if mark[w] {
					redo[int32(id)] = true
					break
				}
			}
		}
	}
	order := make([]int32, 0, len(redo))
	for id := range redo {
		order = append(order, id)
	}
	slices.Sort(order)
	b.redo = order
	// A list the previous index may read (short lists are shared with its
	// leaves, see makePlist) is copied before it changes; longer ones are
	// not shared and change in place.
	own := func(t int32) *postingList {
		p := &st.post[t]
		if !b.dirty[t] {
			b.dirty[t] = true
			if len(p.ids) <= b.lim.restFrom {
				p.ids = append(make([]int32, 0, len(p.ids)+4), p.ids...)
				p.sat = append(make([]float32, 0, len(p.sat)+4), p.sat...)
			}
		}
		return p
	}
	sc := &scratch{}
	was := make(map[int32]bool)
	for _, id := range order {
		clear(was)
		for _, t := range st.dterms[id] {
			was[t] = true
		}
		var terms []int32
		var sats []float32
		if a := st.docs[id]; a != nil {
			terms, sats = b.docSats(sc, a, st.wids[id])
		}
		for k, t := range terms {
			p := own(t)
			i, found := slices.BinarySearch(p.ids, id)
			if found {
				p.sat[i] = sats[k]
				delete(was, t)
				continue
			}
			p.ids = slices.Insert(p.ids, i, id)
			p.sat = slices.Insert(p.sat, i, sats[k])
			b.moved[t] = true
		}
		for t := range was { // terms the page no longer has
			p := own(t)
			if k, ok := slices.BinarySearch(p.ids, id); ok {
				p.ids = slices.Delete(p.ids, k, k+1)
				p.sat = slices.Delete(p.sat, k, k+1)
				b.moved[t] = true
			}
		}
		st.dterms[id] = terms
	}
}

// wordTerms is a word's term and its compound parts' terms
// (wparts[off:off+n]), laid out flat by word id when every page is scored:
// that looks a word up for every entry of every page, and wordInfo is
// large.
type wordTerms struct{ term, off, n int32 }

func (b *builder) flattenWords() {
	st := b.st
	size := 0
	for p := range st.parts {
		size = max(size, len(st.parts[p].words)*vocabParts)
	}
	b.wt = make([]wordTerms, size)
	b.wparts = b.wparts[:0]
	for p := range st.parts {
		for k := range st.parts[p].words {
			w := &st.parts[p].words[k]
			b.wt[k*vocabParts+p] = wordTerms{term: w.term, off: int32(len(b.wparts)), n: int32(len(w.parts))}
			b.wparts = append(b.wparts, w.parts...)
		}
	}
}

// docSats sums one page's weighted, length-normalised counts per term and
// saturates them (BM25F), terms in order of first use.
func (b *builder) docSats(sc *scratch, a *docAnalysis, wids []int32) ([]int32, []float32) {
	st := b.st
	var norm [numFields]float64
	for f := range norm {
		norm[f] = fieldWeight[f] / (1 - fieldB[f] + fieldB[f]*float64(a.lens[f])/st.avg[f])
	}
	if len(sc.acc) < len(st.terms) {
		sc.acc = make([]float64, len(st.terms))
	}
	add := func(t int32, v float64) {
		if sc.acc[t] == 0 {
			sc.touched = append(sc.touched, t)
		}
		sc.acc[t] += v
	}
	for k := range a.entries {
		e := &a.entries[k]
		var tfw float64
		for f, c := range e.tf {
			if c > 0 {
				tfw += float64(c) * norm[f]
			}
		}
		if b.wt != nil {
			w := b.wt[wids[k]]
			add(w.term, tfw)
			for _, p := range b.wparts[w.off : w.off+w.n] {
				add(p, tfw*compoundWeight)
			}
			continue
		}
		w := st.word(wids[k])
		add(w.term, tfw)
		for _, p := range w.parts {
			add(p, tfw*compoundWeight)
		}
	}
	terms := make([]int32, len(sc.touched))
	sats := make([]float32, len(sc.touched))
	for i, t := range sc.touched {
		tfw := sc.acc[t]
		terms[i] = t
		sats[i] = float32(tfw * (k1 + 1) / (k1 + tfw))
		sc.acc[t] = 0
	}
	sc.touched = sc.touched[:0]
	return terms, sats
}

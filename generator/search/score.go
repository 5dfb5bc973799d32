package search

import (
	"math"
	"sort"
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
	shardTarget = 12 << 10
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

type termSat struct {
	term int32
	sat  float32
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

// postings computes the quantised BM25F score of every (term, page).
func (b *builder) postings() []postingList {
	var sum [numFields]float64
	for i := range b.dw {
		for f, l := range b.dw[i].lens {
			sum[f] += float64(l)
		}
	}
	var avg [numFields]float64
	for f := range avg {
		a := 1.0
		if len(b.dw) > 0 {
			a = sum[f] / float64(len(b.dw))
		}
		avg[f] = growBucket(a, 1)
	}
	nEff := growBucket(float64(len(b.docs)), 16)

	per := make([][]termSat, len(b.docs))
	workers(len(b.docs), func(i int) { per[i] = b.docSats(&b.dw[i], &avg) })
	b.dw = nil // the word lists are no longer needed

	order := make([]int, len(b.docs))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(x, y int) bool { return b.ids[order[x]] < b.ids[order[y]] })
	post := make([]postingList, len(b.terms))
	for _, i := range order {
		id := int32(b.ids[i])
		for _, ts := range per[i] {
			p := &post[ts.term]
			p.ids = append(p.ids, id)
			p.sat = append(p.sat, ts.sat)
		}
		per[i] = nil
	}
	chunked(len(post), func(t int) {
		p := &post[t]
		df := float64(len(p.ids))
		idf := math.Log(1 + (nEff-df+0.5)/(df+0.5))
		p.q = make([]uint8, len(p.ids))
		for k, s := range p.sat {
			q := math.Round(idf * float64(s) * scoreScale)
			p.q[k] = uint8(max(1, min(255, q)))
		}
		p.sat = nil
	})
	return post
}

// docSats sums one page's weighted, length-normalised counts per term and
// saturates them (BM25F).
func (b *builder) docSats(dw *docWords, avg *[numFields]float64) []termSat {
	var norm [numFields]float64
	for f := range norm {
		norm[f] = fieldWeight[f] / (1 - fieldB[f] + fieldB[f]*float64(dw.lens[f])/avg[f])
	}
	sc := b.scratch.Get().(*scratch)
	defer b.scratch.Put(sc)
	if len(sc.acc) < len(b.terms) {
		sc.acc = make([]float64, len(b.terms))
	}
	add := func(t int32, v float64) {
		if sc.acc[t] == 0 {
			sc.touched = append(sc.touched, t)
		}
		sc.acc[t] += v
	}
	for k := range dw.entries {
		e := &dw.entries[k]
		var tfw float64
		for f, c := range e.tf {
			if c > 0 {
				tfw += float64(c) * norm[f]
			}
		}
		w := &b.words[e.word]
		add(w.term, tfw)
		for _, p := range w.parts {
			add(p, tfw*compoundWeight)
		}
	}
	out := make([]termSat, len(sc.touched))
	for i, t := range sc.touched {
		tfw := sc.acc[t]
		out[i] = termSat{term: t, sat: float32(tfw * (k1 + 1) / (k1 + tfw))}
		sc.acc[t] = 0
	}
	sc.touched = sc.touched[:0]
	return out
}

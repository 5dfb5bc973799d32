package search

import (
	"encoding/json"
	"hash/maphash"
	"slices"

	"playbook/generator/search/analysis"
)

// state is everything a build derives from the pages, kept in the Index so
// that the next build (Options.Previous) only redoes what an edit touches:
// the vocabulary with stems and compound splits, the posting lists with
// their unquantised scores, and the encoded shards. One build's state
// moves to the next index; the previous index keeps answering queries (no
// slice it reads is changed), but building from it again starts afresh.
type state struct {
	gen uint32 // builds so far: marks what this build touched
	lim limits

	// By page id; nil/zero for a free id.
	keys   []docKey
	docs   []*docAnalysis
	wids   [][]int32 // the vocabulary word of each analysis entry
	dterms [][]int32 // the terms the page was posted under

	lenSum [numFields]int64 // words per field over all pages
	live   int              // pages
	avg    [numFields]float64
	nEff   float64

	parts [vocabParts]vocabPart
	split *analysis.Splitter

	// By term id. A term no page uses any more keeps its id with an empty
	// posting list, and is left out of the files.
	terms   []string
	termIDs map[string]int32
	post    []postingList
	lists   []plist   // post after the head/rest rule
	est     []int     // estimated compressed size of the term in a leaf
	disp    []string  // how the term is shown: its most frequent word
	top     [][]int32 // the best pages of lists
	qword   []string  // the folded word a rep types for the term: its most frequent
	qcards  [][]int32 // the best pages for qword typed last: the term's cards
	qcomp   [][]int32 // the terms qword prefixes, when qcards looked at them
	qunion  []*cachedUnion
	tw      []int // typo table weight, 0 when not eligible

	byQword map[string][]int32 // terms by qword
	typo    []int32            // the typo table's terms, best first
	typoW   []int              // and their weights then

	facetKey   docKey // what the filter shards were made from
	facetFiles []File
	facetMan   map[string][]json.RawMessage
	facetFF    string
	facetIx    map[string][]facetValue

	prints   []docPrint // by page id, its strings (see fingerprint.go)
	inURLs   []string   // the pages' URLs in the order they were given
	inIDs    []int      // and their ids
	manifest []byte     // the last manifest written

	order      []int32          // live terms in byte order
	part       *partitionResult // how order was cut into leaves
	leafCache  map[leafSig]*cachedLeaf
	unionCache map[string]*cachedUnion
	packs      []pack      // prefix shards, in order
	metaCache  []metaShard // by shard index
	metaKeys   []docKey    // by page id, the keys metaCache's pages had
	dead       int         // words with df 0: the state is rebuilt when they pile up
	bulk       bool        // the last build scored every page again
}

func newState(lim limits) *state {
	return &state{lim: lim, termIDs: map[string]int32{}, byQword: map[string][]int32{}, leafCache: map[leafSig]*cachedLeaf{}, unionCache: map[string]*cachedUnion{}}
}

// memo is the analysis of each page content, keyed by content. A build
// that keeps the last one's pages adds to it in place (an analysis never
// changes, and a key always means the same content); otherwise a build
// makes a new one.
type memo struct {
	seeds [2]maphash.Seed
	docs  map[docKey]*docAnalysis
}

// takeState returns the previous build's state if this build can continue
// it (page ids kept, same limits), else a fresh one.
func (b *builder) takeState(idsKept bool) {
	prev := b.opts.Previous
	if prev != nil && prev.memo != nil {
		b.memo = prev.memo
	} else {
		b.memo = &memo{seeds: [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}}
	}
	if prev != nil && idsKept && prev.state != nil && prev.state.lim == b.lim && prev.state.dead < 4*prev.state.wordsLive()+1024 {
		b.st = prev.state
		prev.state = nil
	} else {
		b.st = newState(b.lim)
	}
	b.st.gen++
}

func (st *state) wordsLive() int {
	n := 0
	for p := range st.parts {
		n += len(st.parts[p].words)
	}
	return n - st.dead
}

// analyse keys every page and analyses those whose content the memo does
// not hold, in parallel. It fills b.newDocs/b.newKeys by id and lists the
// ids whose analysis changed.
func (b *builder) analyse() {
	b.newKeys = make([]docKey, b.n)
	b.newDocs = make([]*docAnalysis, b.n)
	b.newWids = make([][]int32, b.n)
	langs := make([]uint8, len(b.docs))
	st := b.st
	if len(st.prints) < b.n {
		st.prints = append(st.prints, make([]docPrint, b.n-len(st.prints))...)
	}
	reprint := make([]bool, len(b.docs))
	b.touched = make([]bool, len(b.docs))
	chunked(len(b.docs), func(i int) {
		lang := b.docs[i].Lang
		if lang == "" {
			lang = b.opts.Lang
		}
		langs[i] = langIndex(lang)
		id := b.ids[i]
		if id < len(st.keys) && st.prints[id].matches(&b.docs[i], lang) {
			b.newKeys[id] = st.keys[id]
			return
		}
		reprint[i] = true
		b.touched[i] = true
		b.newKeys[id] = hashDoc(&b.memo.seeds, langs[i], &b.docs[i])
	})
	b.facetsSame = b.inSame
	for i, r := range reprint {
		if r {
			lang := b.docs[i].Lang
			if lang == "" {
				lang = b.opts.Lang
			}
			id := b.ids[i]
			b.facetsSame = b.facetsSame && st.prints[id].sameFacets(&b.docs[i])
			st.prints[id] = printOf(&b.docs[i], lang)
		}
	}
	if !b.inSame {
		st.inURLs = make([]string, len(b.docs))
		for i := range b.docs {
			st.inURLs[i] = b.docs[i].URL
		}
		st.inIDs = slices.Clone(b.ids)
	}
	if len(st.prints) > b.n {
		clear(st.prints[b.n:])
		st.prints = st.prints[:b.n]
	}
	var todo []int
	for i := range b.docs {
		id := b.ids[i]
		if !b.touched[i] && id < len(st.docs) && st.docs[id] != nil {
			b.newDocs[id] = st.docs[id] // the same strings: the same analysis
			continue
		}
		if a := b.memo.docs[b.newKeys[id]]; a != nil {
			b.newDocs[id] = a
		} else {
			todo = append(todo, i)
		}
	}
	workersWith(len(todo), func() *analyser { return &analyser{} }, func(an *analyser, k int) {
		i := todo[k]
		b.newDocs[b.ids[i]] = an.analyse(langs[i], &b.docs[i])
	})
	if b.inSame && b.memo.docs != nil && len(b.memo.docs) < 2*len(b.docs) {
		// Watch mode: the changed pages' analyses join the memo in place;
		// those of old versions stay until they are as many as the pages.
		for i, t := range b.touched {
			if t {
				id := b.ids[i]
				b.memo.docs[b.newKeys[id]] = b.newDocs[id]
			}
		}
	} else {
		next := &memo{seeds: b.memo.seeds, docs: make(map[docKey]*docAnalysis, len(b.docs))}
		for i := range b.docs {
			id := b.ids[i]
			next.docs[b.newKeys[id]] = b.newDocs[id]
		}
		b.memo = next
	}

	if len(st.docs) < b.n {
		grow := b.n - len(st.docs)
		st.keys = append(st.keys, make([]docKey, grow)...)
		st.docs = append(st.docs, make([]*docAnalysis, grow)...)
		st.wids = append(st.wids, make([][]int32, grow)...)
		st.dterms = append(st.dterms, make([][]int32, grow)...)
	}
	for id := range st.docs {
		var a *docAnalysis
		var key docKey
		if id < b.n {
			a, key = b.newDocs[id], b.newKeys[id]
		}
		if a != st.docs[id] || key != st.keys[id] {
			b.changed = append(b.changed, int32(id))
		}
	}
	if len(b.newDocs) < len(st.docs) {
		grow := len(st.docs) - len(b.newDocs)
		b.newDocs = append(b.newDocs, make([]*docAnalysis, grow)...)
		b.newKeys = append(b.newKeys, make([]docKey, grow)...)
		b.newWids = append(b.newWids, make([][]int32, grow)...)
	}
}

// commitDocs makes the new pages the state's, after the vocabulary update.
func (b *builder) commitDocs() {
	st := b.st
	for _, id := range b.changed {
		if a := st.docs[id]; a != nil {
			st.live--
			for f := range a.lens {
				st.lenSum[f] -= int64(a.lens[f])
			}
		}
		if a := b.newDocs[id]; a != nil {
			st.live++
			for f := range a.lens {
				st.lenSum[f] += int64(a.lens[f])
			}
		}
		st.docs[id], st.keys[id], st.wids[id] = b.newDocs[id], b.newKeys[id], b.newWids[id]
	}
	dead := 0
	for p := range st.parts {
		for _, k := range st.parts[p].touched {
			w, c := &st.parts[p].words[k], &st.parts[p].counts[k]
			switch {
			case c.prevDF > 0 && c.df == 0:
				dead++
			case c.prevDF == 0 && c.df > 0 && w.term >= 0:
				dead-- // revived
			}
		}
	}
	st.dead += dead
}

package search

import (
	"fmt"
	"runtime"
	"slices"
	"sort"
	"sync"
)

// Fields of a page, each with its own weight in the ranking.
const (
	fieldTitle = iota
	fieldObjection
	fieldTags // tags and personas
	fieldHeadings
	fieldKind // the kind's label, so "Einwand Preis" finds objections about price
	fieldSummary
	fieldBody
	numFields
)

type builder struct {
	opts Options
	docs []Doc
	ids  []int // ids[i] is the id of docs[i]
	n    int   // id space: max id + 1
	lim  limits

	memo  *memo  // analyses by content, for the next build
	st    *state // derived data, carried on from the previous build
	fresh bool   // st starts empty

	// By id, this build's pages: their keys, analyses and vocabulary words.
	newKeys []docKey
	newDocs []*docAnalysis
	newWids [][]int32
	changed []int32 // ids whose analysis differs from st's, ascending

	wt     []wordTerms // by word id
	wparts []int32

	moved  []bool    // by term: a page joined or left its list
	oldIDs [][]int32 // by term, the lists before this build
	oldQ   [][]uint8

	dirty     []bool   // by term: its list or display changed
	deadTerms []string // terms no page uses any more
	metaMoved []bool   // by id: the page shows something else than in the last build

	orderChanged bool     // a term joined or left st.order
	inSame       bool     // the same URLs in the same order as the last build
	facetsSame   bool     // and every page has the kind, stage, personas and tags it had
	bornTerms    []string // terms that joined it
	oldLists     []plist  // by term: the stored list before this build, for changed terms
	redo         []int32  // pages scored again by somePostings, ascending
	touched      []bool   // by input index: the page is not made of the last build's strings
}

// Build indexes docs. Pages are analysed in parallel; the result is
// deterministic for the same input. With opts.Previous, only the pages
// that changed are analysed and scored again, and shards no changed term
// falls in are reused: the output is the same as a build from scratch
// with the same page ids.
func Build(docs []Doc, opts Options) (*Index, error) {
	b := &builder{opts: opts, docs: docs, lim: limits{shardTarget: shardTarget, restFrom: restFrom, headLen: headLen}}
	if opts.limits != nil {
		b.lim = *opts.limits
	}
	if b.lim.cardBudget == 0 {
		b.lim.cardBudget = cardBudget
	}
	kept, err := b.assignIDs()
	if err != nil {
		return nil, err
	}
	b.takeState(kept)
	b.fresh = b.st.gen == 1
	b.analyse()
	b.updateVocab()
	b.commitDocs()
	b.fixStale()
	b.stemNew()
	reparted := b.splitCompounds()
	b.postings(reparted)
	ix, err := b.encode()
	if err != nil {
		return nil, err
	}
	ix.memo, ix.state = b.memo, b.st
	return ix, nil
}

// workers runs fn(i) for i in [0, n) on all cores.
func workers(n int, fn func(i int)) {
	workersWith(n, func() struct{} { return struct{}{} }, func(_ struct{}, i int) { fn(i) })
}

// workersWith is workers with a value per worker (buffers), made by mk.
func workersWith[T any](n int, mk func() T, fn func(w T, i int)) {
	p := min(runtime.GOMAXPROCS(0), n)
	if p <= 1 {
		if n > 0 {
			w := mk()
			for i := 0; i < n; i++ {
				fn(w, i)
			}
		}
		return
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	next := 0
	// Items are handed out in small batches: cheap to take, and a slow
	// item does not hold the others back.
	batch := max(1, min(64, n/(p*16)))
	for range p {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := mk()
			for {
				mu.Lock()
				lo := next
				next += batch
				mu.Unlock()
				if lo >= n {
					return
				}
				for i := lo; i < min(lo+batch, n); i++ {
					fn(w, i)
				}
			}
		}()
	}
	wg.Wait()
}

// chunked runs fn over [0, n) in chunks of 64 on all cores.
func chunked(n int, fn func(i int)) {
	const chunk = 64
	workers((n+chunk-1)/chunk, func(c int) {
		end := min((c+1)*chunk, n)
		for i := c * chunk; i < end; i++ {
			fn(i)
		}
	})
}

// assignIDs numbers the pages: in URL order for a fresh index; keeping the
// previous ids (and reusing freed ones) when opts.Previous is set, unless
// more than a quarter of the id space would be holes. It reports whether
// the previous ids were kept.
func (b *builder) assignIDs() (bool, error) {
	// Watch mode: the same pages in the same order keep their ids.
	if prev := b.opts.Previous; prev != nil && prev.state != nil && len(prev.state.inURLs) == len(b.docs) {
		st := prev.state
		same := true
		for i := range b.docs {
			if b.docs[i].URL != st.inURLs[i] {
				same = false
				break
			}
		}
		if same {
			b.ids = slices.Clone(st.inIDs)
			b.n = len(b.docs)
			b.inSame = true
			return true, nil
		}
	}
	order := make([]int, len(b.docs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(x, y int) bool { return b.docs[order[x]].URL < b.docs[order[y]].URL })
	for i := 1; i < len(order); i++ {
		if b.docs[order[i]].URL == b.docs[order[i-1]].URL {
			return false, fmt.Errorf("search: two pages with URL %q", b.docs[order[i]].URL)
		}
	}
	// Ids are ranks by URL, so an index built on top of a previous one is
	// byte-identical to one built from scratch. The previous index's work
	// is reused only when the set of URLs is unchanged (the common edit).
	b.ids = make([]int, len(b.docs))
	for rank, i := range order {
		b.ids[i] = rank
	}
	b.n = len(b.docs)
	if prev := b.opts.Previous; prev != nil && len(prev.urlID) == len(b.docs) {
		same := true
		for i, d := range b.docs {
			if id, ok := prev.urlID[d.URL]; !ok || id != b.ids[i] {
				same = false
				break
			}
		}
		if same {
			return true, nil
		}
	}
	return false, nil
}

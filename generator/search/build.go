package search

import (
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"

	"playbook/generator/search/analysis"
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

// wordTF is one distinct word of a page with its counts per field.
type wordTF struct {
	word int32 // a vocabulary ref while analysing, then an index into builder.words
	tf   [numFields]uint16
}

// docWords is the analysis of one page.
type docWords struct {
	lang    string
	entries []wordTF
	lens    [numFields]int // words per field, hyphen parts not counted
}

// wordInfo is one distinct folded word of the corpus (per language).
type wordInfo struct {
	lang, folded string
	surface      string // as written first on the page with the lowest id
	minDoc       int    // that page's id
	df           int
	term         int32   // index into builder.terms
	parts        []int32 // compound parts' terms
}

type builder struct {
	opts  Options
	docs  []Doc
	ids   []int // ids[i] is the id of docs[i]
	n     int   // id space: max id + 1
	dw    []docWords
	words []wordInfo
	terms []string
	// termIDs maps a term to its index in terms.
	termIDs map[string]int32
	lim     limits
	scratch sync.Pool
	vocab   *vocab
}

// Build indexes docs. Pages are analysed in parallel; the result is
// deterministic for the same input.
func Build(docs []Doc, opts Options) (*Index, error) {
	b := newBuilder(docs, opts)
	if err := b.assignIDs(); err != nil {
		return nil, err
	}
	b.analyse()
	b.mergeWords()
	b.stemWords()
	post := b.postings()
	return b.encode(post)
}

func newBuilder(docs []Doc, opts Options) *builder {
	b := &builder{opts: opts, docs: docs, lim: limits{shardTarget: shardTarget, restFrom: restFrom, headLen: headLen}}
	b.scratch.New = func() any { return &scratch{} }
	if opts.limits != nil {
		b.lim = *opts.limits
	}
	return b
}

// workers runs fn(i) for i in [0, n) on all cores.
func workers(n int, fn func(i int)) {
	p := runtime.GOMAXPROCS(0)
	if p > n {
		p = n
	}
	if p <= 1 {
		for i := 0; i < n; i++ {
			fn(i)
		}
		return
	}
	var wg sync.WaitGroup
	next := make(chan int, p*4)
	for w := 0; w < p; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
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
// more than a quarter of the id space would be holes.
func (b *builder) assignIDs() error {
	order := make([]int, len(b.docs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(x, y int) bool { return b.docs[order[x]].URL < b.docs[order[y]].URL })
	for i := 1; i < len(order); i++ {
		if b.docs[order[i]].URL == b.docs[order[i-1]].URL {
			return fmt.Errorf("search: two pages with URL %q", b.docs[order[i]].URL)
		}
	}
	b.ids = make([]int, len(b.docs))
	if prev := b.opts.Previous; prev != nil && len(prev.urls) > 0 {
		used := make([]bool, 0, len(prev.urls))
		var fresh []int
		for _, i := range order {
			if id, ok := prev.urlID[b.docs[i].URL]; ok {
				b.ids[i] = id
				for len(used) <= id {
					used = append(used, false)
				}
				used[id] = true
			} else {
				fresh = append(fresh, i)
			}
		}
		next := 0
		for _, i := range fresh {
			for next < len(used) && used[next] {
				next++
			}
			b.ids[i] = next
			if next == len(used) {
				used = append(used, true)
			} else {
				used[next] = true
			}
		}
		b.n = len(used)
		if b.n-len(b.docs) <= b.n/4 {
			return nil
		}
	}
	for rank, i := range order {
		b.ids[i] = rank
	}
	b.n = len(b.docs)
	return nil
}

// analyse splits every page into words, in parallel, collecting the
// distinct words of the corpus in a shared vocabulary.
func (b *builder) analyse() {
	b.vocab = newVocab()
	b.dw = make([]docWords, len(b.docs))
	workers(len(b.docs), func(i int) { b.dw[i] = b.analyseDoc(&b.docs[i], b.ids[i]) })
}

func (b *builder) analyseDoc(d *Doc, id int) docWords {
	lang := d.Lang
	if lang == "" {
		lang = b.opts.Lang
	}
	dw := docWords{lang: analysis.Lang(lang)}
	local := make(map[int32]int32, 256)
	key := []byte{dw.lang[0]}
	add := func(field int, text string) {
		analysis.Scan(text, true, func(raw string, start, end int, part bool) {
			key = analysis.AppendFold(key[:1], dw.lang, raw)
			if len(key) == 1 || len(key) > analysis.MaxWordRunes+1 && !analysis.KeepFolded(string(key[1:])) {
				return
			}
			if !part {
				dw.lens[field]++
			}
			ref := b.vocab.ref(key, text[start:end], id)
			k, ok := local[ref]
			if !ok {
				k = int32(len(dw.entries))
				local[ref] = k
				dw.entries = append(dw.entries, wordTF{word: ref})
			}
			if e := &dw.entries[k]; e.tf[field] < 0xffff {
				e.tf[field]++
			}
		})
	}
	add(fieldTitle, d.Title)
	add(fieldObjection, d.Objection)
	for _, t := range d.Tags {
		add(fieldTags, t)
	}
	for _, p := range d.Personas {
		add(fieldTags, p)
	}
	add(fieldKind, d.KindLabel)
	add(fieldSummary, d.Summary)
	for _, s := range d.Sections {
		add(fieldHeadings, s.Heading)
		add(fieldBody, s.Text)
	}
	return dw
}

// mergeWords lays the vocabulary out in (language, word) order, so nothing
// downstream depends on scheduling, and points the pages' entries at it.
func (b *builder) mergeWords() {
	var remap [vocabShards][]int32
	b.words, remap = b.vocab.sorted()
	b.vocab = nil
	chunked(len(b.dw), func(i int) {
		for k := range b.dw[i].entries {
			e := &b.dw[i].entries[k]
			e.word = remap[e.word%vocabShards][e.word/vocabShards]
		}
	})
	for i := range b.dw {
		for _, e := range b.dw[i].entries {
			b.words[e.word].df++
		}
	}
}

// stemWords stems every distinct word and splits German compounds against
// the corpus vocabulary, then numbers the terms.
func (b *builder) stemWords() {
	stems := make([]string, len(b.words))
	chunked(len(b.words), func(i int) { stems[i] = analysis.Stem(b.words[i].lang, b.words[i].folded) })
	vocab := make(map[string]string)
	for i, w := range b.words {
		if w.lang == "de" {
			vocab[w.folded] = stems[i]
		}
	}
	sp := analysis.NewSplitter(vocab)
	parts := make([][]string, len(b.words))
	chunked(len(b.words), func(i int) {
		w := &b.words[i]
		if w.lang != "de" || len(w.folded) < analysis.MinCompound {
			return
		}
		for _, p := range sp.Split(w.folded) {
			parts[i] = append(parts[i], analysis.Stem("de", p))
		}
	})
	b.termIDs = make(map[string]int32, len(b.words))
	id := func(t string) int32 {
		k, ok := b.termIDs[t]
		if !ok {
			k = int32(len(b.terms))
			b.termIDs[t] = k
			b.terms = append(b.terms, t)
		}
		return k
	}
	for i := range b.words {
		b.words[i].term = id(stems[i])
		for _, p := range parts[i] {
			if t := id(p); t != b.words[i].term {
				b.words[i].parts = append(b.words[i].parts, t)
			}
		}
	}
}

// display picks, per term, the surface of its most frequent word: what
// suggestions show instead of a bare stem.
func (b *builder) display() []string {
	best := make([]int, len(b.terms))
	for i := range best {
		best[i] = -1
	}
	for i, w := range b.words {
		if k := best[w.term]; k < 0 || w.df > b.words[k].df {
			best[w.term] = i
		}
	}
	out := make([]string, len(b.terms))
	for t, k := range best {
		if k >= 0 {
			out[t] = strings.Map(dropFormat, strings.ToLower(b.words[k].surface))
		}
	}
	return out
}

// dropFormat removes soft hyphens and zero-width characters from a surface.
func dropFormat(r rune) rune {
	if r == '\u00ad' || (r >= '\u200b' && r <= '\u200f') || r == '\u2060' || r == '\ufeff' {
		return -1
	}
	return r
}

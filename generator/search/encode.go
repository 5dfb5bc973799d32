package search

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"playbook/generator/search/analysis"
)

// Shard sizes are estimated before compression; gzip shrinks posting
// lists of small numbers to about 45% and dense id sets far more.
const (
	headRatio = 0.45
	restRatio = 0.18
	// hashBytes of SHA-256 name a shard: 24 bits tell a shard's versions
	// apart, and every byte counts in the manifest.
	hashBytes = 3
	// metaSize pages share one metadata shard: a result costs its shard.
	metaSize = 8
	// Limits on what a result shows, in runes. Section texts are not
	// shipped: a result shows its objection or summary, and links the
	// section whose heading matched.
	maxTitle, maxSummary, maxHeading, maxSections = 160, 200, 80, 6
)

// encode turns the postings into shard files and the decoded index,
// reusing the shards no changed term falls in.
func (b *builder) encode() (*Index, error) {
	st := b.st
	ix := &Index{n: b.n, base: b.opts.BasePath, metaSize: metaSize, prefixes: map[string]*plist{}, facets: map[string][]facetValue{}, urlID: map[string]int{}}
	ix.langs = b.langs()
	b.displays()
	b.orderTerms()

	// Lists, fragments and size estimates of the changed terms.
	frags := make([][]byte, len(st.terms))
	chunked(len(st.order), func(k int) {
		t := st.order[k]
		if !b.dirty[t] {
			return
		}
		st.lists[t] = b.makePlist(st.post[t].ids, st.post[t].q)
		var est int
		frags[t], est = encodePlist(st.lists[t])
		st.est[t] = est + len(st.terms[t]) + len(b.shownDisp(t))/2 + 4
	})
	terms := make([]string, len(st.order))
	est := make([]int, len(st.order))
	dirtyBefore := make([]int, len(st.order)+1) // dirty terms before position k
	for k, t := range st.order {
		terms[k], est[k] = st.terms[t], st.est[t]
		dirtyBefore[k+1] = dirtyBefore[k]
		if b.dirty[t] {
			dirtyBefore[k+1]++
		}
	}

	part := partition(terms, est, b.lim.shardTarget)
	var files []File
	add := func(kind string, data []byte) string {
		h := shardHash(data)
		files = append(files, File{Path: "search/" + kind + "-" + h + ".json", Data: data})
		return h
	}

	m := manifest{V: formatVersion, N: b.n, Base: b.opts.BasePath, Langs: ix.langs, Prefixes: map[string]int{}, MetaSize: metaSize, Facets: map[string][]json.RawMessage{}}
	leaves := make([]*cachedLeaf, len(part.leaves))
	sigs := make([]leafSig, len(part.leaves))
	var todo []int
	for i, r := range part.leaves {
		sigs[i] = leafSig{first: -1, last: -1}
		if r[1] > r[0] {
			sigs[i] = leafSig{first: st.order[r[0]], last: st.order[r[1]-1], n: int32(r[1] - r[0])}
		}
		if c := st.leafCache[sigs[i]]; c != nil && dirtyBefore[r[1]] == dirtyBefore[r[0]] {
			leaves[i] = c
		} else {
			todo = append(todo, i)
		}
	}
	chunked(len(todo), func(k int) {
		r := part.leaves[todo[k]]
		lf := &leaf{terms: terms[r[0]:r[1]:r[1]], disp: make([]string, r[1]-r[0]), lists: make([]plist, r[1]-r[0])}
		fs := make([][]byte, r[1]-r[0])
		for j := range lf.terms {
			t := st.order[r[0]+j]
			lf.disp[j], lf.lists[j], fs[j] = b.shownDisp(t), st.lists[t], frags[t]
			if fs[j] == nil {
				fs[j], _ = encodePlist(st.lists[t])
			}
		}
		data := encodeLeaf(lf, fs)
		leaves[todo[k]] = &cachedLeaf{leaf: lf, data: data, hash: shardHash(data)}
	})
	st.leafCache = make(map[leafSig]*cachedLeaf, len(leaves))
	for i, c := range leaves {
		st.leafCache[sigs[i]] = c
		ix.leaves = append(ix.leaves, c.leaf)
		bound := ""
		if i > 0 {
			bound = terms[part.leaves[i][0]]
		}
		ix.bounds = append(ix.bounds, bound)
		files = append(files, File{Path: "search/t-" + c.hash + ".json", Data: c.data})
		m.Leaves += c.hash
	}
	m.Bounds = ix.bounds

	// Unions for the prefixes that span leaves, packed in tree order.
	unions := b.unions(part.splits, dirtyBefore)
	var packs []pack
	for k := 0; k < len(part.splits); {
		start, size := k, 0
		for ; k < len(part.splits) && (k == start || size+unions[k].est <= b.lim.shardTarget); k++ {
			size += unions[k].est
		}
		pk := pack{unions: unions[start:k]}
		// A pack of the same unions as last time is the same file.
		if i := len(packs); i < len(st.packs) && slices.Equal(st.packs[i].unions, pk.unions) {
			pk = st.packs[i]
		} else {
			pk.data = encodePack(part.splits[start:k], pk.unions)
			pk.hash = shardHash(pk.data)
		}
		for j := start; j < k; j++ {
			ix.prefixes[part.splits[j].prefix] = &unions[j].list
			m.Prefixes[part.splits[j].prefix] = len(packs)
		}
		packs = append(packs, pk)
		files = append(files, File{Path: "search/p-" + pk.hash + ".json", Data: pk.data})
		m.PFiles += pk.hash
	}
	st.packs = packs

	b.encodeMeta(ix, &m, func(kind, h string, data []byte) {
		files = append(files, File{Path: "search/" + kind + "-" + h + ".json", Data: data})
	})
	b.encodeFacets(ix, &m, add)

	data, err := json.Marshal(m)
	if err != nil {
		return nil, fmt.Errorf("search: manifest: %w", err)
	}
	ix.files = append([]File{{Path: ManifestPath, Data: data}}, files...)
	return ix, nil
}

// leafSig names a leaf by its first and last term and their count: with
// no changed term inside, equal signatures mean equal leaves.
type leafSig struct{ first, last, n int32 }

type cachedLeaf struct {
	leaf *leaf
	data []byte
	hash string
}

func shardHash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:hashBytes])
}

// shownDisp is what a leaf stores as term t's display form: "" when it
// is the term itself.
func (b *builder) shownDisp(t int32) string {
	d := b.st.disp[t]
	if d == b.st.terms[t] || !utf8.ValidString(d) {
		return ""
	}
	return d
}

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
		if c >= 0 {
			w := st.count(c)
			d = st.docs[w.minDoc].display(int(w.minEnt))
		}
		if d != st.disp[t] {
			st.disp[t] = d
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
		} else if !live && inOrder[t] {
			died = true
			b.deadTerms = append(b.deadTerms, st.terms[t])
		}
	}
	if len(born) == 0 && !died {
		return
	}
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

// makePlist applies the head/rest rule of restFrom to a list in id order:
// the headLen best scores (the lower id first among equals) keep their
// score, the others share their median. Scores are bytes, so a histogram
// finds both in linear time.
func (b *builder) makePlist(ids []int32, q []uint8) plist {
	restFrom, headLen := b.lim.restFrom, b.lim.headLen
	if len(ids) <= restFrom {
		return plist{ids: ids, q: q}
	}
	var hist [256]int
	for _, v := range q {
		hist[v]++
	}
	// Every score above cut is in the head, and the first take pages
	// scoring exactly cut.
	cut, above := 255, 0
	for ; cut > 0 && above+hist[cut] < headLen; cut-- {
		above += hist[cut]
	}
	take := headLen - above
	p := plist{ids: make([]int32, 0, headLen), q: make([]uint8, 0, headLen), rest: make([]int32, 0, len(ids)-headLen)}
	for i, id := range ids {
		v := int(q[i])
		if v > cut || v == cut && take > 0 {
			if v == cut {
				take--
			}
			p.ids = append(p.ids, id)
			p.q = append(p.q, q[i])
			hist[v]--
			continue
		}
		p.rest = append(p.rest, id)
	}
	// hist now counts the rest: its median (the lower middle one).
	mid := len(p.rest) / 2
	for v, n := range hist {
		if mid < n {
			p.restQ = uint8(v)
			break
		}
		mid -= n
	}
	return p
}

// encodePlist writes [[id gaps],[scores]] or, with a rest,
// [[id gaps],[scores],restScore,[rest id gaps]], and estimates its
// compressed size.
func encodePlist(p plist) ([]byte, int) {
	w := &jsonWriter{b: make([]byte, 0, 8+len(p.ids)*7+len(p.rest)*3)}
	w.raw("[")
	w.gaps(p.ids)
	w.raw(",[")
	for i, q := range p.q {
		if i > 0 {
			w.raw(",")
		}
		w.int(int(q))
	}
	w.raw("]")
	head := len(w.b)
	if p.rest != nil {
		w.raw(",")
		w.int(int(p.restQ))
		w.raw(",")
		w.gaps(p.rest)
	}
	w.raw("]")
	return w.b, int(float64(head)*headRatio + float64(len(w.b)-head)*restRatio)
}

func encodeLeaf(lf *leaf, frags [][]byte) []byte {
	size := 16
	for i, f := range frags {
		size += len(f) + len(lf.terms[i]) + len(lf.disp[i]) + 8
	}
	w := &jsonWriter{b: make([]byte, 0, size)}
	w.raw(`{"t":[`)
	for i, t := range lf.terms {
		if i > 0 {
			w.raw(",")
		}
		w.str(t)
	}
	w.raw(`],"d":[`)
	for i, d := range lf.disp {
		if i > 0 {
			w.raw(",")
		}
		w.str(d)
	}
	w.raw(`],"p":[`)
	for i, f := range frags {
		if i > 0 {
			w.raw(",")
		}
		w.b = append(w.b, f...)
	}
	w.raw("]}")
	return w.b
}

// jsonWriter appends JSON without reflection; shards hold millions of numbers.
type jsonWriter struct{ b []byte }

func (w *jsonWriter) raw(s string) { w.b = append(w.b, s...) }
func (w *jsonWriter) int(n int)    { w.b = strconv.AppendInt(w.b, int64(n), 10) }

func (w *jsonWriter) gaps(ids []int32) {
	w.b = append(w.b, '[')
	var prev int32
	for i, id := range ids {
		if i > 0 {
			w.b = append(w.b, ',')
		}
		w.b = strconv.AppendInt(w.b, int64(id-prev), 10)
		prev = id
	}
	w.b = append(w.b, ']')
}

func (w *jsonWriter) str(s string) {
	const hexDigits = "0123456789abcdef"
	w.b = append(w.b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			w.b = append(w.b, c)
			i++
			continue
		}
		if c < utf8.RuneSelf {
			switch c {
			case '"', '\\':
				w.b = append(w.b, '\\', c)
			case '\n':
				w.b = append(w.b, '\\', 'n')
			case '\t':
				w.b = append(w.b, '\\', 't')
			default:
				w.b = append(w.b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			w.b = append(w.b, "\ufffd"...)
		} else {
			w.b = append(w.b, s[i:i+size]...)
		}
		i += size
	}
	w.b = append(w.b, '"')
}

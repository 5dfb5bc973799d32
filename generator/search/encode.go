package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"unicode/utf8"
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
	// Limits on what a result shows, in runes: a result shows its
	// objection, summary or the start of a section, and links the section
	// that matched.
	maxTitle, maxSummary, maxHeading, maxSections = 160, 160, 80, 6
	// The first maxExcerpts sections carry the start of their text: a
	// short sentence, so cards and metadata shards stay small.
	maxExcerpts, maxExcerpt = 3, 60
)

// encode turns the postings into shard files and the decoded index,
// reusing the shards no changed term falls in.
func (b *builder) encode() (*Index, error) {
	st := b.st
	ix := &Index{n: b.n, base: b.opts.BasePath, metaSize: metaSize, prefixes: map[string]*plist{}, facets: map[string][]facetValue{}, urlID: map[string]int{}}
	ix.langs = b.langs()
	b.pageMetas(ix)
	b.displays()
	b.orderTerms()

	// Lists, fragments and size estimates of the changed terms.
	frags := make([][]byte, len(st.terms))
	b.oldLists = make([]plist, len(st.terms))
	var estMoved atomic.Bool
	for _, x := range b.deadTerms {
		t := st.termIDs[x]
		b.oldLists[t], st.lists[t] = st.lists[t], plist{}
	}
	chunked(len(st.order), func(k int) {
		t := st.order[k]
		if !b.dirty[t] {
			return
		}
		b.oldLists[t] = st.lists[t]
		st.lists[t] = b.makePlist(st.post[t].ids, st.post[t].q)
		var est int
		frags[t], est = encodePlist(st.lists[t])
		st.top[t] = topPages(&st.lists[t], cardTop)
		st.tw[t] = typoWeight(st.terms[t], &st.lists[t], st.top[t])
		est += len(st.terms[t]) + len(b.shownDisp(t))/2 + 4
		if est != st.est[t] {
			estMoved.Store(true)
		}
		st.est[t] = est
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

	// The same terms of the same sizes cut the same way.
	var part partitionResult
	if !b.fresh && !b.orderChanged && !estMoved.Load() && st.part != nil {
		part = *st.part
	} else {
		part = partition(terms, est, b.lim.shardTarget)
		st.part = &part
	}
	// Unions for the prefixes that span leaves, and the best pages of the
	// query that reaches each term, which its leaf carries cards for.
	unions := b.unions(part.splits, dirtyBefore)
	splitU := make(map[string]*cachedUnion, len(unions))
	for k, sp := range part.splits {
		splitU[sp.prefix] = unions[k]
	}
	qChanged := b.queryCards(terms, splitU)
	qBefore := make([]int, len(terms)+1)
	for k, c := range qChanged {
		qBefore[k+1] = qBefore[k]
		if c {
			qBefore[k+1]++
		}
	}
	var files []File

	m := manifest{V: formatVersion, N: b.n, Base: b.opts.BasePath, Langs: ix.langs, Prefixes: map[string]int{}, MetaSize: metaSize, Facets: map[string][]json.RawMessage{}}
	leaves := make([]*cachedLeaf, len(part.leaves))
	sigs := make([]leafSig, len(part.leaves))
	var todo []int
	for i, r := range part.leaves {
		sigs[i] = leafSig{first: -1, last: -1}
		if r[1] > r[0] {
			sigs[i] = leafSig{first: st.order[r[0]], last: st.order[r[1]-1], n: int32(r[1] - r[0])}
		}
		if c := st.leafCache[sigs[i]]; c != nil && dirtyBefore[r[1]] == dirtyBefore[r[0]] && qBefore[r[1]] == qBefore[r[0]] && !c.cards.moved(b.metaMoved) {
			leaves[i] = c
		} else {
			todo = append(todo, i)
		}
	}
	chunked(len(todo), func(k int) {
		r := part.leaves[todo[k]]
		lf := &leaf{terms: terms[r[0]:r[1]:r[1]], disp: make([]string, r[1]-r[0]), lists: make([]plist, r[1]-r[0])}
		fs := make([][]byte, r[1]-r[0])
		srcs := make([]cardSource, r[1]-r[0])
		for j := range lf.terms {
			t := st.order[r[0]+j]
			lf.disp[j], lf.lists[j], fs[j] = b.shownDisp(t), st.lists[t], frags[t]
			if fs[j] == nil {
				fs[j], _ = encodePlist(st.lists[t])
			}
			srcs[j] = cardSource{df: st.lists[t].df(), top: st.qcards[t]}
		}
		cards := pickCards(srcs, ix.metas, b.lim.cardBudget)
		data := encodeLeaf(lf, fs, cards.ids, ix.metas)
		h := shardHash(data)
		leaves[todo[k]] = &cachedLeaf{leaf: lf, data: data, hash: h, path: "search/t-" + h + ".json", cards: cards}
	})
	st.leafCache = make(map[leafSig]*cachedLeaf, len(leaves))
	var hashes strings.Builder
	hashes.Grow(len(leaves) * hashLen)
	for i, c := range leaves {
		st.leafCache[sigs[i]] = c
		ix.leaves = append(ix.leaves, c.leaf)
		bound := ""
		if i > 0 {
			at := part.leaves[i][0]
			bound = shortBound(terms[at-1], terms[at])
		}
		ix.bounds = append(ix.bounds, bound)
		files = append(files, File{Path: c.path, Data: c.data})
		hashes.WriteString(c.hash)
	}
	m.Leaves = hashes.String()
	m.Bounds = ix.bounds
	ix.typo = b.typoTable()
	m.Typo = ix.typo

	// The unions, packed in tree order.
	var packs []pack
	for k := 0; k < len(part.splits); {
		start, size := k, 0
		for ; k < len(part.splits) && (k == start || size+unions[k].est <= b.lim.shardTarget); k++ {
			size += unions[k].est
		}
		pk := pack{unions: unions[start:k]}
		// A pack of the same unions and cards as last time is the same file.
		if i := len(packs); i < len(st.packs) && slices.Equal(st.packs[i].unions, pk.unions) && !st.packs[i].cards.moved(b.metaMoved) {
			pk = st.packs[i]
		} else {
			srcs := make([]cardSource, len(pk.unions))
			for j, u := range pk.unions {
				srcs[j] = cardSource{df: u.list.df(), top: u.top}
			}
			pk.cards = pickCards(srcs, ix.metas, b.lim.cardBudget)
			pk.data = encodePack(part.splits[start:k], pk.unions, pk.cards.ids, ix.metas)
			pk.hash = shardHash(pk.data)
			pk.path = "search/p-" + pk.hash + ".json"
		}
		for j := start; j < k; j++ {
			ix.prefixes[part.splits[j].prefix] = &unions[j].list
			m.Prefixes[part.splits[j].prefix] = len(packs)
		}
		packs = append(packs, pk)
		files = append(files, File{Path: pk.path, Data: pk.data})
		m.PFiles += pk.hash // a few dozen
	}
	st.packs = packs

	b.writeMeta(ix, &m, func(f File) { files = append(files, f) })
	b.facets(ix, &m, func(f File) { files = append(files, f) })

	data, err := json.Marshal(m)
	if err != nil {
		return nil, fmt.Errorf("search: manifest: %w", err)
	}
	if bytes.Equal(data, st.manifest) {
		data = st.manifest // unchanged: the same bytes as last time
	}
	st.manifest = data
	ix.files = append([]File{{Path: ManifestPath, Data: data}}, files...)
	return ix, nil
}

// shortBound returns the shortest prefix of first (cut between runes)
// that sorts after prev: it tells the leaves apart as well as first does,
// for terms and for prefixes (a prefix a leaf's terms share, longer than
// the bound, starts with it), in half the manifest bytes.
func shortBound(prev, first string) string {
	for i := range first {
		if i > 0 && first[:i] > prev {
			return first[:i]
		}
	}
	return first
}

// leafSig names a leaf by its first and last term and their count: with
// no changed term inside, equal signatures mean equal leaves.
type leafSig struct{ first, last, n int32 }

type cachedLeaf struct {
	leaf  *leaf
	data  []byte
	hash  string
	path  string
	cards cardSet
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

func encodeLeaf(lf *leaf, frags [][]byte, cards []int32, metas []*docMeta) []byte {
	size := 16 + 8*len(cards)
	for _, id := range cards {
		size += len(metas[id].enc)
	}
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
	w.raw("]")
	appendCards(w, cards, metas)
	w.raw("}")
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

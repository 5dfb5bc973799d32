package search

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
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

// encode turns the postings into shard files and the decoded index.
func (b *builder) encode(post []postingList) (*Index, error) {
	ix := &Index{n: b.n, base: b.opts.BasePath, metaSize: metaSize, prefixes: map[string]*plist{}, facets: map[string][]facetValue{}, urlID: map[string]int{}}
	ix.langs = b.langs()

	// Terms in byte order, each with its list and JSON fragment.
	order := make([]int32, len(b.terms))
	for i := range order {
		order[i] = int32(i)
	}
	sort.Slice(order, func(x, y int) bool { return b.terms[order[x]] < b.terms[order[y]] })
	disp := b.display()
	terms := make([]string, len(order))
	disps := make([]string, len(order))
	lists := make([]plist, len(order))
	frags := make([][]byte, len(order))
	est := make([]int, len(order))
	chunked(len(order), func(k int) {
		t := order[k]
		terms[k] = b.terms[t]
		if disp[t] != b.terms[t] && utf8.ValidString(disp[t]) {
			disps[k] = disp[t]
		}
		lists[k] = b.makePlist(post[t].ids, post[t].q)
		frags[k], est[k] = encodePlist(lists[k])
		est[k] += len(terms[k]) + len(disps[k])/2 + 4
	})
	post = nil

	part := partition(terms, est, b.lim.shardTarget)
	var files []File
	add := func(kind string, data []byte) string {
		sum := sha256.Sum256(data)
		h := hex.EncodeToString(sum[:hashBytes])
		files = append(files, File{Path: "search/" + kind + "-" + h + ".json", Data: data})
		return h
	}

	m := manifest{V: formatVersion, N: b.n, Base: b.opts.BasePath, Langs: ix.langs, Prefixes: map[string]int{}, MetaSize: metaSize, Facets: map[string][]json.RawMessage{}}
	for _, r := range part.leaves {
		lf := &leaf{terms: terms[r[0]:r[1]], disp: disps[r[0]:r[1]], lists: lists[r[0]:r[1]]}
		ix.leaves = append(ix.leaves, lf)
		bound := ""
		if len(ix.bounds) > 0 {
			bound = terms[r[0]]
		}
		ix.bounds = append(ix.bounds, bound)
		m.Leaves += add("t", encodeLeaf(lf, frags[r[0]:r[1]]))
	}
	m.Bounds = ix.bounds

	// Unions for the prefixes that span leaves, packed in tree order.
	unions := b.unions(lists, part.splits)
	uest := make([]int, len(part.splits))
	ufrags := make([][]byte, len(part.splits))
	chunked(len(part.splits), func(k int) {
		ufrags[k], uest[k] = encodePlist(unions[k])
	})
	for k := 0; k < len(part.splits); {
		w := &jsonWriter{}
		w.raw(`{"k":[`)
		start, size := k, 0
		for ; k < len(part.splits) && (k == start || size+uest[k] <= b.lim.shardTarget); k++ {
			if k > start {
				w.raw(",")
			}
			w.str(part.splits[k].prefix)
			size += uest[k]
		}
		w.raw(`],"p":[`)
		for j := start; j < k; j++ {
			if j > start {
				w.raw(",")
			}
			w.b = append(w.b, ufrags[j]...)
			ix.prefixes[part.splits[j].prefix] = &unions[j]
			m.Prefixes[part.splits[j].prefix] = len(m.PFiles) / hashLen
		}
		w.raw("]}")
		m.PFiles += add("p", w.b)
	}

	b.encodeMeta(ix, &m, add)
	b.encodeFacets(ix, &m, add)

	data, err := json.Marshal(m)
	if err != nil {
		return nil, fmt.Errorf("search: manifest: %w", err)
	}
	ix.files = append([]File{{Path: ManifestPath, Data: data}}, files...)
	return ix, nil
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

// unions computes the union list of every split prefix: each page with its
// best score below the prefix. Splits nest (their ranges are in preorder),
// so each is built from its direct terms and its children's dense scores.
func (b *builder) unions(lists []plist, splits []splitNode) []plist {
	dense := make([][]uint8, len(splits))
	out := make([]plist, len(splits))
	for k := len(splits) - 1; k >= 0; k-- {
		s := splits[k]
		best := make([]uint8, b.n)
		i := s.lo
		for c := k + 1; c < len(splits) && i < s.hi; c++ {
			child := splits[c]
			if child.lo < i || child.hi > s.hi {
				continue // a grandchild, already inside a child
			}
			addLists(best, lists[i:child.lo])
			for id, v := range dense[c] {
				best[id] = max(best[id], v)
			}
			dense[c] = nil
			i = child.hi
		}
		addLists(best, lists[i:s.hi])
		dense[k] = best
		var ids []int32
		var q []uint8
		for id, v := range best {
			if v > 0 {
				ids = append(ids, int32(id))
				q = append(q, v)
			}
		}
		out[k] = b.makePlist(ids, q)
	}
	return out
}

func addLists(best []uint8, lists []plist) {
	for _, l := range lists {
		for k, id := range l.ids {
			best[id] = max(best[id], l.q[k])
		}
		for _, id := range l.rest {
			best[id] = max(best[id], l.restQ)
		}
	}
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
	w := &jsonWriter{}
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

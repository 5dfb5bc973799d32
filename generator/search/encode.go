package search

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
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
		name := kind + "-" + hex.EncodeToString(sum[:hashBytes]) + ".json"
		files = append(files, File{Path: "search/" + name, Data: data})
		return name
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
		m.Leaves = append(m.Leaves, add("t", encodeLeaf(lf, frags[r[0]:r[1]])))
	}
	m.Bounds = ix.bounds

	// Unions for the prefixes that span leaves, packed in tree order.
	unions := make([]plist, len(part.splits))
	uest := make([]int, len(part.splits))
	ufrags := make([][]byte, len(part.splits))
	chunked(len(part.splits), func(k int) {
		s := part.splits[k]
		unions[k] = b.unionPlist(lists[s.lo:s.hi])
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
			m.Prefixes[part.splits[j].prefix] = len(m.PFiles)
		}
		w.raw("]}")
		m.PFiles = append(m.PFiles, add("p", w.b))
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

// langs lists the analysers queries must run: the site's first, then any
// page's own.
func (b *builder) langs() []string {
	site := analysis.Lang(b.opts.Lang)
	out := []string{site}
	for i := range b.docs {
		if b.docs[i].Lang == "" {
			continue
		}
		if l := analysis.Lang(b.docs[i].Lang); l != out[0] && (len(out) == 1 || l != out[1]) {
			out = append(out, l)
		}
	}
	return out
}

// makePlist applies the head/rest rule of restFrom to a list in id order.
func (b *builder) makePlist(ids []int32, q []uint8) plist {
	restFrom, headLen := b.lim.restFrom, b.lim.headLen
	if len(ids) <= restFrom {
		return plist{ids: ids, q: q}
	}
	idx := make([]int, len(ids))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(x, y int) bool {
		if q[idx[x]] != q[idx[y]] {
			return q[idx[x]] > q[idx[y]]
		}
		return idx[x] < idx[y]
	})
	head := idx[:headLen]
	sort.Ints(head)
	p := plist{ids: make([]int32, headLen), q: make([]uint8, headLen)}
	for k, i := range head {
		p.ids[k], p.q[k] = ids[i], q[i]
	}
	restQ := make([]int, 0, len(ids)-headLen)
	inHead := make(map[int]bool, headLen)
	for _, i := range head {
		inHead[i] = true
	}
	for i, id := range ids {
		if !inHead[i] {
			p.rest = append(p.rest, id)
			restQ = append(restQ, int(q[i]))
		}
	}
	sort.Ints(restQ)
	p.restQ = uint8(restQ[len(restQ)/2])
	return p
}

// unionPlist merges lists: each page with its best score.
func (b *builder) unionPlist(lists []plist) plist {
	best := make([]uint8, b.n)
	for _, l := range lists {
		for k, id := range l.ids {
			best[id] = max(best[id], l.q[k])
		}
		for _, id := range l.rest {
			best[id] = max(best[id], l.restQ)
		}
	}
	var ids []int32
	var q []uint8
	for id, s := range best {
		if s > 0 {
			ids = append(ids, int32(id))
			q = append(q, s)
		}
	}
	return b.makePlist(ids, q)
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

// encodeMeta writes what results show, metaSize pages per shard by id.
func (b *builder) encodeMeta(ix *Index, m *manifest, add func(string, []byte) string) {
	ix.metas = make([]*docMeta, b.n)
	ix.urls = make([]string, b.n)
	kinds := map[string]int{}
	for i := range b.docs {
		d := &b.docs[i]
		k, ok := kinds[d.Kind]
		if !ok {
			k = len(ix.kinds)
			kinds[d.Kind] = k
			ix.kinds = append(ix.kinds, [2]string{d.Kind, d.KindLabel})
		}
		dm := &docMeta{url: d.URL, title: clip(d.Title, maxTitle), kind: k, summary: clip(d.Summary, maxSummary), objection: clip(d.Objection, maxSummary)}
		for _, s := range d.Sections {
			if len(dm.sections) == maxSections {
				break
			}
			if s.Anchor == "" || s.Heading == "" {
				continue
			}
			dm.sections = append(dm.sections, metaSection{anchor: s.Anchor, heading: clip(s.Heading, maxHeading)})
		}
		ix.metas[b.ids[i]] = dm
		ix.urls[b.ids[i]] = d.URL
		ix.urlID[d.URL] = b.ids[i]
	}
	m.Kinds = ix.kinds
	for g := 0; g*metaSize < b.n; g++ {
		w := &jsonWriter{}
		w.raw(`{"d":[`)
		for id := g * metaSize; id < min(b.n, (g+1)*metaSize); id++ {
			if id > g*metaSize {
				w.raw(",")
			}
			dm := ix.metas[id]
			if dm == nil {
				w.raw("0")
				continue
			}
			w.raw("[")
			w.str(dm.url)
			w.raw(",")
			w.str(dm.title)
			w.raw(",")
			w.int(dm.kind)
			w.raw(",")
			w.str(dm.summary)
			w.raw(",")
			w.str(dm.objection)
			w.raw(",[")
			for k, s := range dm.sections {
				if k > 0 {
					w.raw(",")
				}
				w.raw("[")
				w.str(s.anchor)
				w.raw(",")
				w.str(s.heading)
				w.raw("]")
			}
			w.raw("]]")
		}
		w.raw("]}")
		m.Metas = append(m.Metas, add("m", w.b))
	}
}

// encodeFacets writes one id set per filter value, packed into shards.
func (b *builder) encodeFacets(ix *Index, m *manifest, add func(string, []byte) string) {
	type key struct{ dim, value string }
	sets := map[key]*facetValue{}
	var keys []key
	put := func(dim, value, label string, id int) {
		if value == "" {
			return
		}
		k := key{dim, value}
		fv := sets[k]
		if fv == nil {
			fv = &facetValue{value: value, label: label}
			sets[k] = fv
			keys = append(keys, k)
		}
		if n := len(fv.ids); n == 0 || fv.ids[n-1] != int32(id) {
			fv.ids = append(fv.ids, int32(id))
		}
	}
	order := make([]int, len(b.docs))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(x, y int) bool { return b.ids[order[x]] < b.ids[order[y]] })
	for _, i := range order {
		d, id := &b.docs[i], b.ids[i]
		put("kind", d.Kind, d.KindLabel, id)
		put("stage", d.Stage, d.Stage, id)
		for _, p := range d.Personas {
			put("persona", p, p, id)
		}
		for _, t := range d.Tags {
			put("tag", t, t, id)
		}
	}
	dimOrder := map[string]int{"kind": 0, "stage": 1, "persona": 2, "tag": 3}
	sort.Slice(keys, func(x, y int) bool {
		a, c := keys[x], keys[y]
		if a.dim != c.dim {
			return dimOrder[a.dim] < dimOrder[c.dim]
		}
		if la, lc := len(sets[a].ids), len(sets[c].ids); la != lc {
			return la > lc
		}
		return a.value < c.value
	})
	w := &jsonWriter{}
	var pending []key
	flush := func() {
		if len(pending) == 0 {
			return
		}
		w.raw("]}")
		file := len(m.FFiles)
		m.FFiles = append(m.FFiles, add("f", w.b))
		for _, k := range pending {
			fv := sets[k]
			entry, _ := json.Marshal([]any{fv.value, fv.label, len(fv.ids), file})
			m.Facets[k.dim] = append(m.Facets[k.dim], entry)
			ix.facets[k.dim] = append(ix.facets[k.dim], *fv)
		}
		pending, w = nil, &jsonWriter{}
	}
	for _, k := range keys {
		if len(w.b) > 0 && float64(len(w.b))*headRatio > float64(b.lim.shardTarget) {
			flush()
		}
		if len(pending) == 0 {
			w.raw(`{"v":[`)
		} else {
			w.raw(",")
		}
		w.raw("[")
		w.str(k.dim)
		w.raw(",")
		w.str(k.value)
		w.raw(",")
		w.gaps(sets[k].ids)
		w.raw("]")
		pending = append(pending, k)
	}
	flush()
}

// clip shortens s to at most n runes, at a word boundary, with an ellipsis.
func clip(s string, n int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	cut := 0
	for i := range s {
		if n == 0 {
			break
		}
		cut = i
		n--
	}
	if sp := strings.LastIndexByte(s[:cut], ' '); sp > cut/2 {
		cut = sp
	}
	return strings.TrimRight(s[:cut], " ,;:.-–") + "…"
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

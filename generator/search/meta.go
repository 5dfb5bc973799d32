package search

import (
	"encoding/json"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// encodeMeta writes what results show, metaSize pages per shard by id.
func (b *builder) encodeMeta(ix *Index, m *manifest, put func(kind, hash string, data []byte)) {
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
		id := b.ids[i]
		dm := b.sameMeta(id, d, k)
		if dm == nil {
			dm = &docMeta{url: d.URL, title: clip(d.Title, maxTitle), kind: k, summary: clip(d.Summary, maxSummary), objection: clip(d.Objection, maxSummary)}
			for _, s := range d.Sections {
				if len(dm.sections) == maxSections {
					break
				}
				if s.Anchor == "" || s.Heading == "" {
					continue
				}
				dm.sections = append(dm.sections, metaSection{anchor: s.Anchor, heading: clip(s.Heading, maxHeading)})
			}
		}
		ix.metas[id] = dm
		ix.urls[b.ids[i]] = d.URL
		ix.urlID[d.URL] = b.ids[i]
	}
	m.Kinds = ix.kinds
	// A shard whose pages show the same as in the last build is reused;
	// the others are encoded and hashed in parallel.
	groups := (b.n + metaSize - 1) / metaSize
	cache := make([]metaShard, groups)
	chunked(groups, func(g int) {
		metas := ix.metas[g*metaSize : min(b.n, (g+1)*metaSize)]
		if g < len(b.st.metaCache) && sameMetas(b.st.metaCache[g].metas, metas) {
			cache[g] = b.st.metaCache[g]
			return
		}
		data := encodeMetaShard(metas)
		cache[g] = metaShard{metas: metas, data: data, hash: shardHash(data)}
	})
	for _, c := range cache {
		put("m", c.hash, c.data)
		m.Metas += c.hash
	}
	b.st.metaCache = cache
	b.st.metaKeys = append(b.st.metaKeys[:0], b.newKeys[:b.n]...)
}

// encodeMetaShard writes what results show for the pages of one shard.
func encodeMetaShard(metas []*docMeta) []byte {
	w := &jsonWriter{b: make([]byte, 0, 512*len(metas))}
	w.raw(`{"d":[`)
	for i, dm := range metas {
		if i > 0 {
			w.raw(",")
		}
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
	return w.b
}

// sameMeta returns the page's metadata from the last build if it cannot
// have changed: the same analysed text (title, summary, objection and
// headings are in the key), URL, kind and section anchors.
func (b *builder) sameMeta(id int, d *Doc, kind int) *docMeta {
	st := b.st
	if id >= len(st.metaKeys) || st.metaKeys[id] != b.newKeys[id] {
		return nil
	}
	g := id / metaSize
	if g >= len(st.metaCache) || id%metaSize >= len(st.metaCache[g].metas) {
		return nil
	}
	dm := st.metaCache[g].metas[id%metaSize]
	if dm == nil || dm.url != d.URL || dm.kind != kind {
		return nil
	}
	j := 0
	for _, s := range d.Sections {
		if j == maxSections {
			break
		}
		if s.Anchor == "" || s.Heading == "" {
			continue
		}
		if j >= len(dm.sections) || dm.sections[j].anchor != s.Anchor {
			return nil
		}
		j++
	}
	if j != len(dm.sections) {
		return nil
	}
	return dm
}

// metaShard is an encoded metadata shard with the pages it shows.
type metaShard struct {
	metas []*docMeta
	data  []byte
	hash  string
}

func sameMetas(a, b []*docMeta) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if x == y {
			continue
		}
		if x == nil || y == nil {
			if x != y {
				return false
			}
			continue
		}
		if x.url != y.url || x.title != y.title || x.kind != y.kind || x.summary != y.summary || x.objection != y.objection || !slices.Equal(x.sections, y.sections) {
			return false
		}
	}
	return true
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
		file := len(m.FFiles) / hashLen
		m.FFiles += add("f", w.b)
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

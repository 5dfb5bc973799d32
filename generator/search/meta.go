package search

import (
	"bytes"
	"encoding/json"
	"hash/maphash"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// pageMetas computes what results show for every page, reusing the last
// build's entry of a page that cannot have changed, and marks the ids
// whose entry differs from the last build's (b.metaMoved): the term and
// prefix shards carrying their cards must be written again.
func (b *builder) pageMetas(ix *Index) {
	ix.metas = make([]*docMeta, b.n)
	ix.urls = make([]string, b.n)
	// The same URLs with the same ids: the last index's map (never
	// written after its build) serves this one too.
	shareIDs := b.inSame && b.opts.Previous != nil && len(b.opts.Previous.urlID) == b.n
	if shareIDs {
		ix.urlID = b.opts.Previous.urlID
	}
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
		var dm *docMeta
		if b.facetsSame && !b.touched[i] {
			dm = b.lastMeta(id) // the same strings, kinds in the same order
		}
		if dm == nil {
			dm = b.sameMeta(id, d, k)
		}
		if dm == nil {
			dm = &docMeta{url: d.URL, title: clip(d.Title, maxTitle), kind: k, summary: clip(d.Summary, maxSummary), objection: clip(d.Objection, maxSummary)}
			for _, s := range d.Sections {
				if len(dm.sections) == maxSections {
					break
				}
				if s.Anchor == "" || s.Heading == "" {
					continue
				}
				ms := metaSection{anchor: s.Anchor, heading: clip(s.Heading, maxHeading)}
				if len(dm.sections) < maxExcerpts {
					ms.excerpt = excerpt(s.Text, maxExcerpt)
				}
				dm.sections = append(dm.sections, ms)
			}
		}
		ix.metas[id] = dm
		ix.urls[b.ids[i]] = d.URL
		if !shareIDs {
			ix.urlID[d.URL] = b.ids[i]
		}
	}
	// Entries are encoded once for the life of their docMeta: cards copy
	// them into every shard that carries them.
	chunked(b.n, func(id int) {
		if dm := ix.metas[id]; dm != nil && dm.enc == nil {
			dm.enc = encodeMetaEntry(nil, dm)
		}
	})
	b.metaMoved = make([]bool, b.n)
	for id, dm := range ix.metas {
		var old *docMeta
		if g := id / metaSize; g < len(b.st.metaCache) && id%metaSize < len(b.st.metaCache[g].metas) {
			old = b.st.metaCache[g].metas[id%metaSize]
		}
		b.metaMoved[id] = old != dm && (old == nil || dm == nil || !bytes.Equal(old.enc, dm.enc))
	}
}

// writeMeta writes what results show, metaSize pages per shard by id.
func (b *builder) writeMeta(ix *Index, m *manifest, put func(File)) {
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
		h := shardHash(data)
		cache[g] = metaShard{metas: metas, data: data, hash: h, path: "search/m-" + h + ".json"}
	})
	var hashes strings.Builder
	hashes.Grow(len(cache) * hashLen)
	for _, c := range cache {
		put(File{Path: c.path, Data: c.data})
		hashes.WriteString(c.hash)
	}
	m.Metas = hashes.String()
	b.st.metaCache = cache
	b.st.metaKeys = append(b.st.metaKeys[:0], b.newKeys[:b.n]...)
}

// encodeMetaShard writes what results show for the pages of one shard.
func encodeMetaShard(metas []*docMeta) []byte {
	size := 16
	for _, dm := range metas {
		if dm != nil {
			size += len(dm.enc) + 1
		}
	}
	w := &jsonWriter{b: make([]byte, 0, size)}
	w.raw(`{"d":[`)
	for i, dm := range metas {
		if i > 0 {
			w.raw(",")
		}
		if dm == nil {
			w.raw("0")
			continue
		}
		w.b = append(w.b, dm.enc...)
	}
	w.raw("]}")
	return w.b
}

// encodeMetaEntry appends one page's entry:
// [url, title, kind, summary, objection, [[anchor, heading(, excerpt)]...]].
func encodeMetaEntry(dst []byte, dm *docMeta) []byte {
	w := &jsonWriter{b: dst}
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
		if s.excerpt != "" {
			w.raw(",")
			w.str(s.excerpt)
		}
		w.raw("]")
	}
	w.raw("]]")
	return w.b
}

// lastMeta returns the page's metadata in the last build, nil if none.
func (b *builder) lastMeta(id int) *docMeta {
	st := b.st
	if g := id / metaSize; g < len(st.metaCache) && id%metaSize < len(st.metaCache[g].metas) {
		return st.metaCache[g].metas[id%metaSize]
	}
	return nil
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
	path  string
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
		if !bytes.Equal(x.enc, y.enc) {
			return false
		}
	}
	return true
}

// facets writes the filter shards, or takes them from the last build when
// no page changed its kind, stage, personas or tags, or its id.
func (b *builder) facets(ix *Index, m *manifest, put func(File)) {
	st := b.st
	if b.facetsSame && st.facetMan != nil && b.lim.shardTarget == st.lim.shardTarget {
		for _, f := range st.facetFiles {
			put(f)
		}
		m.Facets, m.FFiles, ix.facets = st.facetMan, st.facetFF, st.facetIx
		return
	}
	k := docKey{1, 1}
	for i := range b.docs {
		d := &b.docs[i]
		for j := range k {
			seed := b.memo.seeds[j]
			k[j] = mix(k[j], uint64(b.ids[i]))
			k[j] = mix(k[j], maphash.String(seed, d.Kind)^uint64(len(d.Kind)))
			k[j] = mix(k[j], maphash.String(seed, d.KindLabel)^uint64(len(d.KindLabel)))
			k[j] = mix(k[j], maphash.String(seed, d.Stage)^uint64(len(d.Stage)))
			for _, ss := range [][]string{d.Personas, d.Tags} {
				k[j] = mix(k[j], uint64(len(ss)))
				for _, s := range ss {
					k[j] = mix(k[j], maphash.String(seed, s)^uint64(len(s)))
				}
			}
		}
	}
	if st.facetMan == nil || k != st.facetKey || b.lim.shardTarget != st.lim.shardTarget {
		var files []File
		fm := manifest{Facets: map[string][]json.RawMessage{}}
		fix := &Index{facets: map[string][]facetValue{}}
		b.encodeFacets(fix, &fm, func(kind string, data []byte) string {
			h := shardHash(data)
			files = append(files, File{Path: "search/" + kind + "-" + h + ".json", Data: data})
			return h
		})
		st.facetKey, st.facetFiles, st.facetMan, st.facetIx = k, files, fm.Facets, fix.facets
		st.facetFF = fm.FFiles
	}
	for _, f := range st.facetFiles {
		put(f)
	}
	m.Facets, m.FFiles, ix.facets = st.facetMan, st.facetFF, st.facetIx
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
			// A label equal to its value (all but kinds) is written "".
			label := fv.label
			if label == fv.value {
				label = ""
			}
			entry, _ := json.Marshal([]any{fv.value, label, len(fv.ids), file})
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

// excerpt is the start of a section's text on one line, clipped to n
// runes: what a result shows when the section matches the query better
// than the page's summary. Lines that do not end a sentence are list
// items or table cells: a middle dot keeps them apart. One pass over the
// first n+1 runes: sections are long.
func excerpt(text string, n int) string {
	b := make([]byte, 0, 2*n)
	runes := 0
	var last rune
	space, line := false, false
	for _, r := range text {
		switch {
		case r == '\n':
			line = len(b) > 0
			continue
		case unicode.IsSpace(r):
			space = len(b) > 0
			continue
		}
		switch {
		case line && strings.ContainsRune(".!?:;,…", last):
			b = append(b, ' ')
			runes++
		case line:
			b = append(b, " · "...)
			runes += 3
		case space:
			b = append(b, ' ')
			runes++
		}
		space, line = false, false
		b = utf8.AppendRune(b, r)
		last = r
		if runes++; runes > n {
			break
		}
	}
	return clip(string(b), n)
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

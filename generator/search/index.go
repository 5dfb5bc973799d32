package search

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// ManifestPath is the index's entry point; its name never changes, so pages
// need not change when the index does. Every other file is content-hashed.
const ManifestPath = "search/manifest.json"

// formatVersion changes whenever a file's layout changes.
const formatVersion = 1

// plist is a decoded posting list: pages in ids with exact scores q, and
// pages in rest that share the score restQ. Both id lists ascend.
type plist struct {
	ids   []int32
	q     []uint8
	rest  []int32
	restQ uint8
}

// leaf is a term shard: a range of terms in byte order.
type leaf struct {
	terms []string
	disp  []string // how a term was written, "" when it is the term itself
	lists []plist
}

// docMeta is what a result shows.
type docMeta struct {
	url, title string
	kind       int
	summary    string
	objection  string
	sections   []metaSection
	enc        []byte // the encoded entry (built indexes only)
}

type metaSection struct {
	anchor, heading string
	excerpt         string // the start of the section's text, "" for none
}

// facetValue is one filter value with its pages.
type facetValue struct {
	value, label string
	ids          []int32
}

// Index is a built or loaded search index.
type Index struct {
	n        int
	base     string
	langs    []string
	kinds    [][2]string // kind, label
	bounds   []string    // lower bound of each leaf; bounds[0] == ""
	leaves   []*leaf
	prefixes map[string]*plist // unions of the prefixes that span leaves
	metaSize int
	metas    []*docMeta // by id; nil for a free id
	facets   map[string][]facetValue
	typo     []string // frequent terms, sorted: see typoTable
	files    []File

	urls  []string // by id
	urlID map[string]int

	// What the next build reuses (nil for a loaded index): page analyses,
	// and the derived state, which moves to the next index built from this one.
	memo  *memo
	state *state
}

// Files returns the index files to write under the output root: the
// manifest and the shards, in a stable order.
func (ix *Index) Files() []File { return ix.files }

// Len returns the number of indexed pages.
func (ix *Index) Len() int { return len(ix.urlID) }

// manifest is the JSON layout of search/manifest.json.
type manifest struct {
	V        int                          `json:"v"`
	N        int                          `json:"n"`
	Base     string                       `json:"base"`
	Langs    []string                     `json:"langs"`
	Kinds    [][2]string                  `json:"kinds"`
	Bounds   []string                     `json:"lb"`
	Leaves   string                       `json:"lf"`
	Prefixes map[string]int               `json:"pre"`
	PFiles   string                       `json:"pf"`
	MetaSize int                          `json:"ms"`
	Metas    string                       `json:"mf"`
	Typo     []string                     `json:"ty,omitempty"`
	Facets   map[string][]json.RawMessage `json:"facets"`
	FFiles   string                       `json:"ff"`
}

// The manifest lists each kind of shard as one string of concatenated
// hashes (hashLen hex digits each): shard i of kind k is
// search/k-<i-th hash>.json. Quotes and commas would cost a fifth more.
const hashLen = 2 * hashBytes

// shardNames expands a packed hash list into file names.
func shardNames(kind, packed string) ([]string, error) {
	if len(packed)%hashLen != 0 {
		return nil, fmt.Errorf("search: %s: bad shard list", ManifestPath)
	}
	out := make([]string, len(packed)/hashLen)
	for i := range out {
		out[i] = kind + "-" + packed[i*hashLen:(i+1)*hashLen] + ".json"
	}
	return out, nil
}

// Load reads an index written from Files back, through read (a path
// relative to the output root, e.g. "search/manifest.json").
func Load(read func(path string) ([]byte, error)) (*Index, error) {
	data, err := read(ManifestPath)
	if err != nil {
		return nil, fmt.Errorf("search: read manifest: %w", err)
	}
	var m manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("search: %s: %w", ManifestPath, err)
	}
	if m.V != formatVersion {
		return nil, fmt.Errorf("search: %s: format %d, want %d (rebuild the site)", ManifestPath, m.V, formatVersion)
	}
	leafNames, err1 := shardNames("t", m.Leaves)
	pNames, err2 := shardNames("p", m.PFiles)
	metaNames, err3 := shardNames("m", m.Metas)
	fNames, err4 := shardNames("f", m.FFiles)
	if err := errors.Join(err1, err2, err3, err4); err != nil {
		return nil, err
	}
	if len(m.Bounds) != len(leafNames) || len(m.Bounds) == 0 || m.MetaSize <= 0 {
		return nil, fmt.Errorf("search: %s: inconsistent shard map", ManifestPath)
	}
	ix := &Index{n: m.N, base: m.Base, langs: m.Langs, kinds: m.Kinds, bounds: m.Bounds, metaSize: m.MetaSize,
		prefixes: map[string]*plist{}, facets: map[string][]facetValue{}, urlID: map[string]int{}}
	readJSON := func(name string, v any) error {
		data, err := read("search/" + name)
		if err != nil {
			return fmt.Errorf("search: %w", err)
		}
		if err := json.Unmarshal(data, v); err != nil {
			return fmt.Errorf("search: %s: %w", name, err)
		}
		return nil
	}
	for _, name := range leafNames {
		var raw struct {
			T []string          `json:"t"`
			D []string          `json:"d"`
			P []json.RawMessage `json:"p"`
		}
		if err := readJSON(name, &raw); err != nil {
			return nil, err
		}
		if len(raw.D) != len(raw.T) || len(raw.P) != len(raw.T) {
			return nil, fmt.Errorf("search: %s: inconsistent lengths", name)
		}
		lf := &leaf{terms: raw.T, disp: raw.D, lists: make([]plist, len(raw.P))}
		for i, p := range raw.P {
			if lf.lists[i], err = decodePlist(p); err != nil {
				return nil, fmt.Errorf("search: %s: %w", name, err)
			}
		}
		ix.leaves = append(ix.leaves, lf)
	}
	pfiles := make([]map[string]*plist, len(pNames))
	for i, name := range pNames {
		var raw struct {
			K []string          `json:"k"`
			P []json.RawMessage `json:"p"`
		}
		if err := readJSON(name, &raw); err != nil {
			return nil, err
		}
		pfiles[i] = map[string]*plist{}
		for k, key := range raw.K {
			if k >= len(raw.P) {
				break
			}
			pl, err := decodePlist(raw.P[k])
			if err != nil {
				return nil, fmt.Errorf("search: %s: %w", name, err)
			}
			pfiles[i][key] = &pl
		}
	}
	for p, f := range m.Prefixes {
		if f < 0 || f >= len(pfiles) || pfiles[f][p] == nil {
			return nil, fmt.Errorf("search: prefix %q missing", p)
		}
		ix.prefixes[p] = pfiles[f][p]
	}
	ix.typo = m.Typo
	ix.metas = make([]*docMeta, m.N)
	ix.urls = make([]string, m.N)
	for g, name := range metaNames {
		var raw struct {
			D []json.RawMessage `json:"d"`
		}
		if err := readJSON(name, &raw); err != nil {
			return nil, err
		}
		for k, d := range raw.D {
			id := g*m.MetaSize + k
			if id >= m.N {
				break
			}
			dm, err := decodeMeta(d)
			if err != nil {
				return nil, fmt.Errorf("search: %s: %w", name, err)
			}
			if dm != nil {
				ix.metas[id] = dm
				ix.urls[id] = dm.url
				ix.urlID[dm.url] = id
			}
		}
	}
	ffiles := make([]map[string][]int32, len(fNames))
	for i, name := range fNames {
		var raw struct {
			V [][3]json.RawMessage `json:"v"`
		}
		if err := readJSON(name, &raw); err != nil {
			return nil, err
		}
		ffiles[i] = map[string][]int32{}
		for _, v := range raw.V {
			var dim, val string
			var gaps []int32
			if json.Unmarshal(v[0], &dim) != nil || json.Unmarshal(v[1], &val) != nil || json.Unmarshal(v[2], &gaps) != nil {
				return nil, fmt.Errorf("search: %s: bad facet", name)
			}
			ffiles[i][dim+"\x00"+val] = ungap(gaps)
		}
	}
	for dim, vals := range m.Facets {
		for _, raw := range vals {
			var v [4]json.RawMessage
			var fv facetValue
			var file int
			if json.Unmarshal(raw, &v) != nil || json.Unmarshal(v[0], &fv.value) != nil || json.Unmarshal(v[1], &fv.label) != nil || json.Unmarshal(v[3], &file) != nil || file < 0 || file >= len(ffiles) {
				return nil, fmt.Errorf("search: bad facet %s", dim)
			}
			if fv.label == "" {
				fv.label = fv.value
			}
			fv.ids = ffiles[file][dim+"\x00"+fv.value]
			ix.facets[dim] = append(ix.facets[dim], fv)
		}
	}
	return ix, nil
}

func ungap(g []int32) []int32 {
	var prev int32
	for i := range g {
		g[i] += prev
		prev = g[i]
	}
	return g
}

func decodePlist(raw json.RawMessage) (plist, error) {
	var parts []json.RawMessage
	if err := json.Unmarshal(raw, &parts); err != nil || (len(parts) != 2 && len(parts) != 4) {
		return plist{}, fmt.Errorf("bad posting list")
	}
	var p plist
	var q []int
	if json.Unmarshal(parts[0], &p.ids) != nil || json.Unmarshal(parts[1], &q) != nil || len(q) != len(p.ids) {
		return plist{}, fmt.Errorf("bad posting list")
	}
	p.ids = ungap(p.ids)
	p.q = make([]uint8, len(q))
	for i, v := range q {
		p.q[i] = uint8(v)
	}
	if len(parts) == 4 {
		var r int
		if json.Unmarshal(parts[2], &r) != nil || json.Unmarshal(parts[3], &p.rest) != nil {
			return plist{}, fmt.Errorf("bad posting list")
		}
		p.restQ = uint8(r)
		p.rest = ungap(p.rest)
	}
	return p, nil
}

func decodeMeta(raw json.RawMessage) (*docMeta, error) {
	if string(raw) == "0" {
		return nil, nil
	}
	var v [6]json.RawMessage
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil, fmt.Errorf("bad page entry: %w", err)
	}
	d := &docMeta{}
	var secs [][]string
	for i, dst := range []any{&d.url, &d.title, &d.kind, &d.summary, &d.objection, &secs} {
		if err := json.Unmarshal(v[i], dst); err != nil {
			return nil, fmt.Errorf("bad page entry: %w", err)
		}
	}
	for _, s := range secs {
		if len(s) < 2 || len(s) > 3 {
			return nil, fmt.Errorf("bad page entry: section of %d fields", len(s))
		}
		ms := metaSection{anchor: s[0], heading: s[1]}
		if len(s) == 3 {
			ms.excerpt = s[2]
		}
		d.sections = append(d.sections, ms)
	}
	return d, nil
}

// leafFor returns the leaf that holds term t (or would).
func (ix *Index) leafFor(t string) int {
	return sort.Search(len(ix.bounds), func(i int) bool { return ix.bounds[i] > t }) - 1
}

// leafForPrefix returns the leaf that holds every term starting with p,
// for a p that is not in ix.prefixes: either the leaf where p would be, or
// the next one if it starts with p.
func (ix *Index) leafForPrefix(p string) int {
	l := ix.leafFor(p)
	if l+1 < len(ix.bounds) && strings.HasPrefix(ix.bounds[l+1], p) {
		return l + 1
	}
	return l
}

// lookup finds term t in leaf l.
func (lf *leaf) lookup(t string) (int, bool) {
	i := sort.SearchStrings(lf.terms, t)
	return i, i < len(lf.terms) && lf.terms[i] == t
}

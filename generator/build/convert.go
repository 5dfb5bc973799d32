package build

import (
	"context"
	"encoding/binary"
	"sort"

	"playbook/generator/config"
	"playbook/generator/markdown"
	"playbook/generator/page"
	"playbook/generator/site"
	"playbook/generator/workers"
)

// convert turns every page body into a Document, reusing a cached Document
// when its inputs are unchanged: the same body at the same line, the same
// options, and every link lookup it made resolving as before. The lookups are
// recorded during conversion and replayed against the new index, so adding a
// page reconverts only the pages whose links it affects.
func (b *Builder) convert(ctx context.Context, cfg *config.Config, ix *site.Index) (map[string]*markdown.Document, int) {
	opts := markdownOptions(cfg)
	pages := ix.Pages()
	global := optionsKey(opts)

	keys := make([][32]byte, len(pages))
	entries := make([]cachedDoc, len(pages))
	var todo []int
	for i, p := range pages {
		keys[i] = pageKey(global, p.Source, p.BodyLine, p.Body)
		if c, ok := b.docs[p.Source]; ok && c.key == keys[i] && c.stillResolves(ix) {
			entries[i] = c
			continue
		}
		todo = append(todo, i)
	}

	if len(todo) > 0 {
		conv := markdown.New(opts)
		workers.Each(len(todo), func(j int) {
			if ctx.Err() != nil {
				return
			}
			i := todo[j]
			entries[i] = convertPage(conv, pages[i], ix)
			entries[i].key = keys[i]
		})
	}

	out := make(map[string]*markdown.Document, len(pages))
	next := make(map[string]cachedDoc, len(pages))
	for i, p := range pages {
		if entries[i].doc == nil {
			continue
		}
		out[p.Source] = entries[i].doc
		next[p.Source] = entries[i]
	}
	b.docs = next
	return out, len(todo)
}

// convertPage converts p's body with links resolved against ix, noting
// the lookups so a later build can tell whether they still hold.
func convertPage(conv *markdown.Converter, p *page.Page, ix *site.Index) cachedDoc {
	rec := &recorder{ix: ix}
	doc := conv.Convert(p.Body, markdown.Context{
		Path:     p.Source,
		File:     "content/" + p.Source,
		Line:     p.BodyLine,
		Resolver: rec,
	})
	return cachedDoc{doc: doc, lookups: rec.lookups}
}

// lookup is one question a conversion asked the resolver, with its answer.
type lookup struct {
	file bool // File rather than Page
	path string
	url  string
	ok   bool
}

// recorder wraps the index for one conversion and notes every lookup.
type recorder struct {
	ix      *site.Index
	lookups []lookup
}

func (r *recorder) Page(p string) (string, bool) {
	u, ok := r.ix.Page(p)
	r.lookups = append(r.lookups, lookup{path: p, url: u, ok: ok})
	return u, ok
}

func (r *recorder) File(p string) (string, bool) {
	u, ok := r.ix.File(p)
	r.lookups = append(r.lookups, lookup{file: true, path: p, url: u, ok: ok})
	return u, ok
}

// stillResolves replays the recorded lookups against ix.
func (c cachedDoc) stillResolves(ix *site.Index) bool {
	for _, l := range c.lookups {
		var u string
		var ok bool
		if l.file {
			u, ok = ix.File(l.path)
		} else {
			u, ok = ix.Page(l.path)
		}
		if u != l.url || ok != l.ok {
			return false
		}
	}
	return true
}

// optionsKey hashes the build-wide settings that change a Document.
func optionsKey(opts markdown.Options) [32]byte {
	h := newHash()
	var flags [8]byte
	if opts.UnsafeHTML {
		flags[0] = 1
	}
	binary.LittleEndian.PutUint32(flags[4:], uint32(opts.WPM))
	h.Write(flags[:])
	h.Write([]byte(opts.Lang))
	names := make([]string, 0, len(opts.Placeholders))
	for k := range opts.Placeholders {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, n := range names {
		h.Write([]byte(n))
		h.Write([]byte{0})
	}
	var k [32]byte
	h.Sum(k[:0])
	return k
}

func pageKey(global [32]byte, source string, line int, body []byte) [32]byte {
	h := newHash()
	h.Write(global[:])
	h.Write([]byte(source))
	var n [8]byte
	binary.LittleEndian.PutUint64(n[:], uint64(line))
	h.Write(n[:])
	h.Write(body)
	var k [32]byte
	h.Sum(k[:0])
	return k
}

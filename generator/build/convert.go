package build

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"sort"

	"playbook/generator/config"
	"playbook/generator/markdown"
	"playbook/generator/site"
)

// convert turns every page body into a Document, reusing cached Documents
// whose inputs are unchanged. The key covers the body, its position, the
// options and the set of link targets (a new or deleted page can change
// whether a link resolves), so a cache hit is always what a fresh
// conversion would give.
func (b *Builder) convert(ctx context.Context, cfg *config.Config, ix *site.Index) (map[string]*markdown.Document, int) {
	opts := markdown.Options{
		UnsafeHTML:   cfg.Markdown.UnsafeHTML,
		Placeholders: cfg.Placeholders,
		WPM:          cfg.WPM(),
		Lang:         cfg.Language,
	}
	pages := ix.Pages()
	global := globalKey(opts, ix)

	keys := make([][32]byte, len(pages))
	docs := make([]*markdown.Document, len(pages))
	var todo []int
	for i, p := range pages {
		keys[i] = pageKey(global, p.Source, p.BodyLine, p.Body)
		if c, ok := b.docs[p.Source]; ok && c.key == keys[i] {
			docs[i] = c.doc
			continue
		}
		todo = append(todo, i)
	}

	conv := markdown.New(opts)
	parallel(len(todo), func(j int) {
		if ctx.Err() != nil {
			return
		}
		i := todo[j]
		p := pages[i]
		docs[i] = conv.Convert(p.Body, markdown.Context{
			Path:     p.Source,
			File:     "content/" + p.Source,
			Line:     p.BodyLine,
			Resolver: ix,
		})
	})

	out := make(map[string]*markdown.Document, len(pages))
	next := make(map[string]cachedDoc, len(pages))
	for i, p := range pages {
		if docs[i] == nil {
			continue
		}
		out[p.Source] = docs[i]
		next[p.Source] = cachedDoc{key: keys[i], doc: docs[i]}
	}
	b.docs = next
	return out, len(todo)
}

// globalKey hashes everything outside a page that can change its Document.
func globalKey(opts markdown.Options, ix *site.Index) [32]byte {
	h := sha256.New()
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
	h.Write([]byte{1})
	for _, t := range ix.Targets() {
		h.Write([]byte(t))
		h.Write([]byte{0})
	}
	var k [32]byte
	h.Sum(k[:0])
	return k
}

func pageKey(global [32]byte, source string, line int, body []byte) [32]byte {
	h := sha256.New()
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

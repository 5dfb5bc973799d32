package build

import (
	"context"
	"fmt"
	"sync"

	"playbook/generator/config"
	"playbook/generator/content"
	"playbook/generator/history"
	"playbook/generator/markdown"
	"playbook/generator/page"
	"playbook/generator/site"
	"playbook/generator/versions"
)

// histResult is a history load running beside the rest of the build.
type histResult struct {
	h   *history.History
	err error
}

// startHistory begins reading the Git history of the playbook at dir while
// the content is read and typed: git log runs in its own process, so on
// two cores it costs little wall time. The returned function waits for it.
// Only a playbook on disk has history; an fs.FS given by a test has none.
func (b *Builder) startHistory(ctx context.Context, in Input) func() *history.History {
	if in.FS != nil && !in.History || in.NoHistory || in.NoRender {
		return func() *history.History { return nil }
	}
	ch := make(chan histResult, 1) // buffered: a build that fails early does not wait
	go func() {
		h, err := b.hist.Load(ctx, in.Dir, history.Options{})
		ch <- histResult{h, err}
	}()
	return func() *history.History {
		r := <-ch
		if r.err != nil {
			// A broken git must not stop the site from building: say so and
			// build without history.
			return &history.History{Note: fmt.Sprintf("git history unavailable (%v): pages show only their current version", r.err)}
		}
		return r.h
	}
}

// gitPages is the history of the pages read, with the old contents they
// need on their way in.
type gitPages struct {
	h        *history.History
	revs     map[string][]history.Revision // by page path, newest first
	contents chan contentsResult           // one result, then closed
	blobs    map[string][]byte             // what contents gave, once versions has read it
	cancel   context.CancelFunc            // ends git cat-file when the build ends first
}

type contentsResult struct {
	blobs map[string][]byte
	err   error
}

// pageHistory collects the revisions of every page read and starts
// fetching the old contents versions.Build will need, so git cat-file
// runs while the bodies are converted. It returns nil without history.
func pageHistory(ctx context.Context, h *history.History, tree *content.Tree) *gitPages {
	if h == nil {
		return nil
	}
	ctx, stop := context.WithCancel(ctx)
	g := &gitPages{h: h, revs: make(map[string][]history.Revision, len(tree.Pages)), contents: make(chan contentsResult, 1), cancel: stop}
	if !h.Available {
		close(g.contents)
		return g
	}
	var in []versions.Input
	for p := range tree.Pages {
		revs := h.Revisions(p)
		g.revs[p] = revs
		in = append(in, versions.Input{Revisions: revs, Dirty: h.Dirty(p)})
	}
	go func() {
		blobs, err := h.Contents(ctx, versions.Needed(in))
		g.contents <- contentsResult{blobs, err}
		close(g.contents)
	}()
	return g
}

// stop ends the fetching of old contents if it still runs; safe on nil.
func (g *gitPages) stop() {
	if g != nil {
		g.cancel()
	}
}

// setUpdated gives pages without an `updated` field the date of the last
// commit that changed them, else (uncommitted changes, no Git) their file's
// modification time.
func setUpdated(pages []*page.Page, g *gitPages, tree *content.Tree) {
	for _, p := range pages {
		if !p.Updated.IsZero() {
			continue
		}
		if g != nil && !g.h.Dirty(p.Source) {
			if revs := g.revs[p.Source]; len(revs) > 0 {
				p.Updated = revs[0].Time
				continue
			}
		}
		if t, ok := tree.ModTimes[p.Source]; ok {
			p.Updated = t.UTC()
		}
	}
}

// versions sets every page's versions from the history, reading the old
// contents it needs in one git cat-file. Problems reading them become a
// note, never a failed build.
func (b *Builder) versions(ctx context.Context, cfg *config.Config, s *site.Site, ix *site.Index, g *gitPages, tree *content.Tree) []string {
	if g == nil {
		return nil
	}
	h := g.h
	var notes []string
	if h.Note != "" {
		notes = append(notes, h.Note)
		s.HistoryNote = h.Note
	}
	if !h.Available {
		return notes
	}
	var in []versions.Input
	var pages []*site.Page
	for _, p := range s.Pages {
		if _, onDisk := tree.Pages[p.Source]; !onDisk {
			continue // a folder page without a file of its own
		}
		in = append(in, versionInput(p.Page, p.Doc, g.revs[p.Source], h.Dirty(p.Source)))
		pages = append(pages, p)
	}
	r := <-g.contents
	contents, err := r.blobs, r.err
	g.blobs = contents
	if err != nil {
		if ctx.Err() != nil {
			return notes
		}
		notes = append(notes, fmt.Sprintf("old versions unreadable (%v): pages show their history without earlier texts", err))
	}
	opts := markdownOptions(cfg)
	conv := newMemoConverter(opts, ix, b.oldDocs)
	out := versions.Build(in, contents, versions.Options{Config: cfg, Converter: conv})
	b.oldDocs = conv.next
	for i, p := range pages {
		p.Versions = out[i].Versions
		p.Current = out[i].Current()
	}
	return notes
}

// versionInput is what versions.Build needs of a page's working file.
func versionInput(p *page.Page, doc *markdown.Document, revs []history.Revision, dirty bool) versions.Input {
	return versions.Input{
		Source: p.Source, URL: p.URL, Revisions: revs, Dirty: dirty,
		Version: p.Version, Title: p.Title, Doc: doc, Body: p.Body, Date: p.Updated,
	}
}

// memoConverter converts old versions once per build and keeps them for
// the next (watch mode): an old version's text never changes, so only a
// change of options or of a link target it used converts it again. Links
// in old texts resolve against today's pages.
type memoConverter struct {
	conv   *markdown.Converter
	global [32]byte
	ix     *site.Index
	old    map[[32]byte]cachedDoc // from the previous build; read only
	mu     sync.Mutex
	next   map[[32]byte]cachedDoc
}

func newMemoConverter(opts markdown.Options, ix *site.Index, old map[[32]byte]cachedDoc) *memoConverter {
	return &memoConverter{conv: markdown.New(opts), global: optionsKey(opts), ix: ix, old: old, next: map[[32]byte]cachedDoc{}}
}

func (m *memoConverter) Convert(src []byte, ctx markdown.Context) *markdown.Document {
	key := pageKey(m.global, ctx.Path, ctx.Line, src)
	c, ok := m.old[key]
	if !ok || !c.stillResolves(m.ix) {
		m.mu.Lock()
		c, ok = m.next[key]
		m.mu.Unlock()
	}
	if !ok {
		rec := &recorder{ix: m.ix}
		ctx.Resolver = rec
		c = cachedDoc{key: key, doc: m.conv.Convert(src, ctx), lookups: rec.lookups}
	}
	m.mu.Lock()
	m.next[key] = c
	m.mu.Unlock()
	return c.doc
}

// markdownOptions are the converter options for a build.
func markdownOptions(cfg *config.Config) markdown.Options {
	return markdown.Options{
		UnsafeHTML:   cfg.Markdown.UnsafeHTML,
		Placeholders: cfg.Placeholders,
		WPM:          cfg.WPM(),
		Lang:         cfg.Language,
	}
}

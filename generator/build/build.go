// Package build runs the pipeline: read, parse, type, convert, assemble,
// index, render. It returns the site as files in memory; writing them is the
// caller's job (output.Write), so a failed build never touches the output.
//
// A Builder memoises the conversion step by content hash, so a rebuild after
// an edit runs the same Build on a fresh snapshot and converts only what
// changed: incremental is memoisation, not a second code path.
package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"playbook/generator/config"
	"playbook/generator/content"
	"playbook/generator/diag"
	"playbook/generator/history"
	"playbook/generator/lint"
	"playbook/generator/markdown"
	"playbook/generator/offline"
	"playbook/generator/output"
	"playbook/generator/page"
	"playbook/generator/search"
	"playbook/generator/site"
	"playbook/generator/theme"
	"playbook/generator/workers"
)

// Input says what to build.
type Input struct {
	// Dir is the playbook root: the folder holding playbook.toml.
	Dir string
	// FS, when set, replaces the disk below Dir (tests pass an fstest.MapFS).
	FS fs.FS
	// Drafts includes pages marked draft.
	Drafts bool
	// Now is the build date (pages past review_by are overdue); zero means today.
	Now time.Time
	// ContentFS, when set, is the content/ folder (watch mode passes a
	// cached view); else it is content/ below Dir, or below FS.
	ContentFS fs.FS
	// NoRender stops after the checks (playbook check).
	NoRender bool
	// Preview is the watch-mode build: no service worker, whatever the config
	// says, so an author never sees a page the worker kept from before an edit.
	Preview bool
	// NoHistory skips reading Git history. History is read only for a
	// playbook on disk (FS nil, or History set) and not for NoRender.
	NoHistory bool
	// History reads Dir's Git history although FS is set, for an FS that
	// mirrors Dir on disk (serve's snapshots). Builds keep it between runs.
	History bool
}

// Result is a successful build.
type Result struct {
	Config *config.Config
	Site   *site.Site
	Files  []output.File
	// Warnings are problems that do not stop the build.
	Warnings diag.List
	// Notes say in a line each what the build had to do without (Git
	// history outside a work tree or in a shallow clone): print them once.
	Notes []string
	Stats Stats
}

// Stats describe one build for the one-line summary.
type Stats struct {
	Pages     int // pages in the site, folder and home pages included
	Converted int // bodies converted in this build (the rest came from the cache)
	Rendered  int // pages rendered in this build (the rest came from the last render)
	Files     int
	Duration  time.Duration
	History   time.Duration // waiting for Git history and building versions
	// Steps time each step of the pipeline, in order, for serve --verbose
	// and for finding what a rebuild spends its time on.
	Steps []Step
}

// Step is one timed step of a build.
type Step struct {
	Name     string
	Duration time.Duration
}

// StepLine is the steps on one line: "read 3ms, type 1ms, ...".
func (s Stats) StepLine() string {
	var b strings.Builder
	for i, st := range s.Steps {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s %.1fms", st.Name, float64(st.Duration.Microseconds())/1000)
	}
	return b.String()
}

// stopwatch records consecutive steps.
type stopwatch struct {
	last  time.Time
	steps []Step
}

func (w *stopwatch) lap(name string) {
	now := time.Now()
	if !w.last.IsZero() {
		w.steps = append(w.steps, Step{Name: name, Duration: now.Sub(w.last)})
	}
	w.last = now
}

// Builder holds the memo cache between builds. Its zero value is not usable;
// call New. A Builder is not safe for concurrent Builds.
type Builder struct {
	docs     map[string]cachedDoc      // by page source path
	hist     history.Cache             // Git history, reread only when HEAD moves
	oldDocs  map[[32]byte]cachedDoc    // old versions' bodies, by content (versions.go)
	search   *search.Index             // the last build's index, so unchanged docs are reused
	themes   theme.Cache               // parsed templates, reparsed only when theme files change
	render   *renderMemo               // the last render, so an edit re-renders only what it changed
	pages    map[string]typedPage      // typed pages by source path, reused while their bytes are unchanged
	assembly site.Cache                // related pages, reused while titles, tags and stages stay
	last     atomic.Pointer[lastBuild] // the last complete build, for Early
}

type cachedDoc struct {
	key     [32]byte
	doc     *markdown.Document
	lookups []lookup
}

// New returns a Builder with an empty cache.
func New() *Builder {
	return &Builder{docs: map[string]cachedDoc{}}
}

// Build runs the whole pipeline. Content problems come back as a diag.List
// error holding every error (and warning) of the build, sorted.
func (b *Builder) Build(ctx context.Context, in Input) (*Result, error) {
	start := time.Now()
	sw := &stopwatch{last: start}
	fsys := in.FS
	if fsys == nil {
		root, err := os.OpenRoot(in.Dir)
		if err != nil {
			return nil, fmt.Errorf("open playbook folder: %w", err)
		}
		defer root.Close()
		fsys = root.FS()
	}
	now := in.Now
	if now.IsZero() {
		now = time.Now()
	}

	waitHistory := b.startHistory(ctx, in)
	var diags diag.List
	cfgData, err := fs.ReadFile(fsys, config.FileName)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, diag.List{diag.Errorf(diag.Pos{File: config.FileName}, "no playbook.toml in %s: is this a playbook folder? (playbook init DIR makes one)", displayDir(in.Dir))}
		}
		return nil, diag.List{diag.Errorf(diag.Pos{File: config.FileName}, "cannot read: %v", err)}
	}
	cfg, err := config.Parse(config.FileName, cfgData)
	configFailed := false
	if err != nil {
		// Go on with the defaults so the content's problems are reported in
		// the same run as the config's.
		var list diag.List
		if !errors.As(err, &list) {
			return nil, err
		}
		diags = append(diags, list...)
		cfg = config.Default()
		configFailed = true
	}

	contentFS := in.ContentFS
	if st, err := fs.Stat(fsys, "content"); err != nil || !st.IsDir() {
		return nil, diag.List{diag.Errorf(diag.Pos{File: "content"}, "no content/ folder beside playbook.toml")}
	}
	if contentFS == nil && in.FS == nil {
		// A root of its own, so no symlink in content/ reaches the rest of
		// the playbook folder (playbook.toml, themes, the output).
		root, err := os.OpenRoot(filepath.Join(in.Dir, "content"))
		if err != nil {
			return nil, diag.List{diag.Errorf(diag.Pos{File: "content"}, "cannot open: %v", err)}
		}
		defer root.Close()
		contentFS = root.FS()
	}
	if contentFS == nil {
		contentFS, err = fs.Sub(fsys, "content")
		if err != nil {
			return nil, fmt.Errorf("content folder: %w", err)
		}
	}
	if in.Preview {
		cfg.Offline.Enabled = false
	}
	// The theme is loaded for check too: a broken theme must fail there.
	th, err := b.themes.Load(fsys, cfg.Theme)
	if err != nil {
		diags.Errorf(diag.Pos{File: config.FileName, Line: config.KeyLine(cfgData, []string{"theme"})}, "%v", err)
	}

	sw.lap("config")
	tree, d := content.Read(ctx, contentFS)
	diags = append(diags, d...)
	sw.lap("read")
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	pages, d := b.typePages(cfg, tree, in.Drafts)
	diags = append(diags, d...)
	sw.lap("type")
	histStart := time.Now()
	hist := pageHistory(ctx, waitHistory(), tree)
	defer hist.stop()
	setUpdated(pages, hist, tree)
	histWait := time.Since(histStart)
	sw.lap("history")

	ix, d := site.NewIndex(cfg, pages, tree.Files)
	diags = append(diags, d...)
	sw.lap("index")

	docs, converted := b.convert(ctx, cfg, ix)
	for _, doc := range docs {
		diags = append(diags, doc.Diags...)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	sw.lap("convert")

	s, d := site.AssembleCached(ix, docs, now, &b.assembly)
	diags = append(diags, d...)
	sw.lap("assemble")
	if s != nil {
		diags = append(diags, lint.Site(s)...)
	}
	sw.lap("lint")
	if configFailed {
		// Against the default config every placeholder is undeclared: noise.
		diags = diags.Errors()
	}
	diags.Sort()
	if diags.HasErrors() {
		return nil, diags
	}

	res := &Result{Config: cfg, Site: s, Warnings: diags.Warnings()}
	res.Stats.Pages = len(s.Pages)
	res.Stats.Converted = converted
	if in.NoRender {
		res.Stats.Duration = time.Since(start)
		res.Stats.Steps = sw.steps
		return res, nil
	}
	histStart = time.Now()
	res.Notes = b.versions(ctx, cfg, s, ix, hist, tree)
	res.Stats.History = histWait + time.Since(histStart)
	sw.lap("versions")

	files, rendered, err := b.renderSite(s, th)
	if err != nil {
		return nil, err
	}
	res.Stats.Rendered = rendered
	sw.lap("render")
	if cfg.Search.Enabled {
		ix, err := buildSearch(s, th, b.search)
		if err != nil {
			return nil, err
		}
		b.search = ix
		for _, f := range ix.Files() {
			files = append(files, output.File{Path: f.Path, Data: f.Data})
		}
		sw.lap("search")
	}
	// Last: the offline list hashes every other file of the site.
	files = append(files, offline.Files(cfg, files)...)
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	res.Files = files
	sw.lap("offline")
	res.Stats.Files = len(files)
	res.Stats.Duration = time.Since(start)
	res.Stats.Steps = sw.steps
	var blobs map[string][]byte
	if hist != nil {
		blobs = hist.blobs
	}
	b.last.Store(&lastBuild{cfg: cfg, th: th, site: s, ix: ix, now: now, drafts: in.Drafts,
		sources: tree.Pages, git: hist, blobs: blobs, oldDocs: b.oldDocs})
	return res, nil
}

// typePages splits and types every Markdown file in parallel.
func (b *Builder) typePages(cfg *config.Config, tree *content.Tree, drafts bool) ([]*page.Page, diag.List) {
	paths := make([]string, 0, len(tree.Pages))
	for p := range tree.Pages {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	var cfgKey [32]byte
	ch := newHash()
	fmt.Fprintf(ch, "%+v", *cfg)
	ch.Sum(cfgKey[:0])
	typed := make([]typedPage, len(paths))
	workers.Each(len(paths), func(i int) {
		data := tree.Pages[paths[i]]
		h := newHash()
		h.Write(cfgKey[:])
		h.Write([]byte(paths[i]))
		h.Write([]byte{0})
		h.Write(data)
		var key [32]byte
		h.Sum(key[:0])
		if c, ok := b.pages[paths[i]]; ok && c.key == key {
			typed[i] = c
			return
		}
		typed[i].key = key
		typed[i].page, typed[i].diags = parsePage(paths[i], data, cfg)
	})
	var out []*page.Page
	var diags diag.List
	next := make(map[string]typedPage, len(paths))
	for i, path := range paths {
		t := typed[i]
		next[path] = t
		diags = append(diags, t.diags...)
		// A page with errors still takes part, so that its links and the
		// links to it are checked in the same run; the build fails anyway.
		if t.page == nil || (t.page.Draft && !drafts) {
			continue
		}
		// A copy: later steps fill in dates; the cached page stays as parsed.
		cp := *t.page
		out = append(out, &cp)
	}
	b.pages = next
	return out, diags
}

// parsePage splits and types one Markdown file; the page is nil when its
// front matter cannot be split.
func parsePage(path string, data []byte, cfg *config.Config) (*page.Page, diag.List) {
	src, d := content.Split(path, data)
	if d.HasErrors() {
		return nil, d
	}
	p, d2 := page.New(src, cfg)
	return p, append(d, d2...)
}

// typedPage is one parsed and typed source, cached by its bytes and the config.
type typedPage struct {
	key   [32]byte
	page  *page.Page
	diags diag.List
}

func displayDir(dir string) string {
	if dir == "" || dir == "." {
		return "the current folder"
	}
	return strings.TrimSuffix(dir, "/")
}

// buildSearch maps the site's pages to search documents and builds the
// index; prev, the last build's index, lets unchanged documents keep their
// ids and analysis.
func buildSearch(s *site.Site, th *theme.Theme, prev *search.Index) (*search.Index, error) {
	var docs []search.Doc
	for _, p := range s.Pages {
		if p.URL == "/" {
			continue
		}
		doc := search.Doc{
			URL:       path.Join(s.Config.BasePath(), p.URL) + "/",
			Title:     p.Title,
			Kind:      string(p.Kind),
			KindLabel: kindLabel(th, s.Config.Language, p.Kind),
			Summary:   p.Summary,
			Stage:     p.Stage,
			Lang:      s.Config.Language,
			Tags:      p.Tags,
			Personas:  p.Personas,
		}
		if p.Objection != nil {
			doc.Objection = p.Objection.Objection
		}
		if p.Doc != nil {
			for _, sec := range p.Doc.Sections {
				doc.Sections = append(doc.Sections, search.Section{Anchor: sec.ID, Heading: sec.Heading, Text: sec.Text})
			}
		}
		docs = append(docs, doc)
	}
	ix, err := search.Build(docs, search.Options{Lang: s.Config.Language, BasePath: s.Config.BasePath(), Previous: prev})
	if err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	return ix, nil
}

// kindLabel is the kind's name in the interface language ("Einwand").
func kindLabel(th *theme.Theme, lang string, k page.Kind) string {
	if l, ok := th.Translate(lang, "kind."+string(k)); ok {
		return l
	}
	return string(k)
}

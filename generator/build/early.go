package build

import (
	"context"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"playbook/generator/config"
	"playbook/generator/content"
	"playbook/generator/markdown"
	"playbook/generator/output"
	"playbook/generator/page"
	"playbook/generator/render"
	"playbook/generator/site"
	"playbook/generator/theme"
	"playbook/generator/versions"
)

// lastBuild is what Early needs of the last complete build. It is never
// modified once stored, so Early may read it while the next Build runs.
type lastBuild struct {
	cfg     *config.Config
	th      *theme.Theme
	site    *site.Site
	ix      *site.Index
	now     time.Time
	drafts  bool
	sources map[string][]byte // content/ pages by path, as read
	git     *gitPages         // nil without history
	blobs   map[string][]byte // old contents the versions used
	oldDocs map[[32]byte]cachedDoc
}

// EarlyResult is the speculative render of a body edit.
type EarlyResult struct {
	Files []output.File
	Pages int // pages rendered
}

// Early renders the pages an edit changed in place (their text, title,
// summary or other fields that do not move them) against the last complete
// build, so that watch mode can show the edit before the whole pipeline has
// run again. changed are slash paths relative to the playbook
// folder, as the watcher reports them.
//
// It is a speculation that the next Build confirms: it answers only when
// every changed path is an existing page that keeps its place (URL, kind,
// taxonomy values, aliases: see sameFrame), its links and its heading ids,
// since then the page's own outputs depend on nothing else that changed
// and are the ones Build makes (TestEarlyEqualsBuild). Listings that show
// a new title or summary follow with Build. Anything else (a new, removed
// or renamed file, a tag or link change, an error in the page, the config
// or the theme) returns nil and waits for Build. Early may run while a
// Build runs.
func (b *Builder) Early(ctx context.Context, in Input, changed []string) *EarlyResult {
	last := b.last.Load()
	if last == nil || len(changed) == 0 || in.Drafts != last.drafts {
		return nil
	}
	cfs := in.ContentFS
	if cfs == nil {
		if in.FS != nil {
			return nil
		}
		root, err := os.OpenRoot(filepath.Join(in.Dir, "content"))
		if err != nil {
			return nil
		}
		defer root.Close()
		cfs = root.FS()
	}
	conv := markdown.New(markdownOptions(last.cfg))
	var fresh []*site.Page
	seen := map[string]bool{}
	for _, rel := range changed {
		src, ok := strings.CutPrefix(rel, "content/")
		if !ok || !strings.HasSuffix(src, ".md") {
			return nil
		}
		if seen[src] {
			continue // a save is often a write and a create
		}
		seen[src] = true
		np := last.repage(cfs, conv, src)
		if np == nil || ctx.Err() != nil {
			return nil
		}
		fresh = append(fresh, np)
	}

	s := *last.site
	s.Pages = slices.Clone(s.Pages)
	s.ByURL = maps.Clone(s.ByURL)
	s.BySource = maps.Clone(s.BySource)
	for _, np := range fresh {
		i, _ := slices.BinarySearchFunc(s.Pages, np.URL, func(p *site.Page, u string) int { return strings.Compare(p.URL, u) })
		if i == len(s.Pages) || s.Pages[i].URL != np.URL {
			return nil
		}
		s.Pages[i] = np
		s.ByURL[np.URL] = np
		s.BySource[np.Source] = np
	}
	files, err := render.RenderPages(&s, last.th, fresh)
	if err != nil {
		return nil
	}
	return &EarlyResult{Files: files, Pages: len(fresh)}
}

// repage reads, types and converts one changed page the way Build does and
// returns it wired into the last site, or nil when the change reaches
// beyond the page.
func (last *lastBuild) repage(cfs fs.FS, conv *markdown.Converter, src string) *site.Page {
	old := last.site.BySource[src]
	prev, ok := last.sources[src]
	if old == nil || !ok {
		return nil
	}
	data, err := fs.ReadFile(cfs, src)
	if err != nil || len(data) > content.MaxFileSize {
		return nil
	}
	info, err := fs.Stat(cfs, src)
	if err != nil || !info.Mode().IsRegular() {
		return nil
	}
	p, d := parsePage(src, data, last.cfg)
	if d.HasErrors() || p == nil || !sameFrame(old.Page, p) {
		return nil
	}
	doc := convertPage(conv, p, last.ix).doc
	if doc.Diags.HasErrors() || !sameLinks(doc, old.Doc) || !sameHeadingIDs(doc, old.Doc) {
		return nil
	}

	front := !p.Updated.IsZero() // an updated field wins over Git and the file's time
	if !front {
		p.Updated = info.ModTime().UTC()
	}
	np := *old
	np.Page = p
	np.Doc = doc
	np.Overdue = !p.ReviewBy.IsZero() && p.ReviewBy.Before(last.now)
	if p.Summary == "" && doc.Summary != "" {
		p.Summary = doc.Summary
	}
	np.Versions, np.Current = nil, nil
	if g := last.git; g != nil && g.h.Available {
		// The bytes differ from the last build's, so the file is dirty unless
		// it went back to its commit (below).
		vin := versionInput(p, doc, g.revs[src], true)
		blobs := last.blobs
		if len(vin.Revisions) > 0 {
			head := vin.Revisions[0].Blob
			if !g.h.Dirty(src) {
				// The last build read the committed text from the working
				// file, which was clean: it is the newest revision's content.
				blobs = maps.Clone(blobs)
				blobs[head] = prev
			}
			if committed, ok := blobs[head]; ok && string(committed) == string(data) {
				// Saved back to what is committed: clean again.
				vin.Dirty = false
				if !front {
					p.Updated = vin.Revisions[0].Time
					vin.Date = p.Updated
				}
			}
		}
		for _, r := range versions.Needed([]versions.Input{vin}) {
			if _, ok := blobs[r.Blob]; !ok {
				return nil
			}
		}
		out := versions.Build([]versions.Input{vin}, blobs, versions.Options{Config: last.cfg, Converter: newMemoConverter(markdownOptions(last.cfg), last.ix, last.oldDocs)})
		np.Versions = out[0].Versions
		np.Current = out[0].Current()
	}
	return &np
}

// sameFrame reports whether b sits where a sat: the same URL, kind,
// taxonomy values, aliases, cadence templates and workshop pages, so that
// no other page's links, listings or filters move. A folder page also keeps
// its title and weight, which the navigation shows.
func sameFrame(a, b *page.Page) bool {
	if a.URL != b.URL || a.Source != b.Source || a.Kind != b.Kind || a.IsFolder != b.IsFolder || a.Draft != b.Draft ||
		a.Stage != b.Stage || !slices.Equal(a.Tags, b.Tags) || !slices.Equal(a.Personas, b.Personas) || !slices.Equal(a.Aliases, b.Aliases) {
		return false
	}
	if a.IsFolder && (a.Title != b.Title || a.Weight != b.Weight) {
		return false
	}
	if (a.Cadence == nil) != (b.Cadence == nil) || (a.Workshop == nil) != (b.Workshop == nil) {
		return false
	}
	if a.Cadence != nil {
		if len(a.Cadence.Steps) != len(b.Cadence.Steps) {
			return false
		}
		for i := range a.Cadence.Steps {
			if a.Cadence.Steps[i].Template != b.Cadence.Steps[i].Template {
				return false
			}
		}
	}
	return a.Workshop == nil || slices.Equal(a.Workshop.Pages, b.Workshop.Pages)
}

func sameLinks(a, b *markdown.Document) bool {
	if b == nil || len(a.Links) != len(b.Links) {
		return false
	}
	for i := range a.Links {
		if a.Links[i].Target != b.Links[i].Target || a.Links[i].Anchor != b.Links[i].Anchor {
			return false
		}
	}
	return true
}

func sameHeadingIDs(a, b *markdown.Document) bool {
	if b == nil || len(a.Headings) != len(b.Headings) {
		return false
	}
	for i := range a.Headings {
		if a.Headings[i].ID != b.Headings[i].ID {
			return false
		}
	}
	return true
}

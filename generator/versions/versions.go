// Package versions turns a page's Git history into versions readers can
// cite: each commit that changed the page is a version, labelled by the
// page's `version` field at that commit or numbered, with the scripts it
// held and what changed in them since the version before.
//
// It is pure: the build reads the history and the old file contents (one
// git log, one git cat-file) and hands them in; this package parses the
// old front matter, converts the old bodies of pages with scripts and
// diffs their scripts word by word.
package versions

import (
	"bytes"
	"time"

	"playbook/generator/config"
	"playbook/generator/content"
	"playbook/generator/history"
	"playbook/generator/markdown"
	"playbook/generator/page"
	"playbook/generator/workers"
)

// Converter converts a Markdown body; *markdown.Converter is one. It must
// be safe for concurrent use. The build passes one that memoises by
// content, so watch mode converts an old version once.
type Converter interface {
	Convert(src []byte, ctx markdown.Context) *markdown.Document
}

// Input is what the build knows about one page.
type Input struct {
	Source string // path now, relative to content/ ("pitches/elevator.md")
	URL    string // the page's site-relative URL ("/pitches/elevator/")
	// Revisions are the commits that changed the file, newest first, as
	// history.History.Revisions returns them.
	Revisions []history.Revision
	// Dirty: the working file differs from the newest revision, so it is
	// an uncommitted version of its own.
	Dirty   bool
	Version string             // the `version` field of the working file
	Title   string             // the title of the working file
	Doc     *markdown.Document // the working file's converted body
	Body    []byte             // the working file's Markdown body, to spot old versions with the same text
	// Date is when the working file changed, for an uncommitted version:
	// its `updated` field, else the file's modification time.
	Date time.Time
}

// Options are fixed for one build.
type Options struct {
	Config    *config.Config // for typing old front matter; nil means defaults
	Converter Converter      // converts old bodies; nil leaves them unconverted (no scripts, no text)
	// Resolver resolves links in old bodies against the current site; nil
	// leaves them as written.
	Resolver markdown.Resolver
}

// Page is the versions of one page.
type Page struct {
	// Versions are oldest first; the last is the current version. Empty
	// when the file has no history (outside Git, or not committed yet).
	Versions []*Version
	// Scripts is true when some version held a script: then every earlier
	// version has a page of its own (Version.URL).
	Scripts bool
}

// Current is the newest version, nil when there is none.
func (p *Page) Current() *Version {
	if p == nil || len(p.Versions) == 0 {
		return nil
	}
	return p.Versions[len(p.Versions)-1]
}

// Version is one version of a page.
type Version struct {
	N     int    // 1 for the oldest version seen
	Label string // history.Label: "v3" from the version field, else "#2"
	Field string // the `version` field at this version, "" where it had none
	// Slug is the URL segment of an earlier version's page ("3", "2",
	// "3-1a2b3c4" when two versions share a label); "" for the current one.
	Slug string
	// URL is "<page URL>v/<Slug>/" for earlier versions of pages with
	// scripts, "" otherwise.
	URL string

	Commit  string    // full hash, "" for an uncommitted version
	Short   string    // abbreviated hash
	Date    time.Time // author date of the commit (UTC), or Input.Date when uncommitted
	Author  string
	Subject string
	Path    string // the file's path at this version, relative to content/
	From    string // the path before, when this commit renamed the file
	// Uncommitted marks the working file when it differs from the last commit.
	Uncommitted bool
	// Boundary marks the oldest commit of a shallow clone: older versions
	// may exist that the clone does not have.
	Boundary bool

	Title string // the page title at this version (the current title where it had none)
	// Doc is the converted body: the page's own for the current version;
	// for earlier versions only where the page has scripts.
	Doc     *markdown.Document
	Scripts []string // script texts as markdown.Script.Text, in order
	// Changes are the scripts changed since the version before, in order;
	// nil for the first version and where no script changed.
	Changes []Change
}

// Needed returns the revisions whose old contents Build needs: every one
// but the newest of a clean file, whose contents are the working file's.
func Needed(in []Input) []history.Revision {
	var out []history.Revision
	for _, p := range in {
		revs := p.Revisions
		if !p.Dirty && len(revs) > 0 {
			revs = revs[1:]
		}
		out = append(out, revs...)
	}
	return out
}

// Build returns the versions of every page, aligned with in. contents maps
// a blob id to the old file contents (history.History.Contents of
// Needed(in)); a missing blob makes a version without text. Pages are
// worked on in parallel.
func Build(in []Input, contents map[string][]byte, opts Options) []*Page {
	if opts.Config == nil {
		opts.Config = config.Default()
	}
	out := make([]*Page, len(in))
	workers.Each(len(in), func(i int) {
		out[i] = buildPage(&in[i], contents, opts)
	})
	return out
}

// old is one version's file as parsed for this package.
type old struct {
	version, title string
	path           string
	body           []byte
	bodyLine       int
	doc            *markdown.Document // set when converted, or shared with the working file
	maybeScripts   bool
}

func buildPage(in *Input, contents map[string][]byte, opts Options) *Page {
	pg := &Page{}
	if len(in.Revisions) == 0 {
		return pg
	}
	// Oldest first, plus the working file when it is a version of its own.
	n := len(in.Revisions)
	if in.Dirty {
		n++
	}
	vs := make([]*Version, n)
	files := make([]old, n)
	for i := range in.Revisions {
		r := &in.Revisions[len(in.Revisions)-1-i]
		vs[i] = &Version{Commit: r.Commit, Short: r.Short, Date: r.Time, Author: r.Author, Subject: r.Subject,
			Path: r.Path, Boundary: r.Boundary}
		if r.Change == history.Renamed {
			vs[i].From = r.From
		}
		if i == n-1 {
			// The newest revision of a clean file is the working file.
			files[i] = current(in)
			continue
		}
		files[i] = parseOld(r.Path, contents[r.Blob], opts.Config)
	}
	if in.Dirty {
		vs[n-1] = &Version{Uncommitted: true, Date: in.Date, Path: in.Source}
		files[n-1] = current(in)
	}

	maybe := false
	for i, f := range files {
		maybe = maybe || f.maybeScripts || f.doc != nil && len(f.doc.Scripts) > 0
		vs[i].N = i + 1
		vs[i].Label = history.Label(f.version, i+1)
		vs[i].Field = f.version
		vs[i].Title = f.title
		if vs[i].Title == "" {
			vs[i].Title = in.Title
		}
	}
	if maybe {
		var base *spliceBase
		if n > 1 {
			base = newSpliceBase(in.Body, in.Doc)
		}
		for i := range files {
			vs[i].Doc = convert(&files[i], in, base, opts)
			vs[i].Scripts = scriptTexts(vs[i].Doc)
			pg.Scripts = pg.Scripts || len(vs[i].Scripts) > 0
		}
	}
	if pg.Scripts {
		for i := 1; i < n; i++ {
			vs[i].Changes = diffScripts(vs[i-1].Scripts, vs[i].Scripts)
		}
		assignSlugs(vs[:n-1], in.URL)
	} else {
		// Without scripts earlier versions get no page: drop their text.
		for _, v := range vs {
			v.Doc = nil
		}
	}
	vs[n-1].Doc = in.Doc
	pg.Versions = vs
	return pg
}

// convert returns the converted body of a version's file: the working
// file's Document when the text is the same, the working file's with
// other script cards when only scripts differ (fastpath.go), else a
// fresh conversion.
func convert(f *old, in *Input, base *spliceBase, opts Options) *markdown.Document {
	switch {
	case f.doc != nil:
		return f.doc
	case f.body == nil || opts.Converter == nil:
		return nil
	case f.path == in.Source && in.Doc != nil && bytes.Equal(f.body, in.Body):
		return in.Doc
	}
	ctx := markdown.Context{Path: f.path, File: "content/" + f.path, Line: f.bodyLine, Resolver: opts.Resolver}
	if base != nil && f.path == in.Source {
		if doc, ok := base.splice(f.body, opts.Converter, ctx); ok {
			return doc
		}
	}
	return opts.Converter.Convert(f.body, ctx)
}

// current is the working file as a version's file.
func current(in *Input) old {
	return old{version: in.Version, title: in.Title, path: in.Source, doc: in.Doc}
}

// parseOld reads the front matter and body of an old version as far as
// they go: old versions need not validate against today's rules, so
// errors are ignored and whatever was typed is kept.
func parseOld(path string, data []byte, cfg *config.Config) old {
	f := old{path: path}
	if data == nil {
		return f
	}
	src, d := content.Split(path, data)
	if d.HasErrors() {
		return f
	}
	f.body, f.bodyLine = src.Body, src.BodyLine
	if f.body == nil {
		f.body = []byte{}
	}
	if src.Format != content.NoFrontMatter {
		p, _ := page.New(src, cfg)
		if p != nil {
			f.version, f.title = p.Version, p.Title
		}
	}
	f.maybeScripts = MayHaveScripts(f.body)
	return f
}

func scriptTexts(doc *markdown.Document) []string {
	if doc == nil || len(doc.Scripts) == 0 {
		return nil
	}
	out := make([]string, len(doc.Scripts))
	for i, s := range doc.Scripts {
		out[i] = s.Text
	}
	return out
}

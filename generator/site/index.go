package site

import (
	"path"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"playbook/generator/config"
	"playbook/generator/content"
	"playbook/generator/diag"
	"playbook/generator/markdown"
	"playbook/generator/page"
)

// Index is the set of all pages of a build, by URL and by source, with the
// folder pages filled in. It is the markdown.Resolver for every conversion,
// so it is built before any body is converted; Assemble finishes the job.
// An Index is read-only after NewIndex and safe for concurrent use.
type Index struct {
	cfg *config.Config

	pages    []*page.Page          // winners and folder pages, sorted by URL
	byURL    map[string]*page.Page // site-relative URL -> page
	bySource map[string]*page.Page // source path -> page (a losing duplicate maps to the winner)
	folders  map[string]*page.Page // folder path ("" for content/ itself) -> its page
	folderOf map[*page.Page]string // inverse of folders: the folder a folder page stands for
	aliases  []alias               // valid aliases, sorted by From
	files    []content.File        // sorted by path
	fileSet  map[string]bool
}

type alias struct {
	from string
	page *page.Page
}

var _ markdown.Resolver = (*Index)(nil)

// NewIndex collects the pages of a build (drafts already left out) and the
// other files in content/. Every folder that holds pages gets a page of its
// own: its _index.md, a page file of the same name beside the folder, or a
// synthesised one. Two sources for one URL and colliding aliases are errors;
// the first source in path order is kept so that later checks still run.
// The pages passed in are not modified: a page that becomes a folder page is
// copied first.
func NewIndex(cfg *config.Config, pages []*page.Page, files []content.File) (*Index, diag.List) {
	if cfg == nil {
		cfg = config.Default()
	}
	ix := &Index{
		cfg:      cfg,
		byURL:    make(map[string]*page.Page, len(pages)),
		bySource: make(map[string]*page.Page, len(pages)),
		folders:  map[string]*page.Page{},
		folderOf: map[*page.Page]string{},
		fileSet:  make(map[string]bool, len(files)),
	}
	var errs diag.List

	in := make([]*page.Page, 0, len(pages))
	for _, p := range pages {
		if p != nil {
			in = append(in, p)
		}
	}
	sort.SliceStable(in, func(i, j int) bool { return in[i].Source < in[j].Source })

	// Group sources by URL; the first in path order wins.
	folderURLs := map[string]string{"": "/"}
	losers := map[string]string{} // losing source -> its URL
	for _, p := range in {
		addFolderURLs(folderURLs, p)
		if w := ix.byURL[p.URL]; w != nil {
			errs.Errorf(diag.Pos{File: "content/" + w.Source}, "two pages for URL %s: content/%s and content/%s",
				p.URL, w.Source, p.Source)
			losers[p.Source] = p.URL
			continue
		}
		ix.byURL[p.URL] = p
	}

	errs = append(errs, ix.addFolders(folderURLs)...)

	for _, p := range ix.byURL {
		ix.bySource[p.Source] = p
	}
	// A link to a losing duplicate reaches the page that won its URL: the
	// collision is already reported, a second "no such page" would only confuse.
	for src, u := range losers {
		if _, ok := ix.bySource[src]; !ok {
			ix.bySource[src] = ix.byURL[u]
		}
	}
	// A link to "x/_index.md" or to the folder reaches the folder page whatever its source.
	for f, p := range ix.folders {
		idx := path.Join(f, "_index.md")
		if _, ok := ix.bySource[idx]; !ok {
			ix.bySource[idx] = p
		}
	}

	ix.pages = make([]*page.Page, 0, len(ix.byURL))
	for _, p := range ix.byURL {
		ix.pages = append(ix.pages, p)
	}
	sort.Slice(ix.pages, func(i, j int) bool { return ix.pages[i].URL < ix.pages[j].URL })

	errs = append(errs, ix.addAliases()...)

	ix.files = append([]content.File(nil), files...)
	sort.SliceStable(ix.files, func(i, j int) bool { return ix.files[i].Path < ix.files[j].Path })
	for _, f := range ix.files {
		ix.fileSet[f.Path] = true
	}
	errs.Sort()
	return ix, errs
}

// addFolderURLs records the URL of every folder above p.
func addFolderURLs(urls map[string]string, p *page.Page) {
	for dir := path.Dir(p.Source); dir != "." && dir != "/" && dir != ""; dir = path.Dir(dir) {
		if _, ok := urls[dir]; ok {
			return // this folder and all above it are known
		}
		urls[dir] = page.URLFor(dir + "/_index.md")
	}
}

// addFolders gives every folder its page: the page already at the folder's
// URL (made a folder page), or a synthesised one.
func (ix *Index) addFolders(urls map[string]string) diag.List {
	var errs diag.List
	names := make([]string, 0, len(urls))
	for f := range urls {
		names = append(names, f)
	}
	sort.Strings(names)
	for _, f := range names {
		u := urls[f]
		p := ix.byURL[u]
		if other, taken := ix.folderOf[p]; p != nil && taken {
			// Two folders whose names slug alike ("Preis/" and "preis/").
			errs.Errorf(diag.Pos{File: "content/" + other + "/"}, "two folders for URL %s: content/%s/ and content/%s/",
				u, other, f)
			ix.folders[f] = p
			continue
		}
		switch {
		case p == nil:
			p = ix.synthesise(f, u)
			ix.byURL[u] = p
		case !p.IsFolder:
			cp := *p
			cp.IsFolder = true
			p = &cp
			ix.byURL[u] = p
		}
		ix.folders[f] = p
		ix.folderOf[p] = f
	}
	return errs
}

// synthesise makes the page of a folder that has no text of its own.
func (ix *Index) synthesise(folder, url string) *page.Page {
	if folder == "" {
		return &page.Page{Source: "_index.md", URL: "/", IsFolder: true, Kind: page.KindPage, Title: ix.cfg.Title}
	}
	section, _, _ := strings.Cut(folder, "/")
	return &page.Page{
		Source:   folder + "/_index.md",
		URL:      url,
		Section:  section,
		IsFolder: true,
		Kind:     page.KindForSection(section),
		Title:    folderTitle(path.Base(folder)),
	}
}

// folderTitle turns a folder name into a title: "preis" -> "Preis",
// "kein-budget" -> "Kein budget".
func folderTitle(name string) string {
	name = strings.TrimSpace(strings.Map(func(r rune) rune {
		if r == '-' || r == '_' {
			return ' '
		}
		return r
	}, name))
	r, n := utf8.DecodeRuneInString(name)
	if n == 0 || r == utf8.RuneError {
		return name
	}
	return string(unicode.ToTitle(r)) + name[n:]
}

// addAliases keeps every alias that names no page and no other alias.
func (ix *Index) addAliases() diag.List {
	var errs diag.List
	bySrc := append([]*page.Page(nil), ix.pages...)
	sort.Slice(bySrc, func(i, j int) bool { return bySrc[i].Source < bySrc[j].Source })
	owner := map[string]*page.Page{}
	for _, p := range bySrc {
		pos := diag.Pos{File: "content/" + p.Source, Line: p.FieldLines["aliases"]}
		seen := map[string]bool{}
		for _, a := range p.Aliases {
			if seen[a] {
				continue
			}
			seen[a] = true
			if a == p.URL {
				errs.Errorf(pos, "alias %s is the page's own URL", a)
				continue
			}
			if q := ix.byURL[a]; q != nil {
				errs.Errorf(pos, "alias %s in content/%s is already the URL of content/%s", a, p.Source, q.Source)
				continue
			}
			if q := owner[a]; q != nil {
				errs.Errorf(pos, "alias %s in content/%s is already an alias in content/%s", a, p.Source, q.Source)
				continue
			}
			owner[a] = p
			ix.aliases = append(ix.aliases, alias{from: a, page: p})
		}
	}
	sort.Slice(ix.aliases, func(i, j int) bool { return ix.aliases[i].from < ix.aliases[j].from })
	return errs
}

// Pages returns every page, folder pages and the home page included, sorted by URL.
func (ix *Index) Pages() []*page.Page {
	return append([]*page.Page(nil), ix.pages...)
}

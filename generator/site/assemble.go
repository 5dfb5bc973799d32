package site

import (
	"path"
	"slices"
	"sort"
	"strings"
	"time"

	"playbook/generator/diag"
	"playbook/generator/markdown"
	"playbook/generator/page"
)

// maxRelated is how many related pages a page lists.
const maxRelated = 5

// assembler holds the state of one Assemble call.
type assembler struct {
	cache    *Cache
	ix       *Index
	site     *Site
	wrap     map[*page.Page]*Page // Index page -> site page
	src      map[string]*Page     // every source path the index resolves -> site page
	order    []*Page              // the pages in title order; a page's rank is its place here
	refs     []termRef            // the terms each page carries: refs[refStart[i]:refStart[i+1]] for rank i
	refStart []int
	stage    []int // by rank: id of the page's stage term, -1 when none
	tagB     *taxBuilder
	stageB   *taxBuilder
	errs     diag.List
}

// Assemble joins the indexed pages with their converted bodies (docs, keyed
// by page source; a missing document counts as empty) into a Site: tree and
// navigation, backlinks, taxonomies, related pages, cadence templates,
// workshop handouts and review dates. It checks what only the whole site can
// tell: link anchors, cadence templates and workshop pages. Every problem is
// reported, sorted; the Site is complete enough to render either way.
// Neither ix's pages nor docs are modified.
func Assemble(ix *Index, docs map[string]*markdown.Document, now time.Time) (*Site, diag.List) {
	return AssembleCached(ix, docs, now, nil)
}

// AssembleCached is Assemble reusing work from the last call that got the
// same cache (watch mode): related pages are recomputed only when a title,
// stage, tag or URL changed anywhere. A nil cache is Assemble.
func AssembleCached(ix *Index, docs map[string]*markdown.Document, now time.Time, cache *Cache) (*Site, diag.List) {
	a := &assembler{ix: ix, wrap: make(map[*page.Page]*Page, len(ix.pages)), cache: cache}
	s := &Site{
		Config:   ix.cfg,
		Now:      now,
		Pages:    make([]*Page, 0, len(ix.pages)),
		ByURL:    make(map[string]*Page, len(ix.pages)),
		BySource: make(map[string]*Page, len(ix.pages)),
		Files:    slices.Clip(ix.files), // appending must not write into the index
	}
	a.site = s
	for _, p := range ix.pages {
		doc := docs[p.Source]
		if doc == nil {
			doc = &markdown.Document{}
		}
		pp := p
		if p.Summary == "" && doc.Summary != "" {
			cp := *p
			cp.Summary = doc.Summary
			pp = &cp
		}
		sp := &Page{Page: pp, Doc: doc, Overdue: !p.ReviewBy.IsZero() && p.ReviewBy.Before(now)}
		a.wrap[p] = sp
		s.Pages = append(s.Pages, sp)
		s.ByURL[p.URL] = sp
		s.BySource[p.Source] = sp
	}
	s.Home = a.wrap[ix.folders[""]]
	a.src = make(map[string]*Page, len(ix.bySource))
	for src, p := range ix.bySource {
		a.src[src] = a.wrap[p]
	}
	for _, al := range ix.aliases {
		s.Aliases = append(s.Aliases, Alias{From: al.from, To: al.page.URL, Page: a.wrap[al.page]})
	}

	a.rankByTitle()
	a.tree()
	a.links()
	a.cadences()
	a.workshops()
	a.taxonomies()
	a.relatedCached()

	a.errs.Sort()
	return s, a.errs
}

// rankByTitle puts the pages in title order once. Later steps walk this
// order when they append, so backlinks, term pages and the like come out
// sorted by title without a sort of their own.
func (a *assembler) rankByTitle() {
	type entry struct {
		key string
		p   *Page
	}
	es := make([]entry, len(a.site.Pages))
	for i, p := range a.site.Pages {
		es[i] = entry{foldKey(p.Title), p}
	}
	slices.SortFunc(es, func(x, y entry) int {
		switch {
		case x.p == y.p:
			return 0
		case titleLess(x.key, x.p.Title, x.p.URL, y.key, y.p.Title, y.p.URL):
			return -1
		}
		return 1
	})
	a.order = make([]*Page, len(es))
	for r, e := range es {
		a.order[r] = e.p
	}
}

// tree links every page to its folder's page: Parent, Children,
// Breadcrumbs and the top-level Sections.
func (a *assembler) tree() {
	ix := a.ix
	for _, sp := range a.order {
		var dir string
		if f, ok := ix.folderOf[a.ix.byURL[sp.URL]]; ok {
			if f == "" {
				continue // the home page
			}
			dir = path.Dir(f)
		} else {
			dir = path.Dir(sp.Source)
		}
		if dir == "." {
			dir = ""
		}
		parent := a.wrap[ix.folders[dir]]
		if parent == nil || parent == sp {
			continue
		}
		sp.Parent = parent
		parent.Children = append(parent.Children, sp)
	}
	for _, sp := range a.site.Pages {
		// Children arrived in title order; a stable sort by weight keeps it within a weight.
		sort.SliceStable(sp.Children, func(i, j int) bool { return sp.Children[i].Weight < sp.Children[j].Weight })
		// The parent chain is as deep as the folders; the bound only guards
		// against a cycle that a bug elsewhere might create.
		for q, n := sp.Parent, 0; q != nil && n < len(a.site.Pages); q, n = q.Parent, n+1 {
			sp.Breadcrumbs = append(sp.Breadcrumbs, q)
		}
		for i, j := 0, len(sp.Breadcrumbs)-1; i < j; i, j = i+1, j-1 {
			sp.Breadcrumbs[i], sp.Breadcrumbs[j] = sp.Breadcrumbs[j], sp.Breadcrumbs[i]
		}
	}
	if h := a.site.Home; h != nil {
		for _, c := range h.Children {
			if c.IsFolder {
				a.site.Sections = append(a.site.Sections, c)
			}
		}
	}
}

// links fills Backlinks from each document's links and checks their anchors.
// A link to a page that does not exist was already reported by markdown.
func (a *assembler) links() {
	for _, sp := range a.order {
		for _, l := range sp.Doc.Links {
			t := a.page(l.Target)
			if t == nil {
				continue
			}
			if l.Anchor != "" && !hasHeading(t.Doc, l.Anchor) {
				a.errs.Errorf(diag.Pos{File: "content/" + sp.Source, Line: l.Line},
					"link to missing anchor %q in content/%s", "#"+l.Anchor, t.Source)
			}
			// Pages are visited one at a time, so a repeated link from sp is
			// always the last backlink of t.
			if t != sp && (len(t.Backlinks) == 0 || t.Backlinks[len(t.Backlinks)-1] != sp) {
				t.Backlinks = append(t.Backlinks, sp)
			}
		}
	}
}

// page finds a site page by source path, folder path or folder "_index.md".
func (a *assembler) page(p string) *Page {
	if sp := a.src[p]; sp != nil {
		return sp
	}
	return a.wrap[a.ix.lookup(p)]
}

// hasHeading reports whether doc has a heading with the given id. A page has
// a few headings, so a scan beats building a set.
func hasHeading(doc *markdown.Document, id string) bool {
	for _, h := range doc.Headings {
		if h.ID == id {
			return true
		}
	}
	return false
}

// cadences resolves each step's template page.
func (a *assembler) cadences() {
	for _, sp := range a.order {
		if sp.Cadence == nil {
			continue
		}
		sp.StepPages = make([]*Page, len(sp.Cadence.Steps))
		for i, st := range sp.Cadence.Steps {
			if st.Template == "" {
				continue
			}
			t := a.wrap[a.ix.lookupRef(st.Template)]
			if t == nil {
				a.errs.Errorf(diag.Pos{File: "content/" + sp.Source, Line: st.Line},
					"template %q of the day %d step is not a page (looked for %s)", st.Template, st.Day, refFile(st.Template))
				continue
			}
			sp.StepPages[i] = t
			if n := len(t.UsedBy); n == 0 || t.UsedBy[n-1] != sp {
				t.UsedBy = append(t.UsedBy, sp)
			}
		}
	}
}

// workshops resolves each workshop's handout pages, in the order listed.
func (a *assembler) workshops() {
	for _, sp := range a.site.Pages {
		if sp.Workshop == nil {
			continue
		}
		for _, ref := range sp.Workshop.Pages {
			t := a.wrap[a.ix.lookupRef(ref)]
			if t == nil {
				a.errs.Errorf(diag.Pos{File: "content/" + sp.Source, Line: sp.FieldLines["pages"]},
					"workshop page %q is not a page (looked for %s)", ref, refFile(ref))
				continue
			}
			sp.Handout = append(sp.Handout, t)
		}
	}
}

// refFile names the file a front-matter page reference points at, for messages.
func refFile(ref string) string {
	ref = strings.Trim(strings.TrimSpace(ref), "/")
	if path.Ext(ref) != ".md" {
		ref += ".md"
	}
	return "content/" + ref
}

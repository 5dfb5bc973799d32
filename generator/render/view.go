package render

import (
	"bytes"
	"html/template"
	"strconv"
	"strings"
	"sync"

	"playbook/generator/config"
	"playbook/generator/page"
	"playbook/generator/site"
	"playbook/generator/theme"
)

// view is the data every template gets. Fields a page type does not use stay
// zero. Strings are plain text that html/template escapes; Body (and each
// handout Body) is the only trusted HTML: the markdown converter's output.
//
// text/template finds a field by name with a linear scan of the struct, on
// every access, so the fields every content page reads come first.
type view struct {
	// Kind names the page type for the body class: a page kind, "section",
	// "home", "taxonomy", "term", "search", "404" or "alias".
	Kind        string
	Title       string
	Lang        string
	Config      *config.Config
	IsHome      bool
	Description string
	Canonical   string // absolute when base_url is set
	NoIndex     bool
	HasCode     bool   // the body holds highlighted code: link chroma.css
	NavKey      string // identifies the nav's state: the header's cache key
	Crumbs      []link

	// Page is the page with its site context; Front is its typed front matter
	// (the same *page.Page, given flat because templates resolve promoted
	// fields slowly). Both nil on generated pages.
	Page  *site.Page
	Front *page.Page

	// Strings the page head prints, built in Go (finish, parts.go): one
	// template action each instead of a chain of function calls.
	Badge       string // the kind label, an objection's category, a pitch's audience
	Quote       string // an objection's words in quotation marks
	Summary     string // shown under the title; empty when it repeats the body's first paragraph
	Updated     string // Front.Updated as the date function writes it
	UpdatedISO  string // and as isodate does; "" when unset
	ReviewBy    string
	ReviewByISO string
	// Keys for partialCached: pages with the same breadcrumb trail or the
	// same placeholders share that HTML.
	CrumbKey       string
	PlaceholderKey string
	// The print head's left and right text; Printable: the page gets
	// print buttons (not on folder pages or the home page).
	PrintLeft  string
	PrintRight string
	Printable  bool

	Body         template.HTML
	Timing       *timing
	Cadence      *cadence
	List         *listing // folder pages and their filter pages
	UsedBy       []usage
	Handout      []handoutPage
	Placeholders []placeholder
	History      *historyView // pages with Git history and version pages (versions.go)
	Terms        []termGroup
	// Backlinks and Related as titled lists of rendered "linkitem"s.
	BacklinkList linkList
	RelatedList  linkList

	Site           *site.Site
	Base           string // base path, "/" or "/docs/"
	URL            string // site-relative URL of this output
	SearchEnabled  bool
	OfflineEnabled bool // register the service worker (offline.js always loads: it also retires one)
	Nav            []navItem
	Taxonomies     []link // footer links to the taxonomy listings

	Children  []*entry
	Backlinks []*entry
	Related   []*entry

	Sections []*entry // home: section cards
	Recent   []*entry // home: recently updated pages

	Taxonomy      *site.Taxonomy
	Term          *site.Term
	TermPages     []*entry
	TaxonomyTitle string // term pages: the taxonomy's singular label

	// The lists above as cards, each card rendered once per build by the
	// theme's "card" template (parts.go), joined: listings print these
	// instead of ranging over the entries. ChildCards is set on folder
	// pages without a List.
	SectionCards template.HTML
	RecentCards  template.HTML
	TermCards    template.HTML
	ChildCards   template.HTML

	Target string // alias: where the old URL now lives (base-rooted path)

	Changes *changesView // the "what changed" page (versions.go)
}

// entry is a page as listings show it (cards, link lists), built once per
// page and render: flat fields keep template execution fast.
type entry struct {
	Page      *site.Page // for themes that need more
	URL       string     // site-relative
	Href      string     // URL rooted at the base path
	Title     string
	Summary   string
	Kind      string // page kind, "folder" for folder pages
	KindLabel string // Kind in the interface language
	Folder    bool
	Overdue   bool
	Count     int // folder pages: number of children

	// For list filters and the quick-scan lists of folder pages: term slugs
	// (personas and tags space-separated, as data attributes), the stage's
	// label, an objection's words and category, and a short fact line.
	Stage     string
	StageName string
	Personas  string
	Tags      string
	Quote     string
	Category  string
	Facts     string
	Meta      string // StageName and Facts, joined by " · "

	parts entryParts // its rendered card, item and link line (parts.go)
}

// linkList is a titled list of pages, rendered.
type linkList struct {
	Title string
	HTML  template.HTML
}

type link struct {
	Title string
	URL   string // site-relative
	Href  string // URL rooted at the base path
}

type navItem struct {
	Title   string
	URL     string
	Href    string
	Current string // "page" on the section itself, "true" inside it, "" elsewhere
}

type termGroup struct {
	Title    string
	Refs     []link
	RefsHTML template.HTML // Refs by the theme's "termlink", joined (parts.go)
}

type placeholder struct {
	Name string
	Desc string
}

type handoutPage struct {
	ID   string
	Page *entry
	Body template.HTML
}

// env is what every view shares within one Render call.
type env struct {
	entries   map[*site.Page]*entry
	kindLabel map[string]string
	s         *site.Site
	th        *theme.Theme
	lang      string
	base      string
	search    bool
	taxLink   []link
	ts        *theme.Templates
	hasPart   map[string]bool // the theme defines the part (read-only once rendering starts)
	termParts sync.Map        // link -> *part: rendered term links (parts.go)
	valParts  sync.Map        // facetValue -> *part: rendered filter values (parts.go)
	navs      map[navState]navCache
	memo      bool // single-threaded: entry may add to entries (RenderPages)
}

func (e *env) tr(key, fallback string) string {
	if s, ok := e.th.Translate(e.lang, key); ok {
		return s
	}
	return fallback
}

// canonical returns the absolute URL of a site-relative one when base_url is
// set, else "" (a root-relative canonical link adds nothing).
func (e *env) canonical(u string) string {
	if e.s.Config.BaseURL == "" {
		return ""
	}
	return e.s.Config.BaseURL + strings.TrimPrefix(u, "/")
}

// base returns a view with the fields every page type fills the same way.
func (e *env) view(kind, title, u string) *view {
	v := &view{
		Site:           e.s,
		Config:         e.s.Config,
		Lang:           e.lang,
		Base:           e.base,
		Kind:           kind,
		Title:          title,
		URL:            u,
		Canonical:      e.canonical(u),
		SearchEnabled:  e.search,
		OfflineEnabled: e.s.Config.Offline.Enabled,
		Taxonomies:     e.taxLink,
	}
	v.Nav, v.NavKey = e.nav(e.navAt(u))
	return v
}

// buildEntries makes the entry of every page once, before the parallel
// part, and the navigation in each state.
func (e *env) buildEntries() {
	e.buildNav()
	e.kindLabel = map[string]string{}
	e.entries = make(map[*site.Page]*entry, len(e.s.Pages))
	for _, p := range e.s.Pages {
		e.entries[p] = e.newEntry(p, true)
	}
}

// newEntry builds p's entry; memo allows caching kind labels (only before
// the parallel part: the map is not locked).
func (e *env) newEntry(p *site.Page, memo bool) *entry {
	kind := string(p.Kind)
	if p.IsFolder {
		kind = "folder"
	}
	label, ok := e.kindLabel[kind]
	if !ok {
		label = e.tr("kind."+kind, kind)
		if memo {
			e.kindLabel[kind] = label
		}
	}
	en := &entry{Page: p, URL: p.URL, Href: e.href(p.URL), Title: p.Title, Summary: p.Summary,
		Kind: kind, KindLabel: label, Folder: p.IsFolder, Overdue: p.Overdue, Count: len(p.Children)}
	if !p.IsFolder {
		e.facetsOf(en, p)
	}
	return en
}

// entry returns p's entry. Render makes them all beforehand; RenderPages
// makes them on demand (memo) before its parallel part. A page missing
// from Site.Pages (which assembly should not produce) gets a fresh one.
func (e *env) entry(p *site.Page) *entry {
	if en := e.entries[p]; en != nil {
		return en
	}
	en := e.newEntry(p, e.memo)
	if e.memo {
		e.entries[p] = en
	}
	return en
}

func (e *env) list(pages []*site.Page) []*entry {
	if len(pages) == 0 {
		return nil
	}
	out := make([]*entry, 0, len(pages))
	for _, p := range pages {
		if p != nil {
			out = append(out, e.entry(p))
		}
	}
	return out
}

// href roots a site-relative URL at the base path (the url template function, in Go).
func (e *env) href(u string) string {
	if strings.HasPrefix(u, "/") {
		return e.base + u[1:]
	}
	return u
}

func (e *env) link(title, u string) link {
	return link{Title: title, URL: u, Href: e.href(u)}
}

func (e *env) homeCrumb() link {
	return e.link(e.tr("nav.home", "Home"), "/")
}

// pageKind is the view kind of a page: "home", "section" for folder pages,
// else its page kind.
func pageKind(s *site.Site, p *site.Page) string {
	switch {
	case p == s.Home || p.URL == "/":
		return "home"
	case p.IsFolder:
		return "section"
	}
	return string(p.Kind)
}

// pageView builds the view of a content, folder or home page.
func (e *env) pageView(p *site.Page) *view {
	kind := pageKind(e.s, p)
	v := e.view(kind, p.Title, p.URL)
	v.Page, v.Front = p, p.Page
	v.Children, v.UsedBy = e.list(p.Children), e.usages(p)
	v.Backlinks, v.Related = e.list(p.Backlinks), e.list(p.Related)
	v.IsHome = kind == "home"
	v.Description = p.Summary
	v.Summary = p.Summary
	if p.Doc != nil {
		v.Body = template.HTML(p.Doc.HTML) // trusted: the markdown converter escapes content
		v.HasCode = hasCode(p.Doc.HTML)
		if p.Summary == p.Doc.Summary {
			v.Summary = ""
		}
		v.Placeholders = e.placeholders(p.Doc.Placeholders)
	}
	if len(p.Breadcrumbs) > 0 {
		v.Crumbs = make([]link, len(p.Breadcrumbs))
		for i, c := range p.Breadcrumbs {
			v.Crumbs[i] = e.link(c.Title, c.URL)
			if c.URL == "/" {
				v.Crumbs[i] = e.homeCrumb()
			}
		}
	}
	v.Terms = e.terms(p.Terms)
	v.History = e.history(p, nil)
	v.Timing = e.timingOf(p)
	v.Cadence = e.cadenceOf(p)
	local := make(map[string]string, len(p.Handout))
	for i, h := range p.Handout {
		if h != nil {
			if _, dup := local[e.href(h.URL)]; !dup {
				local[e.href(h.URL)] = "handout-" + strconv.Itoa(i+1)
			}
		}
	}
	for i, h := range p.Handout {
		if h == nil {
			continue
		}
		hp := handoutPage{ID: "handout-" + strconv.Itoa(i+1), Page: e.entry(h)}
		if h.Doc != nil {
			// Trusted, as above; ids scoped so the pages do not collide.
			hp.Body = template.HTML(scope(h.Doc.HTML, hp.ID, local))
			v.HasCode = v.HasCode || hasCode(h.Doc.HTML)
			for _, ph := range e.placeholders(h.Doc.Placeholders) {
				v.Placeholders = addPlaceholder(v.Placeholders, ph)
			}
		}
		v.Handout = append(v.Handout, hp)
	}
	if v.IsHome {
		v.Sections = e.list(e.s.Sections)
		v.Recent = e.list(recent(e.s.Pages, 5))
	}
	return v
}

func hasCode(html []byte) bool { return bytes.Contains(html, []byte(`class="chroma"`)) }

func (e *env) placeholders(names []string) []placeholder {
	if len(names) == 0 {
		return nil
	}
	out := make([]placeholder, len(names))
	for i, n := range names {
		out[i] = placeholder{Name: n, Desc: e.s.Config.Placeholders[n]}
	}
	return out
}

func addPlaceholder(list []placeholder, p placeholder) []placeholder {
	for _, q := range list {
		if q.Name == p.Name {
			return list
		}
	}
	return append(list, p)
}

// terms groups a page's term links by taxonomy, in the site's taxonomy order.
func (e *env) terms(refs []site.TermRef) []termGroup {
	if len(refs) == 0 {
		return nil
	}
	var out []termGroup
	for _, tax := range e.s.Taxonomies {
		var g termGroup
		for _, r := range refs {
			if r.Taxonomy == tax.Name {
				g.Refs = append(g.Refs, e.link(r.Name, r.URL))
			}
		}
		if len(g.Refs) > 0 {
			g.Title = e.tr("taxonomy."+tax.Name, tax.Name)
			out = append(out, g)
		}
	}
	return out
}

// recent returns up to n content pages by Updated, newest first (ties by URL).
func recent(pages []*site.Page, n int) []*site.Page {
	var out []*site.Page
	for _, p := range pages {
		if p.IsFolder || p.Updated.IsZero() || p.URL == "/" {
			continue
		}
		// Insertion into a short sorted slice: O(pages * n), no full sort.
		i := len(out)
		for i > 0 && newer(p, out[i-1]) {
			i--
		}
		if i >= n {
			continue
		}
		out = append(out, nil)
		copy(out[i+1:], out[i:])
		out[i] = p
		if len(out) > n {
			out = out[:n]
		}
	}
	return out
}

func newer(a, b *site.Page) bool {
	if !a.Updated.Equal(b.Updated) {
		return a.Updated.After(b.Updated)
	}
	return a.URL < b.URL
}

// Package site assembles typed pages and their converted bodies into a Site:
// folder pages, navigation, taxonomies, backlinks, related pages, and the
// cross-page checks (links, anchors, cadence templates, workshop pages).
package site

import (
	"time"

	"playbook/generator/config"
	"playbook/generator/content"
	"playbook/generator/markdown"
	"playbook/generator/page"
	"playbook/generator/versions"
)

// Site is the whole assembled playbook, ready to render.
type Site struct {
	Config *config.Config
	// Now is the build date, used to mark pages past review_by as overdue.
	Now time.Time

	// Pages holds every page: content pages, folder pages and the home page, sorted by URL.
	Pages    []*Page
	Home     *Page
	ByURL    map[string]*Page // by Page.URL (site-relative, e.g. "/objections/")
	BySource map[string]*Page // by page.Page.Source

	// Sections are the top-level folder pages, in navigation order (weight, then title).
	Sections []*Page
	// Taxonomies are tags, personas and stages, each with a listing page per term.
	Taxonomies []*Taxonomy
	// Files are the non-Markdown files from content/, copied as they are.
	Files []content.File
	// Aliases are redirect pages: From (an old URL) redirects to To.
	Aliases []Alias
	// HistoryNote says in one line what Git history is missing ("" when
	// nothing is); the build sets it.
	HistoryNote string
}

// Page is one page of the site with everything its templates need.
type Page struct {
	*page.Page
	// Doc is the converted body (an empty Document for a folder page without text).
	Doc *markdown.Document

	Parent      *Page   // nil for the home page
	Breadcrumbs []*Page // from the home page down to Parent
	Children    []*Page // folder pages: direct children, by weight then title
	Backlinks   []*Page // pages linking here, by title
	Related     []*Page // pages sharing tags or stage, best first, at most 5
	UsedBy      []*Page // cadences whose steps use this page as a template
	StepPages   []*Page // cadences: the template page of each step (nil where none), aligned with Cadence.Steps
	Handout     []*Page // workshops: the listed pages in order
	Overdue     bool    // ReviewBy is set and before Site.Now
	Terms       []TermRef
	// Versions are the page's versions from Git, oldest first; the build
	// sets them after Assemble. Empty outside Git. Current is the last one.
	Versions []*versions.Version
	Current  *versions.Version
}

// TermRef is one taxonomy term a page carries, for links on the page.
type TermRef struct {
	Taxonomy string // "tags", "personas", "stages"
	Name     string // as written ("kein budget"), or the stage label
	URL      string
}

// Taxonomy is one classification with its terms.
type Taxonomy struct {
	Name  string // "tags", "personas", "stages"
	URL   string // "/tags/"
	Terms []*Term
}

// Term is one value of a taxonomy with the pages that carry it.
type Term struct {
	Name  string // display name
	Slug  string
	URL   string // "/tags/kein-budget/"
	Pages []*Page
}

// Alias is a redirect page.
type Alias struct {
	From string // site-relative URL, "/old/path/"
	To   string // site-relative URL of the page
	Page *Page
}

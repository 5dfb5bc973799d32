// Package markdown converts a page body to HTML with goldmark: GFM, footnotes,
// heading ids, GitHub alerts, script cards, interactive checklists, checked
// relative links and chroma highlighting. It knows nothing about pages: what
// it needs from the site comes in through Context.
package markdown

import "playbook/generator/diag"

// Options are fixed for a whole build.
type Options struct {
	// UnsafeHTML passes raw HTML through; otherwise it is escaped.
	UnsafeHTML bool
	// Placeholders are the declared placeholder names (playbook.toml [placeholders]);
	// a script using another name gets a warning.
	Placeholders map[string]string
	// WPM is the speaking rate used to time scripts (words per minute).
	WPM int
	// Lang is the interface language ("de" or "en") for labels the converter writes
	// (script card, copy button, alert titles).
	Lang string
}

// Resolver maps link targets to URLs. Paths are slash paths relative to
// content/, already joined with the linking page's folder and cleaned.
type Resolver interface {
	// Page returns the URL of the page whose source is path ("objections/x.md").
	Page(path string) (url string, ok bool)
	// File returns the URL of a non-Markdown file in content/ ("objections/bild.png").
	File(path string) (url string, ok bool)
}

// Context is what one conversion needs to know about its document.
type Context struct {
	// Path is the source path relative to content/ ("objections/x.md"); links resolve from its folder.
	Path string
	// File is the path used in diagnostics ("content/objections/x.md").
	File string
	// Line is the file line of the body's first line, so diagnostics point into the file.
	Line int
	// Resolver resolves relative links; nil means every relative link is left as written.
	Resolver Resolver
}

// Document is the result of converting one body.
type Document struct {
	HTML []byte

	Headings []Heading
	Sections []Section
	Scripts  []Script
	Tasks    []Task
	Links    []Link
	// Placeholders lists every placeholder name used in scripts, once each, in order of use.
	Placeholders []string
	// Summary is the plain text of the first paragraph (for cards when front matter has none).
	Summary string
	// Text is the whole body as plain text (for search and word counts).
	Text string

	Diags diag.List
}

// Heading is one heading with its anchor id.
type Heading struct {
	Level int
	ID    string
	Text  string
	Line  int // file line
}

// Section is the plain text under one heading; the first Section (ID "") holds
// the text before the first heading.
type Section struct {
	ID      string
	Heading string
	Text    string
}

// Script is one ```script block.
type Script struct {
	// Text is the script as written, placeholders included.
	Text         string
	Words        int
	Seconds      int // estimated speaking time at Options.WPM
	Placeholders []string
	Line         int // file line of the opening fence
}

// Task is one task-list item.
type Task struct {
	// ID is a short stable hash of the item's normalised text (lower case,
	// collapsed white space), so reordering keeps ticks and rewording resets one item.
	ID      string
	Text    string
	Checked bool // ticked in the source
	Line    int
}

// Link is one relative link to another page of the playbook.
type Link struct {
	Target string // source path of the target page ("objections/x.md")
	Anchor string // without '#', "" when none
	Line   int
}

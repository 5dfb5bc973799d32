// Package content reads the content/ folder of a playbook and splits each
// Markdown file into front matter and body, recording where the body starts.
package content

import "time"

// Format is the front-matter syntax of a source file.
type Format int

const (
	NoFrontMatter Format = iota
	TOML                 // between +++ lines
	YAML                 // between --- lines
)

// Source is one Markdown file split into its parts. Split normalises the file
// first: a leading UTF-8 BOM is dropped and CRLF/CR line ends become LF.
type Source struct {
	// Path is the slash path relative to content/, e.g. "objections/preis/zu-teuer.md".
	Path   string
	Format Format
	// Front is the front matter without its delimiter lines.
	Front []byte
	// FrontLine is the 1-based file line of Front's first line (0 without front matter).
	FrontLine int
	// Body is the Markdown after the front matter.
	Body []byte
	// BodyLine is the 1-based file line of Body's first line.
	BodyLine int
}

// File is a non-Markdown file found in content/ (an image, a PDF, ...), copied
// to the site at the same relative path.
type File struct {
	Path string // slash path relative to content/
	Data []byte
}

// Tree is everything read from content/.
type Tree struct {
	// Pages maps a slash path relative to content/ to the raw bytes of a .md file.
	Pages map[string][]byte
	// Files are the other files, sorted by path.
	Files []File
	// ModTimes maps a page's path (as in Pages) to the file's modification
	// time where the file system reports one: the last-resort "updated"
	// date of a page that neither says nor has Git history.
	ModTimes map[string]time.Time
}

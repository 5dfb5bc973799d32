package serve

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"mime"
	"net/http"
	"path"
	"slices"
	"strings"

	"playbook/generator/output"
)

// liveTag is injected before </body> of every HTML page served.
const liveTag = `<script src="/_playbook/live.js" defer></script>`

// Site is an immutable snapshot of a built site, as served.
type Site struct {
	id    string
	files map[string]*entry
	paths []string // the keys of files, sorted; shared between snapshots, never modified
}

// entry is one file of a Site. Entries are shared between snapshots when the
// bytes did not change, so they must never be modified.
type entry struct {
	data   []byte
	etag   string // quoted, strong
	ctype  string
	inject int // where liveTag goes in an HTML page; -1 for other files
}

// ID identifies the content of the snapshot: equal content, equal ID, even
// across server restarts.
func (s *Site) ID() string { return s.id }

// Len is the number of files.
func (s *Site) Len() int { return len(s.files) }

// newSite indexes files, reusing prev's entries (and so their hashes) for
// files whose bytes did not change. The Data slices are kept, not copied.
func newSite(files []output.File, prev *Site) *Site {
	s := &Site{files: make(map[string]*entry, len(files))}
	for _, f := range files {
		var old *entry
		if prev != nil {
			old = prev.files[f.Path]
		}
		s.files[f.Path] = entryFor(f, old)
	}
	s.setID()
	return s
}

// with is s with some files replaced or added.
func (s *Site) with(files []output.File) *Site {
	cur := &Site{files: maps.Clone(s.files), paths: s.paths}
	for _, f := range files {
		old := cur.files[f.Path]
		if old == nil {
			cur.paths = nil // a new path: sort again
		}
		cur.files[f.Path] = entryFor(f, old)
	}
	cur.setID()
	return cur
}

// setID hashes the paths and etags, so equal content has an equal ID
// however it was published.
func (s *Site) setID() {
	if s.paths == nil {
		s.paths = make([]string, 0, len(s.files))
		for p := range s.files {
			s.paths = append(s.paths, p)
		}
		slices.Sort(s.paths)
	}
	h := sha256.New()
	for _, p := range s.paths {
		h.Write([]byte(p))
		h.Write([]byte{0})
		h.Write([]byte(s.files[p].etag))
	}
	s.id = hex.EncodeToString(h.Sum(nil)[:8])
}

// entryFor is old when it holds f's bytes, so unchanged files keep their
// entry (and hash), else a new entry.
func entryFor(f output.File, old *entry) *entry {
	if old != nil && bytes.Equal(old.data, f.Data) {
		return old
	}
	return newEntry(f.Path, f.Data)
}

func newEntry(name string, data []byte) *entry {
	sum := sha256.Sum256(data)
	e := &entry{
		data:   data,
		etag:   `"` + hex.EncodeToString(sum[:12]) + `"`,
		ctype:  contentType(name, data),
		inject: -1,
	}
	if isHTML(name) {
		e.inject = bodyEnd(data)
	}
	return e
}

// body returns the bytes to send: HTML pages get the live-reload script.
func (e *entry) body() []byte {
	if e.inject < 0 {
		return e.data
	}
	out := make([]byte, 0, len(e.data)+len(liveTag))
	out = append(out, e.data[:e.inject]...)
	out = append(out, liveTag...)
	return append(out, e.data[e.inject:]...)
}

func isHTML(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".html" || ext == ".htm"
}

// bodyEnd finds the last "</body" (any case), or the end of data when there
// is none: browsers run a script placed after </html> all the same.
func bodyEnd(data []byte) int {
	const tag = "</body"
	for i := len(data) - len(tag); i >= 0; i-- {
		if data[i] == '<' && bytes.EqualFold(data[i:i+len(tag)], []byte(tag)) {
			return i
		}
	}
	return len(data)
}

// types fixes the common types instead of trusting the system's mime tables,
// which differ between machines.
var types = map[string]string{
	".html": "text/html; charset=utf-8", ".htm": "text/html; charset=utf-8",
	".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
	".mjs": "text/javascript; charset=utf-8", ".json": "application/json",
	".map": "application/json", ".webmanifest": "application/manifest+json",
	".xml": "application/xml; charset=utf-8", ".txt": "text/plain; charset=utf-8",
	".md": "text/plain; charset=utf-8", ".svg": "image/svg+xml",
	".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
	".gif": "image/gif", ".webp": "image/webp", ".avif": "image/avif",
	".ico": "image/x-icon", ".woff": "font/woff", ".woff2": "font/woff2",
	".ttf": "font/ttf", ".otf": "font/otf", ".pdf": "application/pdf",
	".mp4": "video/mp4", ".webm": "video/webm", ".mp3": "audio/mpeg",
	".wasm": "application/wasm",
}

func contentType(name string, data []byte) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := types[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return http.DetectContentType(data)
}

// Changes says what a Publish changed, as URL paths under the base path.
type Changes struct {
	Pages []string // HTML pages added, changed or removed ("/x/" for x/index.html)
	CSS   []string // stylesheets added, changed or removed
	Other []string // everything else
}

// Empty reports whether nothing changed.
func (c Changes) Empty() bool { return len(c.Pages)+len(c.CSS)+len(c.Other) == 0 }

// CSSOnly reports whether stylesheets changed and nothing else did.
func (c Changes) CSSOnly() bool { return len(c.CSS) > 0 && len(c.Pages)+len(c.Other) == 0 }

// changes compares two snapshots. Shared entries mean equal bytes, so the
// common case costs a pointer comparison.
func changes(old, cur *Site, base string) Changes {
	var c Changes
	add := func(name string) {
		u := urlPath(base, name)
		switch {
		case isHTML(name):
			c.Pages = append(c.Pages, u)
		case strings.EqualFold(path.Ext(name), ".css"):
			c.CSS = append(c.CSS, u)
		default:
			c.Other = append(c.Other, u)
		}
	}
	for name, e := range cur.files {
		if old.files[name] != e {
			add(name)
		}
	}
	for name := range old.files {
		if cur.files[name] == nil {
			add(name)
		}
	}
	slices.Sort(c.Pages)
	slices.Sort(c.CSS)
	slices.Sort(c.Other)
	return c
}

// urlPath is the URL path a file is reached at: "a/index.html" -> base+"a/".
func urlPath(base, name string) string {
	if name == "index.html" {
		return base
	}
	if strings.HasSuffix(name, "/index.html") {
		return base + strings.TrimSuffix(name, "index.html")
	}
	return base + name
}

// reloadsAll reports whether a changed non-page file can affect any page
// (scripts, images, fonts). Data files such as the search index are fetched
// on demand, so a change there needs no reload.
func reloadsAll(other []string) bool {
	for _, u := range other {
		switch strings.ToLower(path.Ext(u)) {
		case ".json", ".xml", ".txt", ".map", ".md", ".webmanifest":
		default:
			return true
		}
	}
	return false
}

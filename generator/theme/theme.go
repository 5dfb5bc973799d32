// Package theme loads a site theme: the embedded default theme overlaid file
// by file by themes/<name>/ from the playbook folder. It parses the templates
// with html/template, gives static assets content-hashed names and loads the
// interface strings (i18n) for the `t` template function.
//
// A theme folder holds:
//
//	templates/baseof.html        the page skeleton; calls {{template "main" .}}
//	templates/partials/*.html    shared named templates (header, nav, footer, card, ...)
//	templates/<name>.html        one per page type: page, <kind>, home, section,
//	                             taxonomy, term, search, 404, alias
//	assets/...                   static files, written with hashed names
//	i18n/<lang>.toml             interface strings, key = "text"
//
// A page template that defines "main" is rendered through baseof.html; one
// that does not is a whole document of its own (alias.html).
//
// Template functions: asset "style.css" (hashed URL), hasAsset, t "key" args…
// (interface string), tn "key" n (key.one / key.other), url "/x/" (rooted at
// the base path), date, isodate, seconds, add, dict, lang, and
// partialCached "name" key data (render once per key and build; baseof.html
// uses it for the header, footer and head assets).
package theme

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"testing/fstest"

	"playbook/themes"
)

// DefaultName is the embedded theme's name.
const DefaultName = "default"

// Theme is a loaded theme, immutable after Load and safe for concurrent use.
type Theme struct {
	// Name is the theme's name from playbook.toml.
	Name string
	// Hash identifies the merged theme files, for build caches.
	Hash string

	files  fstest.MapFS        // the merged theme, by path inside the theme folder
	origin map[string]string   // path -> "disk" or "embedded"
	sets   map[string]*tmplSet // page template file name -> parsed set
	assets *assetTable
	i18n   map[string]map[string]string // lang -> key -> text
	pool   *bindPool                    // bound templates for reuse (cache.go)
}

// Load returns the theme called name: the embedded default overlaid file by
// file by themes/<name>/ in disk (the playbook root; may be nil). A name other
// than "default" must exist on disk. A Cache avoids loading an unchanged
// theme again.
func Load(disk fs.FS, name string) (*Theme, error) {
	name, overlay, err := readOverlay(disk, name)
	if err != nil {
		return nil, err
	}
	return assemble(name, overlay)
}

// readOverlay validates name and reads themes/<name>/ from disk: path inside
// the theme folder -> content, nil when the folder does not exist.
func readOverlay(disk fs.FS, name string) (string, map[string][]byte, error) {
	if name == "" {
		name = DefaultName
	}
	if !fs.ValidPath(name) || strings.Contains(name, "/") || name == "." {
		return "", nil, fmt.Errorf("theme %q: not a plain folder name", name)
	}
	var overlay map[string][]byte
	if disk != nil {
		dir := "themes/" + name
		if st, err := fs.Stat(disk, dir); err == nil && st.IsDir() {
			sub, err := fs.Sub(disk, dir)
			if err != nil {
				return "", nil, fmt.Errorf("theme %q: %w", name, err)
			}
			overlay = map[string][]byte{}
			if err := readAll(overlay, sub); err != nil {
				return "", nil, fmt.Errorf("theme %q: reading %s: %w", name, dir, err)
			}
		} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return "", nil, fmt.Errorf("theme %q: %w", name, err)
		}
	}
	if overlay == nil && name != DefaultName {
		return "", nil, fmt.Errorf("theme %q: folder themes/%s not found (only %q is built in)", name, name, DefaultName)
	}
	return name, overlay, nil
}

// assemble overlays the disk files on the embedded default and parses the
// result.
func assemble(name string, overlay map[string][]byte) (*Theme, error) {
	base, err := fs.Sub(themes.Default, DefaultName)
	if err != nil {
		return nil, fmt.Errorf("theme: embedded default: %w", err)
	}
	embedded := map[string][]byte{}
	if err := readAll(embedded, base); err != nil {
		return nil, fmt.Errorf("theme: embedded default: %w", err)
	}
	files := fstest.MapFS{}
	origin := map[string]string{}
	for _, layer := range []struct {
		files map[string][]byte
		from  string
	}{{embedded, "embedded"}, {overlay, "disk"}} {
		for p, data := range layer.files {
			files[p] = &fstest.MapFile{Data: data, Mode: 0o444}
			origin[p] = layer.from
		}
	}

	t := &Theme{Name: name, files: files, origin: origin, pool: &bindPool{}}
	t.Hash = hashFiles(files)
	if t.assets, err = loadAssets(files); err != nil {
		return nil, fmt.Errorf("theme %q: %w", name, err)
	}
	if t.i18n, err = loadI18n(files); err != nil {
		return nil, fmt.Errorf("theme %q: %w", name, err)
	}
	if t.sets, err = parseTemplates(files); err != nil {
		return nil, fmt.Errorf("theme %q: %w", name, err)
	}
	return t, nil
}

// FS returns the merged theme files (read-only by convention).
func (t *Theme) FS() fs.FS { return t.files }

// Lookup returns the page template file for a page of the given kind:
// "<kind>.html" when the theme has it, else "page.html". The disk theme's
// file wins over the embedded one, because the overlay replaced it.
func (t *Theme) Lookup(kind string) string {
	if name := kind + ".html"; t.sets[name] != nil {
		return name
	}
	return "page.html"
}

// Origin tells where a theme file came from: "disk", "embedded" or "" when
// absent. name is a path inside the theme ("templates/page.html").
func (t *Theme) Origin(name string) string { return t.origin[name] }

// Has reports whether the theme has the page template file name ("term.html").
func (t *Theme) Has(name string) bool { return t.sets[name] != nil }

// readAll adds every regular file of src to dst.
func readAll(dst map[string][]byte, src fs.FS) error {
	return fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !d.Type().IsRegular() {
			return nil
		}
		data, err := fs.ReadFile(src, p)
		if err != nil {
			return err
		}
		dst[p] = data
		return nil
	})
}

func hashFiles(files fstest.MapFS) string {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		fmt.Fprintf(h, "%s\x00%d\x00", n, len(files[n].Data))
		h.Write(files[n].Data)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// filesUnder lists the files below dir (slash path, no trailing slash), sorted.
func filesUnder(files fstest.MapFS, dir string) []string {
	var out []string
	for n := range files {
		if strings.HasPrefix(n, dir+"/") {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

// isTopLevel reports whether p is directly inside dir.
func isTopLevel(p, dir string) bool {
	return path.Dir(p) == dir
}

// Package scaffold writes new pages and new playbooks from templates
// (playbook new, playbook init). It never overwrites a file.
package scaffold

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"text/template"
	"time"

	"playbook/generator/config"
	"playbook/generator/page"
)

//go:embed skeletons/*.md
var skeletons embed.FS

// sectionFor is the folder a new page of each kind goes to.
var sectionFor = map[page.Kind]string{
	page.KindObjection: "objections",
	page.KindPitch:     "pitches",
	page.KindCadence:   "cadences",
	page.KindVoicemail: "voicemails",
	page.KindRetention: "retention",
	page.KindChecklist: "checklists",
	page.KindWorkshop:  "workshops",
	page.KindPage:      "",
}

// placeholderPrefs are the placeholder names a skeleton's script greets
// with, in order of preference, when playbook.toml declares them.
var placeholderPrefs = []string{"Vorname", "FirstName", "Firstname", "Name"}

// Page renders the skeleton of a page of kind with title, to be stored at
// rel (a slash path relative to content/, see PagePath). cfg decides the
// language of the headings, which sales stage is filled in (only a
// configured one) and which placeholder the script uses (only a declared
// one), so a new page passes `playbook check` apart from the text still
// to be written. A nil cfg means the defaults.
func Page(kind page.Kind, title, rel string, cfg *config.Config, today time.Time) ([]byte, error) {
	if _, ok := sectionFor[kind]; !ok {
		return nil, fmt.Errorf("unknown kind %q", kind)
	}
	if cfg == nil {
		cfg = config.Default()
	}
	src, err := fs.ReadFile(skeletons, "skeletons/"+string(kind)+".md")
	if err != nil {
		return nil, err
	}
	funcs := template.FuncMap{
		"stage": func(id string) string {
			if cfg.HasStage(id) {
				return id
			}
			return ""
		},
	}
	t, err := template.New(string(kind)).Funcs(funcs).Option("missingkey=error").Parse(string(src))
	if err != nil {
		return nil, err
	}
	section, _, _ := strings.Cut(rel, "/")
	if !strings.Contains(rel, "/") {
		section = ""
	}
	var b bytes.Buffer
	err = t.Execute(&b, struct {
		Title       string
		Date        string
		DE          bool
		Placeholder string
		KindLine    bool // the folder alone would give the page another kind
	}{
		Title:       tomlString(title),
		Date:        today.Format(time.DateOnly),
		DE:          cfg.Language != "en",
		Placeholder: greeting(cfg),
		KindLine:    page.KindForSection(section) != kind,
	})
	return b.Bytes(), err
}

// greeting is the placeholder a skeleton script starts with, "" when
// playbook.toml declares none.
func greeting(cfg *config.Config) string {
	for _, n := range placeholderPrefs {
		if _, ok := cfg.Placeholders[n]; ok {
			return "{{" + n + "}}"
		}
	}
	if names := cfg.SortedPlaceholders(); len(names) > 0 {
		return "{{" + names[0] + "}}"
	}
	return ""
}

// PagePath is where `playbook new` puts a page, as a slash path relative
// to content/: "<folder>/<slug>.md", with folder the kind's section
// ("objections") unless the author names one. The file name is
// page.Slug(title), so it is already the page's URL segment: "Zu teuer für
// uns" → "zu-teuer-fuer-uns.md". Each segment of a named folder is slugged
// the same way, except where content/ already holds a folder with the same
// slug: that folder is reused, so "Preis" finds "preis/".
func PagePath(content fs.FS, kind page.Kind, folder, title string) (string, error) {
	if folder == "" {
		folder = sectionFor[kind]
	}
	folder = strings.ReplaceAll(folder, `\`, "/")
	folder = strings.Trim(folder, "/")
	if folder == "content" || strings.HasPrefix(folder, "content/") {
		// Authors type the path they see in the file tree.
		folder = strings.TrimPrefix(strings.TrimPrefix(folder, "content"), "/")
	}
	var segs []string
	for seg := range strings.SplitSeq(folder, "/") {
		switch seg {
		case "", ".":
			continue
		case "..":
			return "", fmt.Errorf("folder %q leaves content/: name a folder inside it", folder)
		}
		segs = append(segs, existingDir(content, path.Join(segs...), seg))
	}
	return path.Join(append(segs, page.Slug(title)+".md")...), nil
}

// existingDir returns the name of the folder in dir whose slug equals seg's,
// or seg's slug when there is none.
func existingDir(content fs.FS, dir, seg string) string {
	want := page.Slug(seg)
	if content == nil {
		return want
	}
	if dir == "" {
		dir = "."
	}
	entries, err := fs.ReadDir(content, dir)
	if err != nil {
		return want
	}
	for _, e := range entries {
		if e.IsDir() && e.Name() == seg {
			return seg
		}
	}
	for _, e := range entries {
		if e.IsDir() && page.Slug(e.Name()) == want {
			return e.Name()
		}
	}
	return want
}

// Collision returns the file or folder in content that already has the URL
// of the new page rel ("objections/Zu Teuer.md" or "objections/zu-teuer/"
// for "objections/zu-teuer.md"), or "" when the URL is free. A new page
// must not silently become a folder's text or a second source for a URL.
func Collision(content fs.FS, rel string) string {
	dir, name := path.Split(rel)
	dir = strings.TrimSuffix(dir, "/")
	want := page.URLFor(rel)
	list := dir
	if list == "" {
		list = "."
	}
	entries, err := fs.ReadDir(content, list)
	if err != nil {
		return ""
	}
	for _, e := range entries {
		if e.Name() == name {
			return path.Join(dir, name)
		}
	}
	for _, e := range entries {
		n := e.Name()
		switch {
		case e.IsDir() && page.URLFor(path.Join(dir, n, "_index.md")) == want:
			return path.Join(dir, n) + "/"
		case !e.IsDir() && strings.HasSuffix(n, ".md") && page.URLFor(path.Join(dir, n)) == want:
			return path.Join(dir, n)
		}
	}
	return ""
}

// tomlString escapes s for use inside a basic TOML string.
func tomlString(s string) string {
	var b bytes.Buffer
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\u%04X", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// ErrExists is returned when a file to be written is already there.
var ErrExists = errors.New("already exists")

// WriteNew writes data to name, creating folders, and refuses to overwrite.
func WriteNew(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s %w: not overwritten", name, ErrExists)
		}
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

//go:embed all:starter
var starter embed.FS

// keepable are starter files an existing folder (a fresh Git repository)
// may already have; init keeps the folder's own and writes the rest.
var keepable = map[string]bool{"README.md": true, ".gitignore": true}

// Init writes a new playbook into dir: config, example pages of every kind
// and a README for authors. It refuses a folder that already holds a
// playbook.toml or a content/ folder, or any other file it would write,
// and then writes nothing. A README.md or .gitignore already there is kept
// and listed in kept.
func Init(dir string) (written, kept []string, err error) {
	for _, name := range []string{"playbook.toml", "content"} {
		if _, err := os.Lstat(filepath.Join(dir, name)); err == nil {
			return nil, nil, fmt.Errorf("%s %w: playbook init does not overwrite", filepath.Join(dir, name), ErrExists)
		}
	}
	type item struct {
		target string
		data   []byte
	}
	var todo []item
	err = fs.WalkDir(starter, "starter", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel := strings.TrimPrefix(p, "starter/")
		target := filepath.Join(dir, filepath.FromSlash(rel))
		if _, serr := os.Lstat(target); serr == nil {
			if keepable[rel] {
				kept = append(kept, target)
				return nil
			}
			return fmt.Errorf("%s %w: playbook init does not overwrite", target, ErrExists)
		}
		data, err := starter.ReadFile(p)
		if err != nil {
			return err
		}
		todo = append(todo, item{target, data})
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	for _, it := range todo {
		if err := WriteNew(it.target, it.data); err != nil {
			return written, kept, err
		}
		written = append(written, it.target)
	}
	return written, kept, nil
}

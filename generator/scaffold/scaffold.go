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
	"path/filepath"
	"text/template"
	"time"

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

// Page renders the skeleton of a page of kind with title. lang is "de" or "en".
func Page(kind page.Kind, title, lang string, today time.Time) ([]byte, error) {
	if _, ok := sectionFor[kind]; !ok {
		return nil, fmt.Errorf("unknown kind %q", kind)
	}
	src, err := fs.ReadFile(skeletons, "skeletons/"+string(kind)+".md")
	if err != nil {
		return nil, err
	}
	t, err := template.New(string(kind)).Parse(string(src))
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	err = t.Execute(&b, struct {
		Title string
		Date  string
		DE    bool
	}{tomlString(title), today.Format("2006-01-02"), lang != "en"})
	return b.Bytes(), err
}

// PagePath is where `playbook new` puts a page: content/<section>/<slug>.md.
func PagePath(kind page.Kind, title string) string {
	return filepath.Join("content", sectionFor[kind], page.Slug(title)+".md")
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

// Init writes a new playbook into dir: config, example pages of every kind and
// a README for authors. It refuses to touch a folder that already holds a
// playbook.toml or a content/ folder, and writes nothing in that case.
func Init(dir string) ([]string, error) {
	for _, name := range []string{"playbook.toml", "content"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			return nil, fmt.Errorf("%s %w: playbook init does not overwrite", filepath.Join(dir, name), ErrExists)
		}
	}
	var written []string
	err := fs.WalkDir(starter, "starter", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := starter.ReadFile(p)
		if err != nil {
			return err
		}
		rel := p[len("starter/"):]
		target := filepath.Join(dir, filepath.FromSlash(rel))
		if err := WriteNew(target, data); err != nil {
			return err
		}
		written = append(written, target)
		return nil
	})
	return written, err
}

package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"playbook/generator/build"
)

// TestServeEqualsCleanBuild drives the real watcher with a burst of edits
// of every sort (bodies, titles, summaries, tags, new, removed and renamed
// pages), some faster than a rebuild, and then holds every file the server
// answers with to a clean build of the same folder: early renders and
// memoised rebuilds must add up to exactly the site a fresh build makes.
func TestServeEqualsCleanBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a server")
	}
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	toml, err := os.ReadFile("../../playbook.toml")
	if err != nil {
		t.Fatal(err)
	}
	// serve never makes a service worker; neither may the clean build.
	off := bytes.Replace(toml, []byte("[offline]\nenabled = true"), []byte("[offline]\nenabled = false"), 1)
	if bytes.Equal(off, toml) {
		t.Fatal("the example playbook.toml has no [offline] enabled = true to turn off: adjust this test")
	}
	toml = off
	saveFile(t, filepath.Join(dir, "playbook.toml"), string(toml))
	base := startServe(t, dir)

	obj := filepath.Join(dir, "content/objections")
	rng := rand.New(rand.NewSource(7))
	edit := func(name string, f func(string) string) {
		p := filepath.Join(obj, name)
		data, err := os.ReadFile(p)
		if err != nil {
			return // removed by an earlier step
		}
		saveFile(t, p, f(string(data)))
	}
	for i := 0; i < 40; i++ {
		switch rng.Intn(8) {
		case 0, 1, 2:
			edit("kein-budget.md", func(s string) string { return s + fmt.Sprintf("\nAbsatz %d.\n", i) })
		case 3:
			edit("keine-zeit.md", func(s string) string {
				return strings.Replace(s, "title: \"", fmt.Sprintf("title: \"%d ", i), 1)
			})
		case 4:
			edit("chef-fragen.md", func(s string) string {
				return strings.Replace(s, "summary: \"", fmt.Sprintf("summary: \"%d ", i), 1)
			})
		case 5:
			edit("kein-bedarf.md", func(s string) string {
				return strings.Replace(s, "tags: [", fmt.Sprintf("tags: [neu%d, ", i), 1)
			})
		case 6:
			saveFile(t, filepath.Join(obj, fmt.Sprintf("neu-%d.md", i)), fmt.Sprintf("---\ntitle: \"Neu %d\"\ntags: [einwand]\n---\n\nSiehe [kein Budget](kein-budget.md).\n", i))
		case 7:
			if m, _ := filepath.Glob(filepath.Join(obj, "neu-*.md")); len(m) > 0 {
				if rng.Intn(2) == 0 {
					os.Remove(m[0])
				} else {
					os.Rename(m[0], strings.TrimSuffix(m[0], ".md")+"-umbenannt.md")
				}
			}
		}
		time.Sleep(time.Duration(rng.Intn(40)) * time.Millisecond)
	}

	res, err := build.New().Build(context.Background(), build.Input{Dir: dir, Now: time.Now()})
	if err != nil {
		t.Fatalf("clean build: %v", err)
	}
	var differ []string
	deadline := time.Now().Add(60 * time.Second)
	for {
		differ = differ[:0]
		for _, f := range res.Files {
			if !bytes.Equal(fetch(t, base, f.Path), f.Data) {
				differ = append(differ, f.Path)
			}
		}
		if len(differ) == 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	sort.Strings(differ)
	if len(differ) > 0 {
		t.Fatalf("%d files served differ from a clean build, e.g. %v", len(differ), differ[:min(len(differ), 10)])
	}
	// Pages removed or renamed are gone from the server too.
	for i := 0; i < 40; i++ {
		name := fmt.Sprintf("neu-%d", i)
		if _, err := os.Stat(filepath.Join(obj, name+".md")); err == nil {
			continue
		}
		if fetch(t, base, "objections/"+name+"/index.html") != nil {
			t.Errorf("objections/%s/ is served, but its file is gone", name)
		}
	}
}

// fetch gets a file of the served site without the live-reload script the
// server adds to pages.
func fetch(t *testing.T, base, path string) []byte {
	t.Helper()
	u := base + strings.TrimSuffix(path, "index.html")
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return nil
	}
	return bytes.Replace(b, []byte(`<script src="/_playbook/live.js" defer></script>`), nil, 1)
}

package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"path"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"playbook/generator/diag"
	"playbook/generator/output"
)

var fixedNow = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

// loadTxtar turns a txtar archive in testdata into an in-memory playbook.
func loadTxtar(t testing.TB, name string) fstest.MapFS {
	t.Helper()
	ar, err := txtar.ParseFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range ar.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	return fsys
}

func files(res *Result) map[string][]byte {
	m := make(map[string][]byte, len(res.Files))
	for _, f := range res.Files {
		m[f.Path] = f.Data
	}
	return m
}

func TestBuildSite(t *testing.T) {
	fsys := loadTxtar(t, "site.txtar")
	res, err := New().Build(context.Background(), Input{FS: fsys, Now: fixedNow})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	got := files(res)
	for _, p := range []string{
		"index.html", "404.html", "sitemap.xml",
		"objections/index.html", "objections/kein-budget/index.html", "objections/preis/index.html",
		"objections/preis/zu-teuer/index.html", "objections/preis/bild.png",
		"cadences/neuer-lead/index.html", "voicemails/erstkontakt/index.html",
		"tags/budget/index.html", "alt/budget/index.html", "search/manifest.json",
	} {
		if _, ok := got[p]; !ok {
			t.Errorf("missing output %s", p)
		}
	}
	if _, ok := got["objections/entwurf/index.html"]; ok {
		t.Error("draft page was built without Drafts")
	}
	page := string(got["objections/kein-budget/index.html"])
	for _, want := range []string{`lang="de"`, "Wir haben kein Budget", `data-script`, `data-task=`, `href="/objections/preis/zu-teuer/#antwort"`} {
		if !strings.Contains(page, want) {
			t.Errorf("kein-budget page lacks %q", want)
		}
	}
	if strings.Contains(page, "<script>alert") {
		t.Error("raw HTML from content passed through")
	}
	if res.Stats.Converted != res.Stats.Pages {
		t.Errorf("first build converted %d of %d pages", res.Stats.Converted, res.Stats.Pages)
	}
	// A cadence step's template page knows the cadence that uses it.
	if !strings.Contains(string(got["voicemails/erstkontakt/index.html"]), "/cadences/neuer-lead/") {
		t.Error("template page does not link the cadence using it")
	}
}

func TestBuildErrors(t *testing.T) {
	fsys := loadTxtar(t, "site.txtar")
	fsys["playbook.toml"].Data = append([]byte("titel = \"typo\"\n"), fsys["playbook.toml"].Data...)
	fsys["content/objections/kaputt.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"K\"\nstage = \"irgendwo\"\n+++\n\n[weg](nicht-da.md)\n")}
	fsys["content/checklists/unterminated.md"] = &fstest.MapFile{Data: []byte("---\ntitle: x\n")}
	_, err := New().Build(context.Background(), Input{FS: fsys, Now: fixedNow})
	var list diag.List
	if !errors.As(err, &list) {
		t.Fatalf("want a diag.List, got %v", err)
	}
	var got []string
	for _, d := range list.Errors() {
		got = append(got, fmt.Sprintf("%s:%d", d.Pos.File, d.Pos.Line))
	}
	want := []string{"content/checklists/unterminated.md:1", "content/objections/kaputt.md:3", "content/objections/kaputt.md:6", "playbook.toml:1"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("errors at %v, want %v\n%v", got, want, err)
	}
}

// TestIncrementalEqualsFull edits, adds and deletes pages at random and checks
// that a Builder reusing its cache gives byte-identical output to a fresh build.
func TestIncrementalEqualsFull(t *testing.T) {
	fsys := loadTxtar(t, "site.txtar")
	inc := New()
	rng := rand.New(rand.NewSource(1))
	ctx := context.Background()
	var sources []string
	for p := range fsys {
		if strings.HasPrefix(p, "content/") && strings.HasSuffix(p, ".md") && !strings.HasSuffix(p, "_index.md") {
			sources = append(sources, p)
		}
	}
	fastRenders := 0
	for step := 0; step < 80; step++ {
		switch rng.Intn(10) {
		case 7: // a new summary: the home page, listings and term pages show it
			p := sources[rng.Intn(len(sources))]
			if f, ok := fsys[p]; ok {
				if bytes.Contains(f.Data, []byte("summary = \"")) {
					f.Data = bytes.Replace(f.Data, []byte("summary = \""), []byte(fmt.Sprintf("summary = \"%d ", step)), 1)
				} else {
					f.Data = bytes.Replace(f.Data, []byte("title = \""), []byte(fmt.Sprintf("summary = \"Kurz %d\"\ntitle = \"", step)), 1)
				}
			}
		case 8: // a link in a body: a backlink appears on the target
			p := sources[rng.Intn(len(sources))]
			if f, ok := fsys[p]; ok && p != "content/objections/kein-budget.md" && path.Dir(p) == "content/objections" {
				f.Data = append(append([]byte(nil), f.Data...), []byte(fmt.Sprintf("\nMehr in [kein Budget](kein-budget.md) (%d).\n", step))...)
			}
		case 9: // review date in the past: the page is overdue
			p := sources[rng.Intn(len(sources))]
			if f, ok := fsys[p]; ok && !bytes.Contains(f.Data, []byte("review_by")) {
				f.Data = bytes.Replace(f.Data, []byte("title = \""), []byte("review_by = 2020-01-01\ntitle = \""), 1)
			}
		case 4: // retitle a page: every listing showing it changes
			p := sources[rng.Intn(len(sources))]
			if f, ok := fsys[p]; ok {
				f.Data = bytes.Replace(f.Data, []byte("title = \""), []byte(fmt.Sprintf("title = \"%d ", step)), 1)
			}
		case 5: // change a script
			if f, ok := fsys["content/objections/kein-budget.md"]; ok {
				f.Data = bytes.Replace(f.Data, []byte("Verstehe ich"), []byte(fmt.Sprintf("Verstehe ich %d", step)), 1)
			}
		case 6: // add a tag
			p := sources[rng.Intn(len(sources))]
			if f, ok := fsys[p]; ok && !bytes.Contains(f.Data, []byte("tags")) {
				f.Data = bytes.Replace(f.Data, []byte("title = \""), []byte(fmt.Sprintf("tags = [\"neu%d\"]\ntitle = \"", step)), 1)
			}
		case 0, 1: // edit a body
			p := sources[rng.Intn(len(sources))]
			if f, ok := fsys[p]; ok {
				f.Data = append(append([]byte(nil), f.Data...), []byte(fmt.Sprintf("\nNeuer Absatz %d mit Budget.\n", step))...)
			}
		case 2: // add a page linking to another
			name := fmt.Sprintf("content/objections/neu-%d.md", step)
			fsys[name] = &fstest.MapFile{Data: []byte(fmt.Sprintf("+++\ntitle = \"Neu %d\"\ntags = [\"budget\"]\n+++\n\nSiehe [kein Budget](kein-budget.md).\n", step))}
			sources = append(sources, name)
		case 3: // delete an added page, if any
			for i, p := range sources {
				if strings.Contains(p, "/neu-") {
					delete(fsys, p)
					sources = append(sources[:i], sources[i+1:]...)
					break
				}
			}
		}
		a, errA := inc.Build(ctx, Input{FS: fsys, Now: fixedNow})
		b, errB := New().Build(ctx, Input{FS: fsys, Now: fixedNow})
		if (errA == nil) != (errB == nil) {
			t.Fatalf("step %d: incremental err %v, full err %v", step, errA, errB)
		}
		if errA != nil {
			t.Fatalf("step %d: the test broke its playbook: %v", step, errA)
		}
		if len(a.Files) != len(b.Files) {
			t.Fatalf("step %d: %d files incremental, %d full", step, len(a.Files), len(b.Files))
		}
		var differ []string
		for i := range a.Files {
			if a.Files[i].Path != b.Files[i].Path || !bytes.Equal(a.Files[i].Data, b.Files[i].Data) {
				differ = append(differ, a.Files[i].Path)
			}
		}
		if len(differ) > 0 {
			t.Fatalf("step %d: these differ between incremental and full build: %v", step, differ)
		}
		if step > 0 && a.Stats.Converted >= a.Stats.Pages {
			t.Errorf("step %d: incremental build converted all %d pages", step, a.Stats.Pages)
		}
		if a.Stats.Rendered < a.Stats.Pages {
			fastRenders++
		}
	}
	if fastRenders < 20 {
		t.Errorf("only %d of 80 rebuilds re-rendered just the changed pages", fastRenders)
	}
}

func TestDeterministic(t *testing.T) {
	fsys := loadTxtar(t, "site.txtar")
	a, err := New().Build(context.Background(), Input{FS: fsys, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	b, err := New().Build(context.Background(), Input{FS: fsys, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	if !equalFiles(a.Files, b.Files) {
		t.Fatal("two builds of the same input differ")
	}
}

func equalFiles(a, b []output.File) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Path != b[i].Path || !bytes.Equal(a[i].Data, b[i].Data) {
			return false
		}
	}
	return true
}

// BenchmarkBuildCorpus builds the generated benchmark corpus when it exists
// (make bench creates it): PLAYBOOK_CORPUS=/tmp/playbook-bench/c1000.
func BenchmarkBuildCorpus(b *testing.B) {
	dir := corpusDir(b)
	for b.Loop() {
		if _, err := New().Build(context.Background(), Input{Dir: dir, Now: fixedNow}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRebuildOneEdit is the watch-mode case: one page changed, the rest cached.
func BenchmarkRebuildOneEdit(b *testing.B) {
	dir := corpusDir(b)
	fsys, target := corpusFS(b, dir)
	bl := New()
	if _, err := bl.Build(context.Background(), Input{FS: fsys, Now: fixedNow}); err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		i++
		fsys[target].Data = append(fsys[target].Data, []byte(fmt.Sprintf("\nEdit %d\n", i))...)
		if _, err := bl.Build(context.Background(), Input{FS: fsys, Now: fixedNow, Preview: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestRebuildMemoryFlat edits one page many times and checks the live heap
// does not grow with the number of edits (watch mode runs for hours):
// PLAYBOOK_MEM_EDITS=1000 PLAYBOOK_CORPUS=/tmp/playbook-bench/c1000 go test -run RebuildMemoryFlat -v ./generator/build
func TestRebuildMemoryFlat(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("PLAYBOOK_MEM_EDITS"))
	if n == 0 {
		t.Skip("set PLAYBOOK_MEM_EDITS")
	}
	fsys, target := corpusFS(t, corpusDir(t))
	orig := fsys[target].Data
	bl := New()
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	var first uint64
	for i := 1; i <= n; i++ {
		fsys[target].Data = append(append([]byte(nil), orig...), []byte(fmt.Sprintf("\nEdit %d\n", i))...)
		if _, err := bl.Build(context.Background(), Input{FS: fsys, Now: fixedNow, Preview: true}); err != nil {
			t.Fatal(err)
		}
		if i == 10 {
			first = heap()
		}
	}
	last := heap()
	runtime.KeepAlive(bl) // the cache is what is measured
	t.Logf("live heap after 10 edits %d MiB, after %d edits %d MiB", first>>20, n, last>>20)
	if last > first+first/5 {
		t.Errorf("live heap grew from %d to %d MiB over %d edits", first>>20, last>>20, n)
	}
}

// corpusDir is the benchmark corpus to measure on (PLAYBOOK_CORPUS, default
// the 1,000-page one make bench generates); the test skips without it.
func corpusDir(tb testing.TB) string {
	dir := os.Getenv("PLAYBOOK_CORPUS")
	if dir == "" {
		dir = "/tmp/playbook-bench/c1000"
	}
	if _, err := os.Stat(dir + "/playbook.toml"); err != nil {
		tb.Skip("no corpus at " + dir)
	}
	return dir
}

// corpusFS loads a corpus into memory and picks an objection page to edit.
func corpusFS(tb testing.TB, dir string) (fstest.MapFS, string) {
	fsys := fstest.MapFS{}
	if err := copyFS(fsys, os.DirFS(dir)); err != nil {
		tb.Fatal(err)
	}
	var pages []string
	for p := range fsys {
		if strings.HasPrefix(p, "content/objections/") && strings.HasSuffix(p, ".md") {
			pages = append(pages, p)
		}
	}
	if len(pages) == 0 {
		tb.Fatal("no objection pages in " + dir)
	}
	sort.Strings(pages)
	return fsys, pages[0]
}

// TestRebuildSteps prints where a one-page rebuild spends its time:
// (PLAYBOOK_STEPS=front edits the summary instead of the body)
// PLAYBOOK_STEPS=1 PLAYBOOK_CORPUS=/tmp/playbook-bench/c10000 go test -run RebuildSteps -v ./generator/build
func TestRebuildSteps(t *testing.T) {
	if os.Getenv("PLAYBOOK_STEPS") == "" {
		t.Skip("set PLAYBOOK_STEPS")
	}
	fsys, target := corpusFS(t, corpusDir(t))
	bl := New()
	for i := 0; i < 6; i++ {
		fsys[target].Data = append(fsys[target].Data, []byte(fmt.Sprintf("\nEdit %d\n", i))...)
		if os.Getenv("PLAYBOOK_STEPS") == "front" {
			// A new summary: listings, terms and the home page show it.
			fsys[target].Data = bytes.Replace(fsys[target].Data, []byte("summary = \""), []byte(fmt.Sprintf("summary = \"%d ", i)), 1)
		}
		res, err := bl.Build(context.Background(), Input{FS: fsys, Now: fixedNow, Preview: true})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%v rendered %d: %s", res.Stats.Duration.Round(time.Millisecond), res.Stats.Rendered, res.Stats.StepLine())
	}
}

// TestIncrementalEachPage retitles every page in turn, then gives each a
// new summary, and holds every partial render to a fresh build: each
// page's neighbourhood (ancestors' listings, home, terms, backlinks,
// related pages, cadences, handouts) is covered once.
func TestIncrementalEachPage(t *testing.T) {
	fsys := loadTxtar(t, "site.txtar")
	inc := New()
	ctx := context.Background()
	if _, err := inc.Build(ctx, Input{FS: fsys, Now: fixedNow}); err != nil {
		t.Fatal(err)
	}
	var sources []string
	for p := range fsys {
		if strings.HasPrefix(p, "content/") && strings.HasSuffix(p, ".md") {
			sources = append(sources, p)
		}
	}
	sort.Strings(sources)
	partial := 0
	edits := []struct {
		name string
		edit func([]byte) []byte
	}{
		{"retitle", func(b []byte) []byte {
			b = bytes.Replace(b, []byte("title = \""), []byte("title = \"Neu: "), 1)
			return bytes.Replace(b, []byte("title: \""), []byte("title: \"Neu: "), 1)
		}},
		{"summary", func(b []byte) []byte {
			if bytes.Contains(b, []byte("summary")) {
				return b
			}
			if bytes.HasPrefix(b, []byte("+++\n")) {
				return bytes.Replace(b, []byte("+++\n"), []byte("+++\nsummary = \"Kurz gesagt\"\n"), 1)
			}
			return bytes.Replace(b, []byte("---\n"), []byte("---\nsummary: \"Kurz gesagt\"\n"), 1)
		}},
		{"updated", func(b []byte) []byte {
			if bytes.Contains(b, []byte("updated")) {
				return b
			}
			if bytes.HasPrefix(b, []byte("+++\n")) {
				return bytes.Replace(b, []byte("+++\n"), []byte("+++\nupdated = 2026-01-02\n"), 1)
			}
			return bytes.Replace(b, []byte("---\n"), []byte("---\nupdated: 2026-01-02\n"), 1)
		}},
	}
	for _, edit := range edits {
		for _, p := range sources {
			f := fsys[p]
			before := f.Data
			f.Data = edit.edit(f.Data)
			if bytes.Equal(before, f.Data) {
				continue
			}
			a, err := inc.Build(ctx, Input{FS: fsys, Now: fixedNow})
			if err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			b, err := New().Build(ctx, Input{FS: fsys, Now: fixedNow})
			if err != nil {
				t.Fatal(err)
			}
			if a.Stats.Rendered < a.Stats.Pages {
				partial++
			}
			fa, fb := files(a), files(b)
			for name, data := range fb {
				if !bytes.Equal(fa[name], data) {
					t.Errorf("%s %s: %s differs from a fresh build", edit.name, p, name)
				}
			}
			if len(fa) != len(fb) {
				t.Errorf("%s %s: %d files, a fresh build has %d", edit.name, p, len(fa), len(fb))
			}
		}
	}
	if partial == 0 {
		t.Error("no edit was rendered partially")
	}
	t.Logf("%d edits rendered partially", partial)
}

package content

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"playbook/generator/diag"
)

func TestReadMapFS(t *testing.T) {
	fsys := fstest.MapFS{
		"_index.md":                      {Data: []byte("home")},
		"objections/_index.md":           {Data: []byte("intro")},
		"objections/preis/zu-teuer.md":   {Data: []byte("teuer")},
		"objections/preis/chart.png":     {Data: []byte("png")},
		"pitches/a.md":                   {Data: []byte("a")},
		"files/Preisliste.pdf":           {Data: []byte("pdf")},
		"files/b.txt":                    {Data: []byte("b")},
		"UPPER.MD":                       {Data: []byte("u")},
		".git/config":                    {Data: []byte("x")},
		".DS_Store":                      {Data: []byte("x")},
		"pitches/.hidden.md":             {Data: []byte("x")},
		".drafts/secret.md":              {Data: []byte("x")},
		"pitches/a.md~":                  {Data: []byte("x")},
		"pitches/.a.md.swp":              {Data: []byte("x")},
		"pitches/a.md.swp":               {Data: []byte("x")},
		"pitches/a.swx":                  {Data: []byte("x")},
		"pitches/.#a.md":                 {Data: []byte("x")},
		"pitches/#a.md#":                 {Data: []byte("x")},
		"pitches/upload.tmp":             {Data: []byte("x")},
		"pitches/4913":                   {Data: []byte("x")},
		"files/~$Preisliste.docx":        {Data: []byte("x")},
		"empty/":                         {Mode: fs.ModeDir},
		"objections/preis/leer/.gitkeep": {Data: nil},
	}
	tree, diags := Read(context.Background(), fsys)
	if diags.HasErrors() {
		t.Fatalf("errors: %v", diags)
	}
	var pages []string
	for p := range tree.Pages {
		pages = append(pages, p)
	}
	wantPages := map[string]string{
		"_index.md": "home", "objections/_index.md": "intro", "objections/preis/zu-teuer.md": "teuer", "pitches/a.md": "a",
	}
	if len(tree.Pages) != len(wantPages) {
		t.Errorf("pages = %v, want %v", pages, wantPages)
	}
	for p, data := range wantPages {
		if string(tree.Pages[p]) != data {
			t.Errorf("page %s = %q, want %q", p, tree.Pages[p], data)
		}
	}
	var files []string
	for _, f := range tree.Files {
		files = append(files, f.Path+"="+string(f.Data))
	}
	wantFiles := []string{"UPPER.MD=u", "files/Preisliste.pdf=pdf", "files/b.txt=b", "objections/preis/chart.png=png"}
	if !reflect.DeepEqual(files, wantFiles) {
		t.Errorf("files = %v, want %v", files, wantFiles)
	}
	if len(diags) != 1 || diags[0].Severity != diag.Warning || diags[0].Pos.File != "content/UPPER.MD" ||
		!strings.Contains(diags[0].Msg, "lower-case .md") {
		t.Errorf("diagnostics = %v, want one warning about UPPER.MD", diags)
	}
}

func TestIgnored(t *testing.T) {
	for name, want := range map[string]bool{
		".git": true, ".DS_Store": true, "a~": true, "a.swp": true, "a.SWP": true, "a.swx": true, ".#a.md": true,
		"#a.md#": true, "a.tmp": true, "4913": true, "~$x.docx": true,
		"a.md": false, "_index.md": false, "#hashtag.md": false, "49130": false, "tmp": false, "a.template": false,
	} {
		if got := Ignored(name); got != want {
			t.Errorf("Ignored(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestReadTooLarge(t *testing.T) {
	fsys := fstest.MapFS{
		"big.pdf": {Data: make([]byte, MaxFileSize+1)},
		"ok.md":   {Data: []byte("ok")},
	}
	tree, diags := Read(context.Background(), fsys)
	if len(diags) != 1 || diags[0].Pos.File != "content/big.pdf" || !strings.Contains(diags[0].Msg, "32 MiB") {
		t.Fatalf("diagnostics = %v", diags)
	}
	if len(tree.Files) != 0 || string(tree.Pages["ok.md"]) != "ok" {
		t.Errorf("tree = %+v", tree)
	}
}

func TestReadCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	tree, diags := Read(ctx, fstest.MapFS{"a.md": {Data: []byte("a")}})
	if tree != nil || len(diags) != 1 || !strings.Contains(diags[0].Msg, "context canceled") {
		t.Fatalf("tree = %v, diagnostics = %v", tree, diags)
	}
}

// TestReadDisk uses a real folder behind os.Root, as the CLI does, for the
// cases a MapFS cannot show: symlinks and permissions.
func TestReadDisk(t *testing.T) {
	base := t.TempDir()
	dir := filepath.Join(base, "content")
	write := func(rel, data string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := func(target, rel string) {
		t.Helper()
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(rel))); err != nil {
			t.Skipf("symlinks not supported: %v", err)
		}
	}
	write("a.md", "a")
	write("real/b.md", "b")
	write("real/img.png", "png")
	write("locked.md", "secret")
	if err := os.WriteFile(filepath.Join(base, "outside.md"), []byte("outside"), 0o644); err != nil {
		t.Fatal(err)
	}
	link("a.md", "alias.md")           // a symlinked file inside content/: read
	link("real", "linked")             // a symlinked folder: warning, not followed
	link(".", "real/self")             // a folder link back up: would loop if followed
	link("loop.md", "loop.md")         // links to itself
	link("ping.md", "pong.md")         // two links pointing at each other
	link("pong.md", "ping.md")         //
	link("../outside.md", "escape.md") // leaves content/
	link(filepath.Join(base, "outside.md"), "absolute.md")
	link("missing.md", "broken.md")

	if err := os.Chmod(filepath.Join(dir, "locked.md"), 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(filepath.Join(dir, "locked.md"), 0o644) })
	// Root (and some file systems) can read the file anyway: then there is
	// no error to expect.
	_, lockedErr := os.ReadFile(filepath.Join(dir, "locked.md"))

	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	tree, diags := Read(context.Background(), root.FS())
	t.Logf("diagnostics:\n%v", diags)

	want := map[string]string{"a.md": "a", "alias.md": "a", "real/b.md": "b"}
	if lockedErr == nil {
		want["locked.md"] = "secret"
	}
	if len(tree.Pages) != len(want) {
		t.Errorf("pages: got %d, want %v", len(tree.Pages), want)
	}
	for p, data := range want {
		if string(tree.Pages[p]) != data {
			t.Errorf("page %s = %q, want %q", p, tree.Pages[p], data)
		}
	}
	if len(tree.Files) != 1 || tree.Files[0].Path != "real/img.png" {
		t.Errorf("files = %+v", tree.Files)
	}

	type expect struct {
		sev diag.Severity
		msg string
	}
	wantDiags := map[string]expect{
		"content/linked":      {diag.Warning, "symlinked folder is not followed"},
		"content/real/self":   {diag.Warning, "symlinked folder is not followed"},
		"content/loop.md":     {diag.Error, "symlink loop"},
		"content/ping.md":     {diag.Error, "symlink loop"},
		"content/pong.md":     {diag.Error, "symlink loop"},
		"content/escape.md":   {diag.Error, "outside content/"},
		"content/absolute.md": {diag.Error, "outside content/"},
		"content/broken.md":   {diag.Error, "does not exist"},
	}
	if lockedErr != nil {
		wantDiags["content/locked.md"] = expect{diag.Error, "permission denied"}
	} else {
		t.Log("locked.md is readable (running as root?): permission case not checked")
	}
	got := map[string]diag.Diagnostic{}
	for _, d := range diags {
		got[d.Pos.File] = d
	}
	for file, w := range wantDiags {
		d, ok := got[file]
		if !ok {
			t.Errorf("no diagnostic for %s", file)
			continue
		}
		if d.Severity != w.sev || !strings.Contains(d.Msg, w.msg) {
			t.Errorf("%s: got %v, want %v containing %q", file, d, w.sev, w.msg)
		}
	}
	if len(diags) != len(wantDiags) {
		t.Errorf("got %d diagnostics, want %d:\n%v", len(diags), len(wantDiags), diags)
	}
}

func BenchmarkRead10k(b *testing.B) {
	dir := b.TempDir()
	for i := range 10_000 {
		sub := filepath.Join(dir, fmt.Sprintf("s%02d", i%50))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			b.Fatal(err)
		}
		data := fmt.Sprintf("+++\ntitle = \"Seite %d\"\n+++\n%s", i, strings.Repeat("Text ", 400))
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("p%05d.md", i)), []byte(data), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer root.Close()
	for b.Loop() {
		tree, diags := Read(context.Background(), root.FS())
		if len(diags) > 0 || len(tree.Pages) != 10_000 {
			b.Fatalf("%d pages, %v", len(tree.Pages), diags)
		}
	}
}

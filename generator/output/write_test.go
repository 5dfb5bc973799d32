package output

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// listDir returns every entry under dir as "path" for files and "path/" for
// folders, "path@" for symlinks, sorted.
func listDir(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == dir {
			return nil
		}
		rel := filepath.ToSlash(p[len(dir)+1:])
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			rel += "@"
		case d.IsDir():
			rel += "/"
		}
		out = append(out, rel)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

func mustWrite(t *testing.T, dir string, files ...File) Stats {
	t.Helper()
	st, err := Write(context.Background(), dir, files)
	if err != nil {
		t.Fatalf("Write: %v", err)
	}
	return st
}

func f(p, data string) File { return File{Path: p, Data: []byte(data)} }

func TestWriteHostilePathWritesNothing(t *testing.T) {
	for _, bad := range []string{"../../etc/x", "/abs", `a\..\..\x`, "a\x00", "a/../../b", ".."} {
		t.Run(fmt.Sprintf("%q", bad), func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "public")
			_, err := Write(context.Background(), dir, []File{f("ok.html", "x"), f(bad, "evil")})
			if err == nil {
				t.Fatal("Write accepted a hostile path")
			}
			if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
				t.Fatalf("output folder was created before validation failed: %v", err)
			}
		})
	}
}

func TestWriteFirstSecondAndStale(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	st := mustWrite(t, dir, f("index.html", "home"), f("a/index.html", "a"), f("b/c/d.css", "css"), f("e.txt", ""))
	if st != (Stats{Written: 4}) {
		t.Fatalf("first write stats = %+v", st)
	}
	want := []string{".playbook", "a/", "a/index.html", "b/", "b/c/", "b/c/d.css", "e.txt", "index.html"}
	if got := listDir(t, dir); !slices.Equal(got, want) {
		t.Fatalf("tree = %v, want %v", got, want)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "b/c/d.css")); string(b) != "css" {
		t.Fatalf("content = %q", b)
	}

	// Unchanged files keep their mtime: set it into the past, rewrite, check.
	past := time.Now().Add(-time.Hour).Truncate(time.Second)
	for _, p := range []string{"index.html", "a/index.html", "b/c/d.css", "e.txt"} {
		if err := os.Chtimes(filepath.Join(dir, p), past, past); err != nil {
			t.Fatal(err)
		}
	}
	// Same size, different bytes must still be written.
	st = mustWrite(t, dir, f("index.html", "home"), f("a/index.html", "A"), f("b/c/d.css", "css"), f("e.txt", ""))
	if st != (Stats{Written: 1, Unchanged: 3}) {
		t.Fatalf("second write stats = %+v", st)
	}
	for p, changed := range map[string]bool{"index.html": false, "a/index.html": true, "b/c/d.css": false, "e.txt": false} {
		fi, err := os.Stat(filepath.Join(dir, p))
		if err != nil {
			t.Fatal(err)
		}
		if got := !fi.ModTime().Equal(past); got != changed {
			t.Errorf("%s: mtime changed = %v, want %v", p, got, changed)
		}
	}

	// Stale files go, then the folders they leave empty; hidden entries stay.
	if err := os.MkdirAll(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, ".git/HEAD"), []byte("ref"), 0o644)
	os.WriteFile(filepath.Join(dir, "b/c/.DS_Store"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(dir, "a/.playbook-tmp-123"), []byte("leftover"), 0o644)
	st = mustWrite(t, dir, f("index.html", "home"))
	if st != (Stats{Unchanged: 1, Removed: 3}) {
		t.Fatalf("stale write stats = %+v", st)
	}
	want = []string{".git/", ".git/HEAD", ".playbook", "b/", "b/c/", "b/c/.DS_Store", "index.html"}
	if got := listDir(t, dir); !slices.Equal(got, want) {
		t.Fatalf("tree = %v, want %v", got, want)
	}
}

func TestWriteFileFolderSwap(t *testing.T) {
	dir := t.TempDir()
	mustWrite(t, dir, f("x", "file"))
	mustWrite(t, dir, f("x/index.html", "page"))
	if got, want := listDir(t, dir), []string{".playbook", "x/", "x/index.html"}; !slices.Equal(got, want) {
		t.Fatalf("tree = %v, want %v", got, want)
	}
	os.WriteFile(filepath.Join(dir, "x/.hidden"), []byte("h"), 0o644)
	mustWrite(t, dir, f("x", "file again"))
	if got, want := listDir(t, dir), []string{".playbook", "x"}; !slices.Equal(got, want) {
		t.Fatalf("tree = %v, want %v", got, want)
	}
}

func TestWriteRefusesForeignFolder(t *testing.T) {
	dir := t.TempDir()
	user := filepath.Join(dir, "thesis.docx")
	if err := os.WriteFile(user, []byte("precious"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Write(context.Background(), dir, []File{f("index.html", "x")})
	if err == nil || !strings.Contains(err.Error(), "is not empty and was not made by playbook") {
		t.Fatalf("Write = %v, want refusal", err)
	}
	if got, want := listDir(t, dir), []string{"thesis.docx"}; !slices.Equal(got, want) {
		t.Fatalf("foreign folder touched: %v", got)
	}

	// An empty existing folder is fine, and a marked one is ours.
	empty := t.TempDir()
	mustWrite(t, empty, f("index.html", "x"))
	if _, err := os.Stat(filepath.Join(empty, Marker)); err != nil {
		t.Fatalf("marker missing: %v", err)
	}
	os.WriteFile(filepath.Join(dir, Marker), nil, 0o644)
	if st := mustWrite(t, dir, f("index.html", "x")); st.Removed != 1 {
		t.Fatalf("marked folder: stats %+v", st)
	}
}

func TestWriteSymlinksNeverFollowed(t *testing.T) {
	base := t.TempDir()
	outside := filepath.Join(base, "outside")
	dir := filepath.Join(base, "public")
	os.MkdirAll(outside, 0o755)
	os.WriteFile(filepath.Join(outside, "secret.txt"), []byte("secret"), 0o644)
	mustWrite(t, dir, f("index.html", "x"))

	// Links planted inside the output folder, pointing out of it.
	for name, target := range map[string]string{
		"evil":      outside,                               // folder link where a folder is wanted
		"link.html": filepath.Join(outside, "secret.txt"),  // file link where a file is wanted
		"stale":     outside,                               // folder link that is stale
		"rel":       filepath.Join("..", "outside"),        // relative escaping link
		"gone.txt":  filepath.Join(outside, "missing.txt"), // dangling link
	} {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Skipf("symlinks unavailable: %v", err)
		}
	}
	st := mustWrite(t, dir, f("index.html", "x"), f("evil/index.html", "pwned"), f("link.html", "pwned"))
	if st.Written != 2 || st.Removed != 4 { // stale, rel, gone.txt, and evil moved aside
		t.Fatalf("stats = %+v", st)
	}
	if got, want := listDir(t, outside), []string{"secret.txt"}; !slices.Equal(got, want) {
		t.Fatalf("outside folder changed: %v", got)
	}
	if b, _ := os.ReadFile(filepath.Join(outside, "secret.txt")); string(b) != "secret" {
		t.Fatalf("outside file overwritten: %q", b)
	}
	if got, want := listDir(t, dir), []string{".playbook", "evil/", "evil/index.html", "index.html", "link.html"}; !slices.Equal(got, want) {
		t.Fatalf("tree = %v, want %v", got, want)
	}
}

func TestWriteReadOnlyFolder(t *testing.T) {
	if os.Getuid() == 0 {
		t.Skip("root ignores permissions")
	}
	dir := t.TempDir()
	mustWrite(t, dir, f("index.html", "old"), f("sub/page.html", "old"))
	sub := filepath.Join(dir, "sub")
	if err := os.Chmod(sub, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(sub, 0o755) })
	_, err := Write(context.Background(), dir, []File{f("index.html", "old"), f("sub/page.html", "new")})
	if err == nil || !strings.Contains(err.Error(), "sub/page.html") {
		t.Fatalf("Write = %v, want an error naming sub/page.html", err)
	}
}

func TestWriteCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Write(ctx, t.TempDir(), []File{f("a", "b")}); !errors.Is(err, context.Canceled) {
		t.Fatalf("Write = %v, want context.Canceled", err)
	}
}

func TestWriteManyParallel(t *testing.T) {
	dir := t.TempDir()
	files := genFiles(300, "v1")
	if st := mustWrite(t, dir, files...); st.Written != 300 {
		t.Fatalf("stats = %+v", st)
	}
	files[7].Data = []byte("changed")
	if st := mustWrite(t, dir, files...); st != (Stats{Written: 1, Unchanged: 299}) {
		t.Fatalf("stats = %+v", st)
	}
	for _, fl := range files {
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(fl.Path)))
		if err != nil || string(b) != string(fl.Data) {
			t.Fatalf("%s = %q, %v", fl.Path, b, err)
		}
	}
}

func genFiles(n int, version string) []File {
	files := make([]File, n)
	for i := range files {
		files[i] = File{
			Path: fmt.Sprintf("section-%d/page-%d/index.html", i%50, i),
			Data: []byte(fmt.Sprintf("<html><body>page %d %s %s</body></html>", i, version, strings.Repeat("x", 500))),
		}
	}
	return files
}

func BenchmarkWrite(b *testing.B) {
	files := genFiles(10000, "v1")
	b.Run("first", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			dir := b.TempDir()
			b.StartTimer()
			if _, err := Write(context.Background(), dir, files); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("unchanged", func(b *testing.B) {
		dir := b.TempDir()
		if _, err := Write(context.Background(), dir, files); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			st, err := Write(context.Background(), dir, files)
			if err != nil || st.Unchanged != len(files) {
				b.Fatal(st, err)
			}
		}
	})
}

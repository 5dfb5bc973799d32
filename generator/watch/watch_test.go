package watch

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// These tests use the real file system and real time; synctest cannot fake
// inotify. Timeouts are generous so a loaded machine does not flake.
const timeout = 10 * time.Second

type run struct {
	w    *Watcher
	out  chan []Change
	stop func()
}

func start(t *testing.T, roots []string, opts Options) *run {
	t.Helper()
	return startWith(t, roots, opts, nil)
}

func startWith(t *testing.T, roots []string, opts Options, wrap func(func(string) error) func(string) error) *run {
	t.Helper()
	w, err := newWatcher(roots, opts, wrap)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	r := &run{w: w, out: make(chan []Change)}
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx, r.out) }()
	var once sync.Once
	r.stop = func() {
		once.Do(func() {
			cancel()
			for range r.out { // Run closes out
			}
			if err := <-done; err != nil {
				t.Errorf("Run: %v", err)
			}
		})
	}
	t.Cleanup(r.stop)
	return r
}

// await collects batches until every path in want was seen, then keeps
// listening for quiet (a few debounce windows) to catch unwanted extras.
func (r *run) await(t *testing.T, want ...string) (seen map[string]Op, batches int) {
	t.Helper()
	seen = make(map[string]Op)
	deadline := time.After(timeout)
	missing := func() []string {
		var m []string
		for _, p := range want {
			if _, ok := seen[p]; !ok {
				m = append(m, p)
			}
		}
		return m
	}
	for len(missing()) > 0 {
		select {
		case b := <-r.out:
			batches++
			for _, c := range b {
				seen[c.Path] = c.Op
			}
		case <-deadline:
			t.Fatalf("timed out; missing %v, seen %v", missing(), seen)
		}
	}
	for {
		select {
		case b := <-r.out:
			batches++
			for _, c := range b {
				seen[c.Path] = c.Op
			}
		case <-time.After(300 * time.Millisecond):
			return seen, batches
		}
	}
}

func write(t *testing.T, p, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func only(t *testing.T, seen map[string]Op, allowed ...string) {
	t.Helper()
	ok := make(map[string]bool)
	for _, p := range allowed {
		ok[p] = true
	}
	for p := range seen {
		if !ok[p] {
			t.Errorf("unexpected change reported: %s (%v)", p, seen[p])
		}
	}
}

func TestPlainWrite(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.md")
	write(t, a, "one")
	r := start(t, []string{dir}, Options{})
	write(t, a, "two")
	seen, _ := r.await(t, a)
	if seen[a] != Write {
		t.Errorf("op = %v, want write", seen[a])
	}
	only(t, seen, a)
}

func TestAtomicSaveByRename(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.md")
	write(t, a, "one")
	r := start(t, []string{dir}, Options{})
	tmp := filepath.Join(dir, "a.md.tmp")
	write(t, tmp, "two")
	if err := os.Rename(tmp, a); err != nil {
		t.Fatal(err)
	}
	seen, _ := r.await(t, a)
	only(t, seen, a)
}

func TestVimStyleSave(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.md")
	write(t, a, "one")
	r := start(t, []string{dir}, Options{})
	swap := filepath.Join(dir, ".a.md.swp")
	write(t, swap, "swap")
	probe := filepath.Join(dir, "4913")
	write(t, probe, "")
	os.Remove(probe)
	backup := a + "~"
	if err := os.Rename(a, backup); err != nil {
		t.Fatal(err)
	}
	write(t, a, "two")
	os.Remove(backup)
	os.Remove(swap)
	seen, _ := r.await(t, a)
	only(t, seen, a)
}

func TestNewFolderWithFile(t *testing.T) {
	dir := t.TempDir()
	r := start(t, []string{dir}, Options{})
	sub := filepath.Join(dir, "neu", "tief")
	x := filepath.Join(sub, "x.md")
	write(t, x, "x") // MkdirAll + write at once: may beat the new watch
	r.await(t, x)
	y := filepath.Join(sub, "y.md")
	write(t, y, "y") // only seen if the new folder got a watch
	seen, _ := r.await(t, y)
	only(t, seen, y)
}

func TestDeleteFolder(t *testing.T) {
	dir := t.TempDir()
	d := filepath.Join(dir, "d")
	f := filepath.Join(d, "e", "f.md")
	write(t, f, "f")
	r := start(t, []string{dir}, Options{})
	if err := os.RemoveAll(d); err != nil {
		t.Fatal(err)
	}
	seen, _ := r.await(t, d, f)
	if seen[d] != Remove || seen[f] != Remove {
		t.Errorf("ops = %v", seen)
	}
	r.stop()
	for p := range r.w.watched {
		if within(p, d) {
			t.Errorf("deleted folder still watched: %s", p)
		}
	}
}

func TestBurst(t *testing.T) {
	dir := t.TempDir()
	r := start(t, []string{dir}, Options{})
	var want []string
	for i := range 500 {
		p := filepath.Join(dir, fmt.Sprintf("f%03d.md", i))
		want = append(want, p)
		write(t, p, "x")
	}
	seen, batches := r.await(t, want...)
	if len(seen) != 500 {
		t.Errorf("seen %d paths, want 500", len(seen))
	}
	if batches > 10 {
		t.Errorf("500 quick writes gave %d batches; debouncing is not working", batches)
	}
	t.Logf("500 files in %d batches", batches)
}

func TestIgnoredAndHidden(t *testing.T) {
	dir := t.TempDir()
	public := filepath.Join(dir, "public")
	write(t, filepath.Join(public, "index.html"), "x")
	write(t, filepath.Join(dir, ".git", "HEAD"), "x")
	r := start(t, []string{dir}, Options{Ignore: []string{public}})
	write(t, filepath.Join(public, "index.html"), "y")
	write(t, filepath.Join(public, "new", "index.html"), "y")
	write(t, filepath.Join(dir, ".git", "HEAD"), "y")
	write(t, filepath.Join(dir, ".git", "objects", "ab"), "y")
	a := filepath.Join(dir, "a.md")
	write(t, a, "a")
	seen, _ := r.await(t, a)
	only(t, seen, a)
	r.stop()
	for p := range r.w.watched {
		if within(p, public) || strings.Contains(p, ".git") {
			t.Errorf("ignored folder watched: %s", p)
		}
	}
}

func TestFileRoot(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	cfg := filepath.Join(dir, "playbook.toml")
	themes := filepath.Join(dir, "themes") // missing at start
	write(t, filepath.Join(content, "a.md"), "a")
	write(t, cfg, "x")
	r := start(t, []string{content, cfg, themes}, Options{})
	write(t, filepath.Join(dir, "notes.txt"), "not watched")
	write(t, cfg, "y")
	seen, _ := r.await(t, cfg)
	only(t, seen, cfg)

	// The missing root appears as a folder and is then watched below.
	if err := os.Mkdir(themes, 0o755); err != nil {
		t.Fatal(err)
	}
	r.await(t, themes)
	css := filepath.Join(themes, "x", "site.css")
	write(t, css, "body{}")
	seen, _ = r.await(t, css)
	only(t, seen, css, filepath.Join(themes, "x"))
}

func TestPollingForced(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.md")
	write(t, a, "one")
	r := start(t, []string{dir}, Options{Poll: true, PollInterval: 20 * time.Millisecond})
	if !r.w.Polling() {
		t.Fatal("not polling")
	}
	b := filepath.Join(dir, "sub", "b.md")
	write(t, b, "new")
	write(t, a, "changed")
	write(t, filepath.Join(dir, ".hidden"), "x")
	write(t, filepath.Join(dir, "a.md~"), "x")
	seen, _ := r.await(t, a, b)
	if seen[a] != Write || seen[b] != Create {
		t.Errorf("ops = %v", seen)
	}
	only(t, seen, a, b, filepath.Join(dir, "sub"))
	os.Remove(a)
	seen, _ = r.await(t, a)
	if seen[a] != Remove {
		t.Errorf("op = %v, want remove", seen[a])
	}
}

func TestFallbackToPollingAtWatchLimit(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"a", "b", "c", "d"} {
		write(t, filepath.Join(dir, d, "x.md"), "x")
	}
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, nil))
	calls := 0
	limit := func(add func(string) error) func(string) error {
		return func(p string) error {
			calls++
			if calls > 2 {
				return fmt.Errorf("add %s: %w", p, syscall.ENOSPC)
			}
			return add(p)
		}
	}
	r := startWith(t, []string{dir}, Options{Logger: logger, PollInterval: 20 * time.Millisecond}, limit)
	if !r.w.Polling() {
		t.Fatal("did not fall back to polling")
	}
	if !strings.Contains(logs.String(), "fs.inotify.max_user_watches") {
		t.Errorf("log does not say how to raise the limit: %s", logs.String())
	}
	p := filepath.Join(dir, "d", "y.md")
	write(t, p, "y")
	r.await(t, p)
}

func TestIsLimit(t *testing.T) {
	for err, want := range map[error]bool{
		nil:                                     false,
		syscall.ENOSPC:                          true,
		fmt.Errorf("x: %w", syscall.EMFILE):     true,
		fmt.Errorf("open: too many open files"): true,
		syscall.ENOENT:                          false,
	} {
		if got := isLimit(err); got != want {
			t.Errorf("isLimit(%v) = %v, want %v", err, got, want)
		}
	}
}

func TestNewErrors(t *testing.T) {
	if _, err := New(nil, Options{}); err == nil {
		t.Error("New(nil) succeeded")
	}
}

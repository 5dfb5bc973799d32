// Package watch reports changes below a set of roots as debounced, sorted
// batches of Change. It uses fsnotify on every folder and falls back to
// polling when the operating system's watch limit is reached.
package watch

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Op is what happened to a path.
type Op uint8

const (
	Create Op = iota + 1
	Write
	Remove
	Rename // moved away; the new name, if watched, arrives as Create
)

func (o Op) String() string {
	switch o {
	case Create:
		return "create"
	case Write:
		return "write"
	case Remove:
		return "remove"
	case Rename:
		return "rename"
	}
	return fmt.Sprintf("Op(%d)", uint8(o))
}

// Change is one path that changed. Path is absolute, in OS form (filepath).
type Change struct {
	Path string
	Op   Op
}

// Options tune a Watcher; the zero value is usable.
type Options struct {
	// Debounce is how long the tree must stay quiet before a batch is sent
	// (default 30ms). A continuous stream is still flushed every 20 windows.
	Debounce time.Duration
	// PollInterval is the scan period in polling mode (default 500ms).
	PollInterval time.Duration
	// Ignore lists absolute paths (files or folders, such as the output
	// folder) whose events are dropped, with everything below them.
	Ignore []string
	// Poll forces polling instead of fsnotify.
	Poll bool
	// Logger receives warnings (nil: discard).
	Logger *slog.Logger
}

// Watcher watches a set of roots. Create it with New, then call Run once.
type Watcher struct {
	opts   Options
	log    *slog.Logger
	dirs   []string            // roots that are folders: watched recursively
	exact  map[string]struct{} // roots that are files (or missing): parent watched, filtered
	ignore []string

	// fsnotify mode (fsw != nil); touched only by New and then Run's goroutine.
	fsw     *fsnotify.Watcher
	add     func(string) error // fsw.Add; a seam for tests
	watched map[string]struct{}

	// polling mode
	snap snapshot
}

// New resolves roots and starts watching them at once, so that changes made
// between New and Run are not lost. A root may be a folder (watched with
// everything below it) or a file such as playbook.toml (its parent folder is
// watched and other entries there are ignored); a missing root is treated as
// a file and picked up when it appears.
func New(roots []string, opts Options) (*Watcher, error) {
	return newWatcher(roots, opts, nil)
}

// newWatcher is New with a seam: wrap, when set, decorates fsnotify's Add so
// tests can simulate the OS watch limit.
func newWatcher(roots []string, opts Options, wrap func(add func(string) error) func(string) error) (*Watcher, error) {
	w, err := prepare(roots, opts)
	if err != nil {
		return nil, err
	}
	if opts.Poll {
		w.snap = w.scan()
		return w, nil
	}
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		if isLimit(err) {
			w.fallBack(err)
			w.snap = w.scan()
			return w, nil
		}
		return nil, fmt.Errorf("watch: %w", err)
	}
	w.fsw, w.add = fsw, fsw.Add
	if wrap != nil {
		w.add = wrap(fsw.Add)
	}
	if err := w.watchAll(); err != nil {
		fsw.Close()
		w.fsw = nil
		if isLimit(err) {
			w.fallBack(err)
			w.snap = w.scan()
			return w, nil
		}
		return nil, err
	}
	return w, nil
}

func prepare(roots []string, opts Options) (*Watcher, error) {
	if len(roots) == 0 {
		return nil, errors.New("watch: no roots to watch")
	}
	if opts.Debounce <= 0 {
		opts.Debounce = 30 * time.Millisecond
	}
	if opts.PollInterval <= 0 {
		opts.PollInterval = 500 * time.Millisecond
	}
	w := &Watcher{
		opts:    opts,
		log:     opts.Logger,
		exact:   make(map[string]struct{}),
		watched: make(map[string]struct{}),
	}
	if w.log == nil {
		w.log = slog.New(slog.DiscardHandler)
	}
	for _, p := range opts.Ignore {
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil, fmt.Errorf("watch: ignore %s: %w", p, err)
		}
		w.ignore = append(w.ignore, abs)
	}
	for _, r := range roots {
		abs, err := filepath.Abs(r)
		if err != nil {
			return nil, fmt.Errorf("watch: root %s: %w", r, err)
		}
		if fi, err := os.Stat(abs); err == nil && fi.IsDir() {
			w.dirs = append(w.dirs, abs)
		} else {
			w.exact[abs] = struct{}{}
		}
	}
	return w, nil
}

// Close releases the operating system watches. Run calls it on return; call
// it yourself only when Run is never called.
func (w *Watcher) Close() error {
	if w.fsw == nil {
		return nil
	}
	err := w.fsw.Close()
	w.fsw = nil
	return err
}

// Polling reports whether the watcher polls (forced, or after a fallback).
func (w *Watcher) Polling() bool { return w.fsw == nil }

// Run sends batches of changes to out until ctx is canceled, then closes out
// and returns nil. A batch holds each path once, sorted by path. While the
// receiver is busy (say, rebuilding), new changes merge into the pending
// batch, so nothing is lost and builds do not queue up.
func (w *Watcher) Run(ctx context.Context, out chan<- []Change) error {
	defer close(out)
	defer w.Close()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	in := make(chan Change, 256)
	errc := make(chan error, 1)
	go func() {
		errc <- w.source(ctx, in)
		cancel()
	}()
	debounce(ctx, in, out, w.opts.Debounce, 20*w.opts.Debounce)
	cancel()
	return <-errc
}

// source feeds raw changes to in until ctx ends, switching from fsnotify to
// polling if the watch limit is hit on the way.
func (w *Watcher) source(ctx context.Context, in chan<- Change) error {
	if w.fsw != nil {
		err := w.notifyLoop(ctx, in)
		if !isLimit(err) {
			return err
		}
		w.Close()
		w.fallBack(err)
		w.snap = w.scan()
		// Whatever happened while switching is unknown: ask for a rebuild.
		for _, r := range w.roots() {
			if !send(ctx, in, Change{Path: r, Op: Write}) {
				return nil
			}
		}
	}
	return w.pollLoop(ctx, in)
}

func (w *Watcher) fallBack(err error) {
	w.log.Warn("watch: the system limit for file watches is reached, polling for changes instead",
		"interval", w.opts.PollInterval, "err", err,
		"fix", "raise the limit, e.g. sudo sysctl fs.inotify.max_user_watches=524288 "+
			"(and fs.inotify.max_user_instances=512); make it permanent in /etc/sysctl.d/90-inotify.conf")
}

func (w *Watcher) roots() []string {
	out := append([]string(nil), w.dirs...)
	for p := range w.exact {
		out = append(out, p)
	}
	return out
}

func send(ctx context.Context, in chan<- Change, c Change) bool {
	select {
	case in <- c:
		return true
	case <-ctx.Done():
		return false
	}
}

// rootOf returns the folder root p lies in (or is), or "".
func (w *Watcher) rootOf(p string) string {
	for _, r := range w.dirs {
		if within(p, r) {
			return r
		}
	}
	return ""
}

// within reports whether p is dir or below it.
func within(p, dir string) bool {
	if !strings.HasPrefix(p, dir) {
		return false
	}
	return len(p) == len(dir) || p[len(dir)] == filepath.Separator || strings.HasSuffix(dir, string(filepath.Separator))
}

func (w *Watcher) ignored(p string) bool {
	for _, ig := range w.ignore {
		if within(p, ig) {
			return true
		}
	}
	return false
}

// skipDir reports whether the folder p must not be watched or walked.
func (w *Watcher) skipDir(p string) bool {
	if w.ignored(p) {
		return true
	}
	r := w.rootOf(p)
	return r == "" || hiddenBelow(p, r)
}

// relevant reports whether a change to p is worth reporting.
func (w *Watcher) relevant(p string) bool {
	if _, ok := w.exact[p]; ok {
		return !w.ignored(p)
	}
	if w.ignored(p) {
		return false
	}
	r := w.rootOf(p)
	if r == "" || hiddenBelow(p, r) {
		return false
	}
	return p == r || !editorTemp(filepath.Base(p))
}

// hiddenBelow reports whether a path element of p below root starts with ".".
func hiddenBelow(p, root string) bool {
	rel := strings.TrimPrefix(p[len(root):], string(filepath.Separator))
	for rel != "" {
		elem, rest, _ := strings.Cut(rel, string(filepath.Separator))
		if strings.HasPrefix(elem, ".") {
			return true
		}
		rel = rest
	}
	return false
}

// editorTemp reports names that editors create while saving: swap, backup
// and probe files. Their changes are noise; the real file's change follows.
func editorTemp(name string) bool {
	switch {
	case name == "4913", // vim's write-permission probe
		strings.HasSuffix(name, "~"),
		strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swo"),
		strings.HasSuffix(name, ".swx"), strings.HasSuffix(name, ".swpx"),
		strings.HasSuffix(name, ".tmp"), strings.HasSuffix(name, ".kate-swp"),
		strings.HasPrefix(name, ".#"),
		len(name) > 1 && name[0] == '#' && name[len(name)-1] == '#',
		strings.Contains(name, "___jb_tmp___"), strings.Contains(name, "___jb_old___"):
		return true
	}
	return false
}

package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"playbook/generator/build"
	"playbook/generator/diag"
	"playbook/generator/serve"
	"playbook/generator/watch"
)

func runServe(ctx context.Context, e env, args []string) int {
	fs := flags(e, "serve")
	port := fs.Int("port", 1313, "port to listen on")
	bind := fs.String("bind", "127.0.0.1", "address to bind; anything but loopback exposes the preview to your network")
	drafts := fs.Bool("drafts", false, "include pages marked draft")
	poll := fs.Bool("poll", false, "poll for changes instead of using file system events")
	pos, code, ok := parse(fs, args, 0, 1)
	if !ok {
		return code
	}
	if *port < 0 || *port > 65535 {
		fmt.Fprintf(e.stderr, "playbook serve: --port must be between 0 and 65535\n")
		return exitUsage
	}
	dir := "."
	if len(pos) == 1 {
		dir = pos[0]
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		fmt.Fprintf(e.stderr, "playbook serve: %v\n", err)
		return exitContent
	}
	root, err := os.OpenRoot(abs)
	if err != nil {
		fmt.Fprintf(e.stderr, "playbook serve: open playbook folder: %v\n", err)
		return exitContent
	}
	defer root.Close()

	log := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelWarn, ReplaceAttr: dropTime}))
	addr := net.JoinHostPort(*bind, strconv.Itoa(*port))
	if w := serve.CheckBind(addr); w != "" {
		fmt.Fprintf(e.stderr, "warning: %s\n", w)
	}

	croot, err := os.OpenRoot(filepath.Join(abs, "content"))
	if err != nil {
		fmt.Fprintf(e.stderr, "playbook serve: no content/ folder in %s\n", displayDir(dir))
		return exitContent
	}
	defer croot.Close()
	snap := &snapshots{root: build.NewSnapshot(root.FS()), content: build.NewSnapshot(croot.FS())}
	b := build.New()
	in := build.Input{Dir: abs, FS: snap.root, ContentFS: snap.content, Drafts: *drafts, Now: now(e), Preview: true, History: true}
	res, err := b.Build(ctx, in)
	warned := map[string]bool{}
	srv := serve.New(serve.Options{Logger: log, BasePath: basePath(res)})
	if err != nil {
		report(e.stderr, err)
		srv.SetError(err.Error())
	} else {
		printNewWarnings(e.stderr, res.Warnings, warned)
		for _, n := range res.Notes {
			fmt.Fprintf(e.stderr, "note: %s\n", n)
		}
		srv.Publish(res.Files)
		fmt.Fprintf(e.stderr, "built %d pages in %s\n", res.Stats.Pages, res.Stats.Duration.Round(time.Millisecond))
	}

	output := filepath.Join(abs, "public")
	if res != nil && res.Config != nil {
		output = filepath.Join(abs, res.Config.Output)
	}
	w, err := watch.New([]string{filepath.Join(abs, "content"), filepath.Join(abs, "themes"), filepath.Join(abs, "playbook.toml")},
		// 10 ms: an editor's save (temp file, rename) lands well within it,
		// and every millisecond here is one the author waits.
		watch.Options{Ignore: []string{output}, Poll: *poll, Logger: log, Debounce: 10 * time.Millisecond})
	if err != nil {
		fmt.Fprintf(e.stderr, "playbook serve: watch: %v\n", err)
		return exitContent
	}

	ctx, cancel := context.WithCancel(ctx)
	batches := make(chan []watch.Change)
	watching := make(chan struct{})
	go func() {
		defer close(watching)
		// Run closes the watcher when it returns.
		if err := w.Run(ctx, batches); err != nil {
			log.Error("watcher stopped", "err", err)
		}
	}()
	defer func() {
		cancel()
		<-watching
	}()
	go follow(ctx, e, abs, snap, batches, b, in, srv, err != nil, warned)

	ln, err := (&net.ListenConfig{}).Listen(ctx, "tcp", addr)
	if err != nil {
		fmt.Fprintf(e.stderr, "playbook serve: %v\n", listenErr(addr, err))
		return exitContent
	}
	fmt.Fprintf(e.stdout, "serving %s at http://%s%s (Ctrl-C to stop)\n", displayDir(dir), ln.Addr(), basePath(res))
	if err := serve.Serve(ctx, ln, srv.Handler(), log); err != nil && !errors.Is(err, context.Canceled) {
		fmt.Fprintf(e.stderr, "playbook serve: %v\n", err)
		return exitContent
	}
	fmt.Fprintln(e.stderr, "stopped")
	return exitOK
}

// follow turns batches of changes into rebuilds. A body edit is shown at
// once by an early render of its pages (build.Builder.Early); the whole
// pipeline then runs in the background and its result is published, unless
// an early render newer than the build's start would be undone by it, in
// which case the next build, already due, publishes. Builds never overlap.
//
// After an early render the rebuild waits a moment (settle), so the
// browser's fetch of the page meets an idle machine and a typing burst
// costs one rebuild.
func follow(ctx context.Context, e env, root string, snap *snapshots, batches <-chan []watch.Change,
	b *build.Builder, in build.Input, srv *serve.Server, failing bool, warned map[string]bool) {
	type outcome struct {
		res   *build.Result
		err   error
		gen   int // batches seen when the build started
		names []string
		start time.Time
	}
	done := make(chan outcome, 1)
	running := false
	gen, patched := 0, 0
	var pending []string
	const settle = 60 * time.Millisecond
	steps := os.Getenv("PLAYBOOK_STEPS") != "" // print each step's time after a rebuild
	wait := time.NewTimer(time.Hour)
	wait.Stop()
	waiting := false
	run := func(names []string) {
		running = true
		o := outcome{gen: gen, names: names, start: time.Now()}
		go func() {
			o.res, o.err = b.Build(ctx, in)
			done <- o
		}()
	}
	for {
		select {
		case <-ctx.Done():
			if running {
				<-done
			}
			return
		case <-wait.C:
			waiting = false
			if !running && len(pending) > 0 {
				run(pending)
				pending = nil
			}
		case batch, ok := <-batches:
			if !ok {
				if running {
					<-done
				}
				return
			}
			gen++
			names := forgetChanged(root, snap, batch)
			shown := false
			if !failing {
				start := time.Now()
				if er := b.Early(ctx, in, names); er != nil {
					c := srv.Patch(er.Files)
					patched, shown = gen, true
					fmt.Fprintf(e.stderr, "%s: shown in %.1f ms (%d %s rendered ahead of the rebuild, %d changed)\n",
						summarize(names), float64(time.Since(start).Microseconds())/1000, er.Pages, plural(er.Pages, "page", "pages"), len(c.Pages))
				}
			}
			pending = append(pending, names...)
			switch {
			case shown:
				wait.Reset(settle)
				waiting = true
			case !running && !waiting:
				run(pending)
				pending = nil
			}
		case o := <-done:
			running = false
			if ctx.Err() != nil {
				return
			}
			stale := o.gen < patched // publishing would undo a newer early render
			if len(pending) > 0 && !waiting {
				run(pending)
				pending = nil
			}
			if stale {
				continue
			}
			what := summarize(o.names)
			if o.err != nil {
				failing = true
				srv.SetError(o.err.Error())
				var list diag.List
				n := 1
				if errors.As(o.err, &list) {
					n = len(list.Errors())
				}
				fmt.Fprintf(e.stderr, "%s: build failed with %d %s (still serving the last good build):\n", what, n, plural(n, "error", "errors"))
				report(e.stderr, o.err)
				continue
			}
			failing = false
			printNewWarnings(e.stderr, o.res.Warnings, warned)
			c := srv.Publish(o.res.Files)
			fmt.Fprintf(e.stderr, "%s: rebuilt in %d ms, %d pages converted, %d rendered, %d changed\n",
				what, time.Since(o.start).Milliseconds(), o.res.Stats.Converted, o.res.Stats.Rendered, len(c.Pages))
			if steps {
				fmt.Fprintf(e.stderr, "  steps: %s\n  changed: %v\n", o.res.Stats.StepLine(), c.Pages)
			}
		}
	}
}

// forgetChanged drops the changed paths from the snapshots and returns them
// relative to the playbook folder, in slash form.
func forgetChanged(root string, snap *snapshots, batch []watch.Change) []string {
	var names []string
	for _, c := range batch {
		rel, err := filepath.Rel(root, c.Path)
		if err != nil || strings.HasPrefix(rel, "..") {
			snap.root.ForgetAll()
			snap.content.ForgetAll()
			continue
		}
		rel = filepath.ToSlash(rel)
		snap.forget(rel)
		names = append(names, rel)
	}
	return names
}

// printNewWarnings prints the warnings not printed before, so a rebuild
// says what it added instead of repeating every known problem.
func printNewWarnings(w io.Writer, list diag.List, seen map[string]bool) {
	now := make(map[string]bool, len(list))
	for _, d := range list {
		msg := d.Error()
		now[msg] = true
		if !seen[msg] {
			fmt.Fprintln(w, msg)
		}
	}
	clear(seen)
	maps.Copy(seen, now)
}

// summarize names what changed in a few words for the terminal.
func summarize(names []string) string {
	switch len(names) {
	case 0:
		return "changes"
	case 1:
		return names[0]
	case 2:
		return names[0] + ", " + names[1]
	}
	return fmt.Sprintf("%s and %d more", names[0], len(names)-1)
}

func basePath(res *build.Result) string {
	if res == nil || res.Config == nil {
		return "/"
	}
	return res.Config.BasePath()
}

func listenErr(addr string, err error) error {
	if strings.Contains(err.Error(), "address already in use") {
		_, port, _ := net.SplitHostPort(addr)
		n, _ := strconv.Atoi(port)
		return fmt.Errorf("port %s is in use: stop the other server or try --port %d", port, n+1)
	}
	return err
}

func dropTime(groups []string, a slog.Attr) slog.Attr {
	if len(groups) == 0 && a.Key == slog.TimeKey {
		return slog.Attr{}
	}
	return a
}

func displayDir(dir string) string {
	if dir == "" || dir == "." {
		return "the current folder"
	}
	return dir
}

// snapshots are the cached views of the playbook folder and of content/,
// which is read through a root of its own so no symlink leaves it.
type snapshots struct {
	root, content *build.Snapshot
}

func (s *snapshots) forget(rel string) {
	s.root.Forget(rel)
	switch {
	case rel == "content":
		s.content.ForgetAll()
	case strings.HasPrefix(rel, "content/"):
		s.content.Forget(strings.TrimPrefix(rel, "content/"))
	}
}

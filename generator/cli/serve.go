package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
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
	var mu sync.Mutex // one build at a time
	rebuild := func(ctx context.Context) (*build.Result, error) {
		mu.Lock()
		defer mu.Unlock()
		return b.Build(ctx, in)
	}

	res, err := rebuild(ctx)
	srv := serve.New(serve.Options{Logger: log, BasePath: basePath(res)})
	if err != nil {
		report(e.stderr, err)
		srv.SetError(err.Error())
	} else {
		printWarnings(e.stderr, res.Warnings)
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
		// 15 ms: an editor's save (temp file, rename) lands well within it,
		// and every millisecond here is one the author waits.
		watch.Options{Ignore: []string{output}, Poll: *poll, Logger: log, Debounce: 15 * time.Millisecond})
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
	go follow(ctx, e, abs, snap, batches, rebuild, srv)

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

// follow rebuilds after every batch of changes, publishes the new site or the
// errors, and prints one line a rebuild.
func follow(ctx context.Context, e env, root string, snap *snapshots, batches <-chan []watch.Change,
	rebuild func(context.Context) (*build.Result, error), srv *serve.Server) {
	for {
		var batch []watch.Change
		select {
		case <-ctx.Done():
			return
		case b, ok := <-batches:
			if !ok {
				return
			}
			batch = b
		}
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
		start := time.Now()
		res, err := rebuild(ctx)
		if ctx.Err() != nil {
			return
		}
		what := summarize(names)
		if err != nil {
			srv.SetError(err.Error())
			var list diag.List
			n := 1
			if errors.As(err, &list) {
				n = len(list.Errors())
			}
			fmt.Fprintf(e.stderr, "%s: build failed with %d %s (still serving the last good build):\n", what, n, plural(n, "error", "errors"))
			report(e.stderr, err)
			continue
		}
		printWarnings(e.stderr, res.Warnings)
		c := srv.Publish(res.Files)
		fmt.Fprintf(e.stderr, "%s: rebuilt in %d ms, %d pages converted, %d pages changed\n",
			what, time.Since(start).Milliseconds(), res.Stats.Converted, len(c.Pages))
	}
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

package watch

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// stamp is what polling compares to notice a change.
type stamp struct {
	size int64
	mod  int64 // UnixNano
	dir  bool
}

type snapshot map[string]stamp

// scan records every relevant path below the roots, without following
// symlinked folders.
func (w *Watcher) scan() snapshot {
	s := make(snapshot)
	for p := range w.exact {
		if fi, err := os.Lstat(p); err == nil && !w.ignored(p) {
			s[p] = stampOf(fi)
			if fi.IsDir() {
				// A file root that turned into a folder: walk it too.
				w.walkInto(s, p, p)
			}
		}
	}
	for _, r := range w.dirs {
		w.walkInto(s, r, r)
	}
	return s
}

func (w *Watcher) walkInto(s snapshot, root, dir string) {
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // vanished or unreadable: it shows up as removed
		}
		if p != root && (w.ignored(p) || hiddenBelow(p, root)) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if p != root && !d.IsDir() && editorTemp(d.Name()) {
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			return nil
		}
		s[p] = stampOf(fi)
		return nil
	})
}

func stampOf(fi fs.FileInfo) stamp {
	if fi.IsDir() {
		return stamp{dir: true} // a folder's own mtime only echoes its entries
	}
	return stamp{size: fi.Size(), mod: fi.ModTime().UnixNano()}
}

// diff lists what differs between two snapshots, in no particular order.
func diff(old, cur snapshot) []Change {
	var out []Change
	for p, st := range cur {
		prev, ok := old[p]
		switch {
		case !ok:
			out = append(out, Change{Path: p, Op: Create})
		case prev != st:
			out = append(out, Change{Path: p, Op: Write})
		}
	}
	for p := range old {
		if _, ok := cur[p]; !ok {
			out = append(out, Change{Path: p, Op: Remove})
		}
	}
	return out
}

func (w *Watcher) pollLoop(ctx context.Context, in chan<- Change) error {
	if w.snap == nil {
		w.snap = w.scan()
	}
	t := time.NewTicker(w.opts.PollInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
		cur := w.scan()
		for _, c := range diff(w.snap, cur) {
			if !send(ctx, in, c) {
				return nil
			}
		}
		w.snap = cur
	}
}

package watch

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/fsnotify/fsnotify"
)

// isLimit reports an error meaning the OS ran out of watches or descriptors.
func isLimit(err error) bool {
	return err != nil && (errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EMFILE) ||
		strings.Contains(err.Error(), "too many open files"))
}

// watchAll adds every folder root recursively and the parent of every file
// root.
func (w *Watcher) watchAll() error {
	for _, r := range w.dirs {
		if err := w.addTree(r, nil); err != nil {
			return err
		}
	}
	for p := range w.exact {
		if err := w.watchDir(filepath.Dir(p)); err != nil {
			return err
		}
	}
	return nil
}

func (w *Watcher) watchDir(dir string) error {
	if _, ok := w.watched[dir]; ok {
		return nil
	}
	if err := w.add(dir); err != nil {
		if isLimit(err) {
			return err
		}
		if errors.Is(err, fs.ErrNotExist) {
			return nil // gone already; its Remove event follows
		}
		return fmt.Errorf("watch: %s: %w", dir, err)
	}
	w.watched[dir] = struct{}{}
	return nil
}

// addTree watches dir and every folder below it. With found non-nil, each
// relevant entry met on the way is passed to it: after a folder appears,
// files may have been written into it before its watch was in place.
func (w *Watcher) addTree(dir string, found func(string)) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil // removed while we walk
			}
			return fmt.Errorf("watch: %w", err)
		}
		if d.IsDir() {
			if p != dir && w.skipDir(p) {
				return filepath.SkipDir
			}
			if err := w.watchDir(p); err != nil {
				return err
			}
		}
		if found != nil && p != dir && w.relevant(p) {
			found(p)
		}
		return nil
	})
}

// unwatch forgets dir and every folder below it.
func (w *Watcher) unwatch(dir string) {
	for p := range w.watched {
		if within(p, dir) {
			delete(w.watched, p)
			// Linux drops the watch of a deleted folder by itself; a folder
			// moved away keeps it, so remove it explicitly.
			_ = w.fsw.Remove(p)
		}
	}
}

// notifyLoop turns fsnotify events into changes until ctx ends.
func (w *Watcher) notifyLoop(ctx context.Context, in chan<- Change) error {
	for {
		select {
		case <-ctx.Done():
			return nil
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return nil
			}
			if !errors.Is(err, fsnotify.ErrEventOverflow) {
				w.log.Warn("watch: " + err.Error())
				continue
			}
			// Events were lost: report every root so the build starts over.
			w.log.Warn("watch: too many changes at once, some events were lost; rebuilding everything")
			for _, r := range w.roots() {
				if !send(ctx, in, Change{Path: r, Op: Write}) {
					return nil
				}
			}
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return nil
			}
			if err := w.handle(ctx, ev, in); err != nil {
				return err
			}
		}
	}
}

func (w *Watcher) handle(ctx context.Context, ev fsnotify.Event, in chan<- Change) error {
	p := filepath.Clean(ev.Name)
	var op Op
	switch {
	case ev.Has(fsnotify.Remove):
		op = Remove
	case ev.Has(fsnotify.Rename):
		op = Rename
	case ev.Has(fsnotify.Create):
		op = Create
	case ev.Has(fsnotify.Write):
		op = Write
	default:
		return nil // chmod only: contents did not change
	}
	if op == Remove || op == Rename {
		w.unwatch(p)
	}
	if op == Create {
		if err := w.created(ctx, p, in); err != nil {
			return err
		}
	}
	if w.relevant(p) {
		send(ctx, in, Change{Path: p, Op: op})
	}
	return nil
}

// created watches a new folder and reports what is already inside it. A file
// root that appears as a folder becomes a folder root.
func (w *Watcher) created(ctx context.Context, p string, in chan<- Change) error {
	fi, err := os.Lstat(p)
	if err != nil || !fi.IsDir() {
		return nil
	}
	if _, ok := w.exact[p]; ok && !w.ignored(p) {
		delete(w.exact, p)
		w.dirs = append(w.dirs, p)
	} else if w.skipDir(p) {
		return nil
	}
	return w.addTree(p, func(found string) {
		send(ctx, in, Change{Path: found, Op: Create})
	})
}

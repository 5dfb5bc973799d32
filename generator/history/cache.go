package history

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
)

// Cache keeps the last History for watch mode. A reload costs one
// `git rev-parse` and one `git status`; the log is read again only when
// HEAD or the shallow boundary moved. The zero value is ready to use and
// safe for concurrent use.
type Cache struct {
	mu   sync.Mutex
	key  string
	last *History
	logs int // log reads, for tests
}

// Load is Load with reuse: when the repository's HEAD and shallow state
// are those of the previous call, the previous revisions are returned
// with a fresh dirty set.
func (c *Cache) Load(ctx context.Context, dir string, opts Options) (*History, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	r, h, err := probe(ctx, dir, opts)
	if err != nil || h != nil {
		c.key, c.last = "", nil
		return h, err
	}
	// The log depends only on the commit graph from HEAD, and on how much
	// of it a shallow clone has; the shallow file changes on fetch --deepen.
	key := fmt.Sprintf("%s\x00%s\x00%s\x00%s\x00%v\x00%s", r.top, r.prefix, opts.contentDir(), r.head, r.shallow, fileStamp(r.gitDir, "shallow"))
	if c.last != nil && key == c.key {
		g := git{bin: r.bin, dir: r.top}
		dirty, err := readStatus(ctx, g, r.prefix+opts.contentDir()+"/")
		if err != nil {
			return nil, err
		}
		h := *c.last
		h.dirty = dirty
		return &h, nil
	}
	h, err = load(ctx, r, opts)
	if err != nil {
		return nil, err
	}
	c.logs++
	c.key, c.last = key, h
	return h, nil
}

// fileStamp is size and modification time of a file, "" if it is absent.
func fileStamp(dir, name string) string {
	fi, err := os.Stat(filepath.Join(dir, name))
	if err != nil {
		return ""
	}
	return fmt.Sprintf("%d/%d", fi.Size(), fi.ModTime().UnixNano())
}

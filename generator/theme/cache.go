package theme

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"sort"
	"sync"
)

// Cache memoises Load for a caller that loads the theme again and again
// (watch mode rebuilds): while the theme's name and its files on disk are
// unchanged it returns the theme it loaded last, so templates are not parsed,
// assets not hashed and bound templates (see Bind) not cloned again. Disk
// files are still read on every call: they are the key. Errors are not
// cached. The zero value is ready to use; it is safe for concurrent use.
type Cache struct {
	mu  sync.Mutex
	key string
	th  *Theme
}

// Load is Load, memoised.
func (c *Cache) Load(disk fs.FS, name string) (*Theme, error) {
	name, overlay, err := readOverlay(disk, name)
	if err != nil {
		return nil, err
	}
	key := overlayKey(name, overlay)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.th != nil && c.key == key {
		return c.th, nil
	}
	th, err := assemble(name, overlay)
	if err != nil {
		return nil, err
	}
	c.key, c.th = key, th
	return th, nil
}

// overlayKey identifies a theme name with its disk files (the embedded
// default cannot change while the program runs).
func overlayKey(name string, overlay map[string][]byte) string {
	names := make([]string, 0, len(overlay))
	for p := range overlay {
		names = append(names, p)
	}
	sort.Strings(names)
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%d\x00", name, len(names))
	for _, p := range names {
		fmt.Fprintf(h, "%s\x00%d\x00", p, len(overlay[p]))
		h.Write(overlay[p])
	}
	return hex.EncodeToString(h.Sum(nil))
}

// bindPool keeps released bound templates per language and base path:
// binding clones every template set, and the clones' first executions
// escape them, a fixed cost that watch-mode rebuilds of a page or two
// would otherwise pay every time.
type bindPool struct {
	mu   sync.Mutex
	free map[bindKey][]*Templates
}

type bindKey struct{ lang, base string }

// maxIdle bounds the released bindings kept per key: more only help
// concurrent renders with one theme, which are rare.
const maxIdle = 2

func (p *bindPool) get(k bindKey) *Templates {
	p.mu.Lock()
	defer p.mu.Unlock()
	list := p.free[k]
	if len(list) == 0 {
		return nil
	}
	ts := list[len(list)-1]
	p.free[k] = list[:len(list)-1]
	ts.pool = p
	return ts
}

func (p *bindPool) put(ts *Templates) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.free == nil {
		p.free = map[bindKey][]*Templates{}
	}
	if len(p.free[ts.key]) < maxIdle {
		p.free[ts.key] = append(p.free[ts.key], ts)
	}
}

// Release hands the templates back to their theme for a later Bind with the
// same language and base path. The caller must not use ts afterwards; the
// HTML it produced stays valid. Calling Release is optional.
func (ts *Templates) Release() {
	if ts == nil || ts.pool == nil {
		return
	}
	pool := ts.pool
	ts.pool = nil    // a second Release is a no-op
	ts.cache.Clear() // partialCached results belong to one render
	pool.put(ts)
}

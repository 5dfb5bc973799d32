package offline

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"

	"playbook/generator/config"
	"playbook/generator/output"
)

// Output paths, relative to the site root (the base path).
const (
	WorkerPath   = "sw.js"
	ListPath     = "offline.json"
	ManifestPath = "manifest.webmanifest"
)

// listVersion is offline.json's format version; sw.js refuses others.
const listVersion = 1

// hashLen is the number of hex digits of SHA-256 kept per file: the same 8
// digits the theme puts into hashed asset names, so sw.js can tell an
// immutable URL by the hash in its name.
const hashLen = 8

// List is offline.json.
type List struct {
	V     int    `json:"v"`
	Build string `json:"build"`
	// Lang and Title let the worker write its "you are offline" page.
	Lang  string `json:"lang"`
	Title string `json:"title"`
	// CSS is the stylesheet of that page, relative to the base path.
	CSS string `json:"css,omitempty"`
	// Bytes is the sum of all Files' sizes: what "save for offline" costs.
	Bytes int64 `json:"bytes"`
	// Shell is how many of the first Files the worker stores on install.
	Shell int `json:"shell"`
	// Files are [url relative to the base path, size, hash] triples; a page
	// is listed by its folder URL ("objections/zu-teuer/", "" for the home).
	Files []Entry `json:"files"`
}

// Entry is one URL the worker may serve. It encodes as a JSON array to keep
// offline.json small: it lists every file of the site.
type Entry struct {
	URL  string
	Size int64
	Hash string
}

// MarshalJSON writes [url, size, hash].
func (e Entry) MarshalJSON() ([]byte, error) {
	return json.Marshal([]any{e.URL, e.Size, e.Hash})
}

// UnmarshalJSON reads [url, size, hash].
func (e *Entry) UnmarshalJSON(b []byte) error {
	var a []json.RawMessage
	if err := json.Unmarshal(b, &a); err != nil {
		return err
	}
	if len(a) != 3 {
		return fmt.Errorf("offline: entry has %d fields, want 3", len(a))
	}
	if err := json.Unmarshal(a[0], &e.URL); err != nil {
		return err
	}
	if err := json.Unmarshal(a[1], &e.Size); err != nil {
		return err
	}
	return json.Unmarshal(a[2], &e.Hash)
}

// Files returns the files to add to the built site: sw.js, offline.json,
// manifest.webmanifest and icons/. site is every other file of the build.
//
// With cfg.Offline.Enabled false, sw.js is a worker that deletes the caches
// and unregisters itself, so turning offline off heals readers who installed
// an earlier build; offline.json is then absent. Without the theme's
// assets/sw.js there is no worker either way.
//
// A file the site already has wins over Files' own: a playbook can bring its
// icons as content/icons/icon-512.png and so on.
func Files(cfg *config.Config, site []output.File) []output.File {
	have := make(map[string]bool, len(site))
	for _, f := range site {
		have[f.Path] = true
	}
	var out []output.File
	add := func(fs ...output.File) {
		for _, f := range fs {
			if !have[f.Path] {
				out = append(out, f)
			}
		}
	}
	add(appFiles(cfg)...)
	if !cfg.Offline.Enabled {
		add(output.File{Path: WorkerPath, Data: []byte(killSwitch)})
		return out
	}
	worker := -1
	for i, f := range site {
		if isWorkerAsset(f.Path) {
			worker = i
			break
		}
	}
	if worker < 0 {
		return out
	}

	// The worker's own files are served and hashed like the site's.
	all := make([]output.File, 0, len(site)+len(out))
	all = append(all, site...)
	all = append(all, out...)
	hashes := hashAll(all)

	list := List{V: listVersion, Lang: cfg.Language, Title: cfg.Title}
	var shell, rest []Entry
	idHash := sha256.New()
	for i, f := range all {
		url, keep := listURL(f)
		if i == worker {
			// Not served by the worker, but a new worker must be a new build.
			idHash.Write([]byte(f.Path + "\x00" + hashes[i] + "\x00"))
		}
		if !keep {
			continue
		}
		e := Entry{URL: url, Size: int64(len(f.Data)), Hash: hashes[i]}
		if inShell(f.Path) {
			shell = append(shell, e)
		} else {
			rest = append(rest, e)
		}
		if list.CSS == "" && strings.HasPrefix(f.Path, "assets/style.") && strings.HasSuffix(f.Path, ".css") {
			list.CSS = f.Path
		}
	}
	byURL := func(es []Entry) {
		sort.Slice(es, func(i, j int) bool { return es[i].URL < es[j].URL })
	}
	byURL(shell)
	byURL(rest)
	list.Shell = len(shell)
	list.Files = append(shell, rest...)
	for _, e := range list.Files {
		list.Bytes += e.Size
		idHash.Write([]byte(e.URL + "\x00" + e.Hash + "\x00"))
	}
	list.Build = hex.EncodeToString(idHash.Sum(nil)[:6])

	data, err := json.Marshal(list)
	if err != nil {
		panic("offline: encoding offline.json: " + err.Error()) // plain strings and numbers only
	}
	js := "const BUILD = " + jsonString(list.Build) + ";\n"
	sw := append([]byte(js), site[worker].Data...)
	add(output.File{Path: ListPath, Data: data}, output.File{Path: WorkerPath, Data: sw})
	return out
}

// isWorkerAsset reports whether p is the theme's hashed copy of sw.js
// ("assets/sw.1a2b3c4d.js"). It stays in the site but is never listed.
func isWorkerAsset(p string) bool {
	rest, ok := strings.CutPrefix(p, "assets/sw.")
	if !ok {
		return false
	}
	h, ok := strings.CutSuffix(rest, ".js")
	return ok && len(h) == hashLen && isHex(h)
}

// listURL maps an output file to the URL the worker serves it under,
// relative to the base path; keep is false for files never served offline.
func listURL(f output.File) (url string, keep bool) {
	p := f.Path
	switch {
	case p == WorkerPath || p == ListPath || isWorkerAsset(p) || p == output.Marker:
		return "", false
	case p == "404.html", p == "robots.txt", path.Ext(p) == ".xml": // sitemap, feeds
		return "", false
	case path.Base(p) == "index.html":
		if isRedirect(f.Data) {
			return "", false // an alias: a moved page's old URL
		}
		return strings.TrimSuffix(p, "index.html"), true
	case strings.HasPrefix(path.Base(p), "."):
		return "", false
	}
	return p, true
}

// isRedirect reports whether an HTML page is a meta refresh (alias.html).
// The tag sits in the head, so the first KiB is enough.
func isRedirect(html []byte) bool {
	head := html[:min(len(html), 1024)]
	return bytes.Contains(head, []byte(`http-equiv="refresh"`)) || bytes.Contains(head, []byte(`http-equiv=refresh`))
}

// inShell reports whether the worker stores p when it installs: what any
// page needs (theme assets), the home page, and the installed app's files.
func inShell(p string) bool {
	return p == "index.html" || p == ManifestPath || strings.HasPrefix(p, "assets/") || strings.HasPrefix(p, iconDir+"/")
}

// hashAll returns the first hashLen hex digits of each file's SHA-256, on
// all cores: a 10,000-page site is over 150 MB.
func hashAll(files []output.File) []string {
	out := make([]string, len(files))
	workers := min(runtime.GOMAXPROCS(0), len(files))
	var wg sync.WaitGroup
	var next int
	var mu sync.Mutex
	for range workers {
		wg.Go(func() {
			for {
				mu.Lock()
				i := next
				next += 64
				mu.Unlock()
				if i >= len(files) {
					return
				}
				for j := i; j < min(i+64, len(files)); j++ {
					sum := sha256.Sum256(files[j].Data)
					out[j] = hex.EncodeToString(sum[:hashLen/2])
				}
			}
		})
	}
	wg.Wait()
	return out
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

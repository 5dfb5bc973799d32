package offline

import (
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"playbook/generator/config"
	"playbook/generator/output"
)

// TestReportSite prints what a full offline save costs for a built site:
// PLAYBOOK_OFFLINE_SITE=/dev/shm/x go test -run ReportSite -v ./generator/offline/
func TestReportSite(t *testing.T) {
	dir := os.Getenv("PLAYBOOK_OFFLINE_SITE")
	if dir == "" {
		t.Skip("set PLAYBOOK_OFFLINE_SITE to a built site folder")
	}
	var site []output.File
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == output.Marker {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if rel == WorkerPath || rel == ListPath {
			return nil // from an earlier run
		}
		data, err := os.ReadFile(p)
		site = append(site, output.File{Path: rel, Data: data})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// A site built before the theme had them: add the worker and offline.js.
	for _, name := range []string{"sw.js", "offline.js"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "themes", "default", "assets", name))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		p := "assets/" + strings.TrimSuffix(name, ".js") + "." + hex.EncodeToString(sum[:4]) + ".js"
		if _, ok := byPath(site)[p]; !ok {
			site = append(site, output.File{Path: p, Data: data})
		}
	}
	start := time.Now()
	files := Files(config.Default(), site)
	took := time.Since(start)
	l := readList(t, files)
	all := byPath(append(site, files...))
	var gz, pages, pageBytes int64
	w := gzip.NewWriter(io.Discard)
	cw := &countWriter{}
	for _, e := range l.Files {
		p := e.URL
		if p == "" || p[len(p)-1] == '/' {
			p += "index.html"
			pages++
			pageBytes += e.Size
		}
		cw.n = 0
		w.Reset(cw)
		_, _ = w.Write(all[p])
		_ = w.Close()
		gz += cw.n
	}
	t.Logf("%d files in the site, %d listed (%d pages, %.1f MB of HTML)", len(site), len(l.Files), pages, float64(pageBytes)/1e6)
	t.Logf("full offline save: %d bytes stored (%.1f MB), about %.1f MB gzipped on the wire", l.Bytes, float64(l.Bytes)/1e6, float64(gz)/1e6)
	cw.n = 0
	w.Reset(cw)
	_, _ = w.Write(all[ListPath])
	_ = w.Close()
	t.Logf("offline.json: %d bytes (%d gzipped); sw.js: %d bytes; Files took %v", len(all[ListPath]), cw.n, len(all[WorkerPath]), took)
}

type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

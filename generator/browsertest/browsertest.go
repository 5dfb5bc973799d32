// Package browsertest starts headless Chromium for tests that need a real
// browser (search, checklists, placeholders, live reload, offline, print).
// Tests using it skip when no Chromium is installed, except under CI
// (CI=true), where a missing browser is a failure: .ci/run installs it.
package browsertest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"playbook/generator/chromium"
)

// Binary finds Chromium the way playbook print does, or returns "".
func Binary() string {
	return chromium.Find()
}

// New starts a browser for the test and returns a tab context, closed at the
// end of the test. The whole test gets at most timeout.
func New(t testing.TB, timeout time.Duration) context.Context {
	t.Helper()
	bin := Binary()
	if bin == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium not found: .ci/run installs it (apt-get install -y chromium)")
		}
		t.Skip("chromium not installed; skipping browser test")
	}
	opts := append(chromium.Flags(), chromedp.ExecPath(bin), chromedp.UserDataDir(t.TempDir()))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, timeout)
	t.Cleanup(func() {
		cancelTimeout()
		cancelTab()
		cancelAlloc()
	})
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// Files is a built site in memory: slash path -> bytes.
type Files map[string][]byte

// Serve serves files over HTTP on 127.0.0.1 the way a static host does
// ("/x/" -> "x/index.html", 404.html for misses) and returns its base URL
// without a trailing slash. Requests are counted in hits when it is not nil.
func Serve(t testing.TB, files Files, hits func(r *http.Request, size int)) string {
	t.Helper()
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
		if strings.HasSuffix(r.URL.Path, "/") && p != "" {
			p += "/"
		}
		if p == "" || strings.HasSuffix(p, "/") {
			p += "index.html"
		}
		data, ok := files[p]
		status := http.StatusOK
		if !ok {
			if _, dir := files[p+"/index.html"]; dir {
				http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
				return
			}
			data, status = files["404.html"], http.StatusNotFound
			p = "404.html"
		}
		if ct := ContentType(p); ct != "" {
			w.Header().Set("Content-Type", ct)
		}
		w.WriteHeader(status)
		n, _ := w.Write(data)
		if hits != nil {
			hits(r, n)
		}
	})
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

// ContentType is the Content-Type a static host sends for a file name, or "".
func ContentType(p string) string {
	switch path.Ext(p) {
	case ".html":
		return "text/html; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	case ".json", ".webmanifest":
		return "application/json"
	case ".svg":
		return "image/svg+xml"
	case ".png":
		return "image/png"
	case ".xml":
		return "application/xml"
	case ".ics":
		return "text/calendar"
	}
	return ""
}

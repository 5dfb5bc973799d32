package search_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"playbook/generator/browsertest"
	"playbook/generator/build"
)

// csp is the strict policy the theme must work under: search.js is injected
// by playbook.js, which script-src 'self' allows.
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:"

// TestBrowserSearch drives the search client in Chromium against a build of
// the example playbook at the repository root: search.js loads only when
// the search box is used, keys typed while it loads still count, the header
// box and the /search/ page find pages, and nothing is asked of another host.
func TestBrowserSearch(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "playbook.toml")); err != nil {
		t.Skip("no example playbook at the repository root")
	}
	res, err := build.New().Build(context.Background(), build.Input{Dir: root, FS: os.DirFS(root),
		Now: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	files := make(map[string][]byte, len(res.Files))
	for _, f := range res.Files {
		files[f.Path] = f.Data
	}
	srv := httptest.NewServer(staticHost(files))
	t.Cleanup(srv.Close)

	ctx := browsertest.New(t, 90*time.Second)
	var mu sync.Mutex
	var problems []string
	watch, stop := context.WithCancel(ctx) // ends both subscriptions
	requests := chromedp.Events(watch, network.RequestWillBeSent)
	console := chromedp.Console(watch)
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for ev, err := range requests {
			if err != nil {
				return
			}
			u, err := url.Parse(ev.Request.URL)
			if err == nil && u.Scheme != "data" && u.Host != strings.TrimPrefix(srv.URL, "http://") {
				mu.Lock()
				problems = append(problems, "request to another host: "+ev.Request.URL)
				mu.Unlock()
			}
		}
	}()
	go func() {
		defer wg.Done()
		for m, err := range console {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleException || m.Type == chromedp.ConsoleError || strings.Contains(m.Text, "Content Security Policy") {
				mu.Lock()
				problems = append(problems, "console: "+m.String())
				mu.Unlock()
			}
		}
	}()
	t.Cleanup(func() {
		time.Sleep(150 * time.Millisecond) // let the last events arrive
		stop()
		wg.Wait()
		for _, p := range problems {
			t.Error(p)
		}
	})

	do := func(steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatal(err)
		}
	}
	poll := func(what, js string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Poll[string](js, chromedp.WithPollingTimeout(15*time.Second)))
		if err != nil {
			t.Fatalf("waiting for %s: %v", what, err)
		}
		return v
	}
	const box = `[data-search] [data-search-input]`
	// loaded counts the page's own requests for search.js (the service
	// worker fetches it again to store it).
	loaded := func() int {
		t.Helper()
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`performance.getEntriesByType("resource")
			.filter(function (e) { return /\/assets\/search\.[0-9a-f]+\.js$/.test(e.name); }).length`))
		if err != nil {
			t.Fatal(err)
		}
		return n
	}

	// An ordinary page does not load search.js.
	do(chromedp.Navigate(srv.URL+"/objections/"), chromedp.WaitReady(chromedp.CSS("body")))
	poll("the page to load", `document.readyState === "complete" && "ok"`)
	if n := loaded(); n != 0 {
		t.Fatalf("search.js loaded %d times before the search box was used", n)
	}

	// Typing at once: the first keys arrive before search.js runs.
	do(chromedp.SendKeys(box, "kein Budget"))
	// Results for a partial query ("ke") may show first: wait for the
	// expected page, or report what the full query shows instead.
	href := poll("the first result", `(function () {
		var a = document.querySelector("[data-search-results] a[data-search-result]");
		var p = a && !a.closest("[hidden]") ? new URL(a.href).pathname : "";
		if (p === "/objections/kein-budget/") return p;
		window.__polls = (window.__polls || 0) + 1;
		return window.__polls > 50 ? p || "nothing" : "";
	})()`)
	if href != "/objections/kein-budget/" {
		t.Errorf("first result for %q points to %s, want /objections/kein-budget/", "kein Budget", href)
	}
	if v := poll("the box", `document.querySelector(`+"`"+box+"`"+`).value`); v != "kein Budget" {
		t.Errorf("search box holds %q, want %q", v, "kein Budget")
	}
	if n := loaded(); n != 1 {
		t.Errorf("search.js requested %d times, want once", n)
	}

	// "/" focuses the box from anywhere on the page, loading search.js.
	do(chromedp.Navigate(srv.URL+"/objections/kein-budget/"), chromedp.WaitReady(chromedp.CSS("body")))
	poll("the page to load", `document.readyState === "complete" && "ok"`)
	// One keyDown with its text, as a keyboard sends it, so that
	// preventDefault keeps the "/" out of the box (chromedp.KeyEvent would
	// send the character as an event of its own).
	for _, typ := range []input.DispatchKeyEventType{input.DispatchKeyEventTypeKeyDown, input.DispatchKeyEventTypeKeyUp} {
		if _, err := chromedp.Call(ctx, input.DispatchKeyEvent, input.DispatchKeyEventParams{
			Type: typ, Key: "/", Code: "Slash", Text: "/", WindowsVirtualKeyCode: 191, NativeVirtualKeyCode: 191}); err != nil {
			t.Fatal(err)
		}
	}
	poll("focus in the search box after /", `document.activeElement && document.activeElement.matches(`+"`"+box+"`"+`) && document.activeElement.value === "" && "ok"`)
	poll("search.js after /", `window.PlaybookSearch && "ok"`)

	// The search page loads search.js at once and lists results for ?q=.
	do(chromedp.Navigate(srv.URL+"/search/?q=Mailbox"), chromedp.WaitReady(chromedp.CSS("body")))
	n := poll("results on the search page", `(function () {
		var n = document.querySelectorAll("[data-search-page] a[data-search-result]").length;
		return n ? String(n) : "";
	})()`)
	first := poll("the first hit", `new URL(document.querySelector("[data-search-page] a[data-search-result]").href).pathname`)
	if !strings.HasPrefix(first, "/") || first == "/search/" {
		t.Errorf("first hit for Mailbox: %s (of %s)", first, n)
	}
}

// staticHost serves files like a static host ("/x/" is x/index.html, 404.html
// for misses), under the strict CSP.
func staticHost(files map[string][]byte) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
		if p == "" || strings.HasSuffix(r.URL.Path, "/") {
			p = path.Join(p, "index.html")
		}
		data, ok := files[p]
		status := http.StatusOK
		if !ok {
			p, data, status = "404.html", files["404.html"], http.StatusNotFound
		}
		if ct := browsertest.ContentType(p); ct != "" {
			w.Header().Set("Content-Type", ct)
		}
		w.Header().Set("Content-Security-Policy", csp)
		w.WriteHeader(status)
		_, _ = w.Write(data)
	})
}

package search_test

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"playbook/generator/browsertest"
)

// measureWords are typical corpus words, the last one very common.
var measureWords = []string{"Budget", "Einwand", "Termin", "Kunden"}

// traffic counts the search-related requests a static host answers.
type traffic struct {
	mu    sync.Mutex
	files browsertest.Files
	reqs  int
	raw   int
	gz    int
	paths []string
}

func (tr *traffic) hit(r *http.Request, size int) {
	p := r.URL.Path
	counted := strings.HasPrefix(p, "/search/") || strings.HasPrefix(p, "/pagefind/") ||
		(strings.HasPrefix(p, "/assets/search.") && (strings.HasSuffix(p, ".js") || strings.HasSuffix(p, ".css")))
	if !counted {
		return
	}
	key := strings.TrimPrefix(p, "/")
	if strings.HasSuffix(key, "/") {
		key += "index.html"
	}
	gz := gzipLen(tr.files[key])
	tr.mu.Lock()
	defer tr.mu.Unlock()
	tr.reqs++
	tr.raw += size
	tr.gz += gz
	tr.paths = append(tr.paths, p)
}

// take returns the counts since the last call and resets them.
func (tr *traffic) take() (reqs, raw, gz int, paths []string) {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	reqs, raw, gz, paths = tr.reqs, tr.raw, tr.gz, tr.paths
	tr.reqs, tr.raw, tr.gz, tr.paths = 0, 0, 0, nil
	return
}

func gzipLen(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
	_, _ = w.Write(b)
	_ = w.Close()
	return buf.Len()
}

// loadSite reads the parts of a built site a search session can fetch:
// top-level files, assets/, search/ and pagefind/. The service worker is
// left out so that its precaching does not blur the counts.
func loadSite(t *testing.T, dir string) browsertest.Files {
	t.Helper()
	files := browsertest.Files{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel == "." || rel == "assets" || rel == "search" || strings.HasPrefix(rel, "pagefind") {
				return nil
			}
			return fs.SkipDir
		}
		if rel == "sw.js" || strings.HasPrefix(rel, "assets/sw.") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files[rel] = b
		return nil
	})
	if err != nil {
		t.Fatalf("load %s: %v", dir, err)
	}
	return files
}

// observer records performance.now() when the /search/ page first shows
// results or its no-results status, and again for a warm query (marked by
// window.__warm = query) once fresh results replace the old ones.
const observer = `(function () {
  function check() {
    var p = document.querySelector('[data-search-page]');
    if (!p) return;
    var a = p.querySelector('a[data-search-result]');
    var st = p.querySelector('.search-status');
    var st0 = st ? st.textContent : '';
    if (!window.__first && (a || (window.__q && st0.indexOf(window.__q) >= 0))) {
      window.__first = performance.now();
      window.__firstN = p.querySelectorAll('a[data-search-result]').length;
    }
    if (window.__warm && !window.__warmT && ((a && !a.__old) || (!a && st0.indexOf(window.__warm) >= 0))) {
      window.__warmT = performance.now();
      window.__warmN = p.querySelectorAll('a[data-search-result]').length;
    }
  }
  new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true });
})();`

// pfPage runs one Pagefind query on load and exposes runQ for a warm one.
const pfPage = `<!doctype html><meta charset="utf-8"><title>pf</title>
<script type="module">
const pagefind = await import("/pagefind/pagefind.js");
window.runQ = async function (q) {
  const t0 = performance.now();
  const r = await pagefind.search(q);
  await Promise.all(r.results.slice(0, 5).map((x) => x.data()));
  return { n: r.results.length, ms: performance.now() - t0, at: performance.now() };
};
const q = new URLSearchParams(location.search).get("q");
const out = await window.runQ(q);
window.first = out.at; window.firstN = out.n;
window.done = true;
</script>`

// TestMeasureSearch measures cold and warm queries against a built site on
// disk (PLAYBOOK_SEARCH_SITE); with PLAYBOOK_PAGEFIND=1 it queries the
// Pagefind index of that site through a small page instead. It only logs.
func TestMeasureSearch(t *testing.T) {
	dir := os.Getenv("PLAYBOOK_SEARCH_SITE")
	if dir == "" {
		t.Skip("set PLAYBOOK_SEARCH_SITE to a built site to measure search")
	}
	pf := os.Getenv("PLAYBOOK_PAGEFIND") == "1"
	files := loadSite(t, dir)
	if pf {
		files["pf.html"] = []byte(pfPage)
	}
	tr := &traffic{files: files}
	base := browsertest.Serve(t, files, tr.hit)

	var rows []string
	for i, w := range measureWords {
		warm := measureWords[(i+1)%len(measureWords)]
		t.Run(w, func(t *testing.T) {
			ctx := browsertest.New(t, 90*time.Second) // fresh profile: cold cache
			tr.take()
			var first, warmMS float64
			var firstN, warmN int
			if pf {
				if err := chromedp.Do(ctx, chromedp.Navigate(base+"/pf.html?q="+url.QueryEscape(w))); err != nil {
					t.Fatal(err)
				}
				if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`window.done === true`, chromedp.WithPollingTimeout(60*time.Second))); err != nil {
					t.Fatalf("pagefind query: %v", err)
				}
				v, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`[window.first, window.firstN]`))
				if err != nil {
					t.Fatal(err)
				}
				first, firstN = v[0], int(v[1])
			} else {
				if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument,
					page.AddScriptToEvaluateOnNewDocumentParams{Source: "window.__q=" + jsString(w) + ";" + observer}); err != nil {
					t.Fatal(err)
				}
				if err := chromedp.Do(ctx, chromedp.Navigate(base+"/search/?q="+url.QueryEscape(w))); err != nil {
					t.Fatal(err)
				}
				if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`!!window.__first`, chromedp.WithPollingTimeout(60*time.Second))); err != nil {
					t.Fatalf("cold query: %v", err)
				}
				v, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`[window.__first, window.__firstN]`))
				if err != nil {
					t.Fatal(err)
				}
				first, firstN = v[0], int(v[1])
			}
			time.Sleep(300 * time.Millisecond) // late requests belong to the cold query
			cReq, cRaw, cGz, cPaths := tr.take()

			if pf {
				v, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]float64](`window.runQ(`+jsString(warm)+`)`, chromedp.EvalAwaitPromise))
				if err != nil {
					t.Fatal(err)
				}
				warmMS, warmN = v["ms"], int(v["n"])
			} else {
				// Mark the shown results as old, then set the box as a user
				// would and fire input (the box debounces before searching).
				js := `(function () {
				  document.querySelectorAll('[data-search-page] a[data-search-result]').forEach(function (a) { a.__old = true; });
				  var box = document.querySelector('[data-search] [data-search-input]');
				  box.focus(); box.value = ` + jsString(warm) + `;
				  window.__warm = ` + jsString(warm) + `; window.__warm0 = performance.now();
				  box.dispatchEvent(new Event('input', { bubbles: true }));
				  return true;
				})()`
				if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js)); err != nil {
					t.Fatal(err)
				}
				if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`!!window.__warmT`, chromedp.WithPollingTimeout(30*time.Second))); err != nil {
					t.Fatalf("warm query: %v", err)
				}
				v, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`[window.__warmT - window.__warm0, window.__warmN]`))
				if err != nil {
					t.Fatal(err)
				}
				warmMS, warmN = v[0], int(v[1])
			}
			time.Sleep(300 * time.Millisecond)
			wReq, wRaw, wGz, wPaths := tr.take()
			t.Logf("cold %s: %v", w, cPaths)
			t.Logf("warm %s: %v", warm, wPaths)
			rows = append(rows, fmt.Sprintf("%-8s %5d hits %7.0f ms | %3d req %9d B raw %9d B gz || warm %-8s %5d hits %6.0f ms | %3d req %9d B raw %9d B gz",
				w, firstN, first, cReq, cRaw, cGz, warm, warmN, warmMS, wReq, wRaw, wGz))
		})
	}
	kind := "playbook"
	if pf {
		kind = "pagefind"
	}
	t.Logf("%s on %s (cold ms: navigation start to first result; warm ms: input to results, incl. debounce)", kind, dir)
	for _, r := range rows {
		t.Log(r)
	}
	var n, raw, gz int
	for p, b := range files {
		if strings.HasPrefix(p, "search/") && p != "search/index.html" || strings.HasPrefix(p, "pagefind/") {
			n++
			raw += len(b)
			gz += gzipLen(b)
		}
	}
	t.Logf("index files %d, %d B raw, %d B gzip", n, raw, gz)
}

// jsString quotes s as a JavaScript string literal (the words are plain).
func jsString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "<", `\x3c`).Replace(s) + `"`
}

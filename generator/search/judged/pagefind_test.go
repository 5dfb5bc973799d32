package judged_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"playbook/generator/browsertest"
	"playbook/generator/search"
)

// pfQuery runs the queries through Pagefind's JS API in the page and
// returns the first ten URLs of each.
const pfQuery = `<!doctype html><html lang="de"><meta charset="utf-8"><title>pf</title>
<script type="module">
const pagefind = await import("/pagefind/pagefind.js");
window.runAll = async function (qs) {
  const out = [];
  for (const q of qs) {
    const r = await pagefind.search(q);
    const top = await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
    out.push(top.map((d) => d.url));
  }
  return out;
};
window.ready = true;
</script>`

// TestPagefindJudged compares Pagefind with our search on the judged
// queries: the example playbook is built, Pagefind (PLAYBOOK_PAGEFIND: a
// folder whose node_modules hold pagefind, e.g. /tmp/pf) indexes the
// pages our index holds, their main content only (data-pagefind-body on
// <main>, as a Pagefind site would set it up), and headless Chromium asks
// its JS API. It fails when Pagefind ranks better on either figure.
func TestPagefindJudged(t *testing.T) {
	pfDir := os.Getenv("PLAYBOOK_PAGEFIND")
	if pfDir == "" {
		t.Skip("set PLAYBOOK_PAGEFIND to a folder with node_modules/pagefind to compare with Pagefind")
	}
	files := exampleSite(t)
	ix := indexOf(t, files)
	pages := indexedPages(t, files)
	site := t.TempDir()
	for p, data := range files {
		if strings.HasSuffix(p, ".html") && pages["/"+strings.TrimSuffix(p, "index.html")] {
			data = bytes.Replace(data, []byte("<main "), []byte("<main data-pagefind-body "), 1)
		}
		dst := filepath.Join(site, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command("npx", "--no-install", "pagefind", "--site", site)
	cmd.Dir = pfDir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("pagefind: %v\n%s", err, out)
	}
	served := browsertest.Files{"pfq.html": []byte(pfQuery)}
	err := filepath.WalkDir(filepath.Join(site, "pagefind"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(site, p)
		data, err := os.ReadFile(p)
		served[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	base := browsertest.Serve(t, served, nil)
	ctx := browsertest.New(t, 2*time.Minute)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/pfq.html")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`window.ready === true`, chromedp.WithPollingTimeout(30*time.Second))); err != nil {
		t.Fatalf("pagefind did not load: %v", err)
	}
	js := loadJudgements(t)
	qs := make([]string, len(js))
	for i, j := range js {
		qs[i] = j.Query
	}
	arg, _ := json.Marshal(qs)
	answers, err := chromedp.Run(ctx, chromedp.Evaluate[[][]string](`window.runAll(`+string(arg)+`)`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	byQuery := map[string][]string{}
	for i, q := range qs {
		byQuery[q] = answers[i]
	}
	pfMiss := 0
	pf := judge(js, func(q string) []string { return byQuery[q] }, func(j judgement, w string, top []string) {
		pfMiss++
		t.Logf("pagefind: %q: %s not in the first three: %q", j.Query, w, top)
	})
	ours := judge(js, func(q string) []string {
		var got []string
		for _, r := range ix.Search(q, search.Filter{}, 10) {
			got = append(got, r.URL)
		}
		return got
	}, func(judgement, string, []string) {})
	t.Logf("%d judged queries, %d pages indexed by both", len(js), len(pages))
	t.Logf("ours:     %2d pass, precision@3 %.3f, MRR %.3f", ours.passed, ours.p3, ours.mrr)
	t.Logf("pagefind: %2d pass, precision@3 %.3f, MRR %.3f", pf.passed, pf.p3, pf.mrr)
	if pf.p3 > ours.p3 || pf.mrr > ours.mrr {
		t.Errorf("Pagefind ranks better than our search on the judged queries")
	}
}

// indexedPages returns the URLs our index holds, read from its metadata
// shards (entry [url, ...] by page).
func indexedPages(t *testing.T, files map[string][]byte) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	for p, data := range files {
		if !strings.HasPrefix(path.Base(p), "m-") || !strings.HasPrefix(p, "search/") {
			continue
		}
		var raw struct {
			D []json.RawMessage `json:"d"`
		}
		if err := json.Unmarshal(data, &raw); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for _, d := range raw.D {
			var e []json.RawMessage
			var url string
			if json.Unmarshal(d, &e) == nil && len(e) > 0 && json.Unmarshal(e[0], &url) == nil {
				out[url] = true
			}
		}
	}
	if len(out) == 0 {
		t.Fatal("no indexed pages found")
	}
	return out
}

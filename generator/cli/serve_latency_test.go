package cli

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"
)

// TestServeEditServed measures watch mode without a browser: the time from
// writing a content file to the server answering with the changed page,
// polled over HTTP every millisecond. It alternates body edits (shown by an
// early render) and front matter edits (shown only by the whole rebuild):
//
//	PLAYBOOK_WATCH_BENCH=/tmp/playbook-bench/c10000 PLAYBOOK_WATCH_EDITS=40 go test -run TestServeEditServed -v ./generator/cli
//
// With many edits it also reports the live heap (the server runs in the
// test's process): PLAYBOOK_WATCH_EDITS=1000 PLAYBOOK_WATCH_PAUSE=150ms.
func TestServeEditServed(t *testing.T) {
	dir, target, url, orig := benchCorpus(t, 3)
	base := startServe(t, dir)
	n := benchEdits(20)
	pause := 800 * time.Millisecond
	if s := os.Getenv("PLAYBOOK_WATCH_PAUSE"); s != "" {
		if d, err := time.ParseDuration(s); err == nil {
			pause = d
		}
	}
	var heap10 uint64
	var body, front []time.Duration
	for i := 0; i < n; i++ {
		marker := fmt.Sprintf("Bearbeitung%dX", i)
		data := string(orig) + "\n\n" + marker + "\n"
		frontEdit := i%4 == 3
		if frontEdit {
			// A new summary: every listing that shows the page changes too.
			data = strings.Replace(string(orig), `summary = "`, `summary = "`+marker+` `, 1)
			data = strings.Replace(data, `summary: "`, `summary: "`+marker+` `, 1)
			if !strings.Contains(data, marker) {
				t.Fatal("the page has no quoted summary to edit")
			}
		}
		if err := os.WriteFile(target, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		for {
			if time.Since(start) > 30*time.Second {
				t.Fatalf("edit %d never served", i)
			}
			resp, err := http.Get(base + url)
			if err == nil {
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if strings.Contains(string(b), marker) {
					break
				}
			}
			time.Sleep(time.Millisecond)
		}
		if frontEdit {
			front = append(front, time.Since(start))
		} else {
			body = append(body, time.Since(start))
		}
		// Give the background rebuild time to finish, as an author's pause would.
		time.Sleep(pause)
		if i == 9 {
			heap10 = liveHeap()
		}
	}
	t.Logf("edit to served page: body edits %s; front matter edits %s", stats(body), stats(front))
	if n > 10 {
		t.Logf("live heap of the whole process after 10 edits %d MiB, after %d edits %d MiB", heap10>>20, n, liveHeap()>>20)
	}
}

func stats(d []time.Duration) string {
	if len(d) == 0 {
		return "none"
	}
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	return fmt.Sprintf("median %s over %d (min %s, max %s)", d[len(d)/2].Round(100*time.Microsecond), len(d), d[0].Round(100*time.Microsecond), d[len(d)-1].Round(100*time.Microsecond))
}

// benchCorpus copies the corpus PLAYBOOK_WATCH_BENCH names to a temporary
// folder and picks an objection page to edit, at 1/at of the sorted list;
// the test skips without a corpus.
func benchCorpus(t *testing.T, at int) (dir, target, url string, orig []byte) {
	corpus := os.Getenv("PLAYBOOK_WATCH_BENCH")
	if corpus == "" {
		t.Skip("set PLAYBOOK_WATCH_BENCH to a corpus folder to measure")
	}
	dir = t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(corpus)); err != nil {
		t.Fatal(err)
	}
	matches, _ := filepath.Glob(filepath.Join(dir, "content/objections/*.md"))
	if len(matches) == 0 {
		t.Fatal("no objection pages in corpus")
	}
	sort.Strings(matches)
	target = matches[len(matches)/at]
	rel, _ := filepath.Rel(filepath.Join(dir, "content"), target)
	url = strings.TrimSuffix(filepath.ToSlash(rel), ".md") + "/"
	orig, err := os.ReadFile(target)
	if err != nil {
		t.Fatal(err)
	}
	return dir, target, url, orig
}

// benchEdits is PLAYBOOK_WATCH_EDITS, else def.
func benchEdits(def int) int {
	if s := os.Getenv("PLAYBOOK_WATCH_EDITS"); s != "" {
		fmt.Sscan(s, &def)
	}
	return def
}

func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

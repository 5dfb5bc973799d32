package cli

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"playbook/generator/browsertest"
)

// startServe runs `playbook serve DIR --port 0` in the background and returns
// the site's URL once it is listening.
func startServe(t testing.TB, dir string, extra ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	go func() {
		args := append([]string{"serve", dir, "--port", "0"}, extra...)
		done <- Main(ctx, args, pw, testLog{t}, func(string) string { return "" })
		pw.Close()
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Error("serve did not stop within 10 s of Ctrl-C")
		}
	})
	urlRE := regexp.MustCompile(`http://127\.0\.0\.1:\d+/`)
	lines := bufio.NewScanner(pr)
	found := make(chan string, 1)
	go func() {
		for lines.Scan() {
			if u := urlRE.FindString(lines.Text()); u != "" {
				found <- u
				break
			}
		}
		io.Copy(io.Discard, pr)
	}()
	select {
	case u := <-found:
		return u
	case <-time.After(60 * time.Second):
		t.Fatal("serve did not start")
	}
	return ""
}

func saveFile(t testing.TB, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	// Write and rename, as editors with atomic save do.
	tmp := name + ".tmp~"
	if err := os.WriteFile(tmp, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, name); err != nil {
		t.Fatal(err)
	}
}

const smallPlaybook = `title = "Vorschau"
language = "de"
`

func mdPage(title, body string) string {
	return "+++\ntitle = \"" + title + "\"\n+++\n\n" + body + "\n"
}

// waitText polls the open page until its text contains want.
func waitText(ctx context.Context, want string, limit time.Duration) (time.Duration, error) {
	start := time.Now()
	for time.Since(start) < limit {
		got, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf(`document.body !== null && document.body.innerText.includes(%q)`, want)))
		if err == nil && got {
			return time.Since(start), nil
		}
		time.Sleep(2 * time.Millisecond)
	}
	return 0, fmt.Errorf("page never showed %q", want)
}

func TestServeLiveReload(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	dir := t.TempDir()
	saveFile(t, filepath.Join(dir, "playbook.toml"), smallPlaybook)
	saveFile(t, filepath.Join(dir, "content/objections/kein-budget.md"), mdPage("Kein Budget", "Erste Fassung."))
	base := startServe(t, dir)
	ctx := browsertest.New(t, 90*time.Second)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"objections/kein-budget/")); err != nil {
		t.Fatal(err)
	}
	if _, err := waitText(ctx, "Erste Fassung", 30*time.Second); err != nil {
		t.Fatal(err)
	}

	// An edit shows up without the reader doing anything.
	saveFile(t, filepath.Join(dir, "content/objections/kein-budget.md"), mdPage("Kein Budget", "Zweite Fassung."))
	if _, err := waitText(ctx, "Zweite Fassung", 30*time.Second); err != nil {
		t.Fatal(err)
	}

	// A broken page shows an overlay naming file and line; the last good page stays.
	saveFile(t, filepath.Join(dir, "content/objections/kein-budget.md"), "+++\ntitle = \"Kein Budget\"\nweight = \"x\"\n+++\n\nKaputt.\n")
	if _, err := waitText(ctx, "content/objections/kein-budget.md", 30*time.Second); err != nil {
		t.Fatal(err)
	}
	if _, err := waitText(ctx, "Zweite Fassung", time.Second); err != nil {
		t.Fatal("last good page not kept:", err)
	}

	// Fixing it clears the overlay and shows the fix.
	saveFile(t, filepath.Join(dir, "content/objections/kein-budget.md"), mdPage("Kein Budget", "Dritte Fassung."))
	if _, err := waitText(ctx, "Dritte Fassung", 30*time.Second); err != nil {
		t.Fatal(err)
	}
	overlay, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.body.innerText.includes("weight must be")`))
	if err != nil || overlay {
		t.Fatalf("overlay still shown after the fix (%v)", err)
	}

	// A new folder with a page is picked up.
	saveFile(t, filepath.Join(dir, "content/pitches/neu/kurz.md"), mdPage("Kurzpitch", "Ganz neu."))
	// The open page reloads too (the navigation gained a section): wait for
	// that before navigating, or the reload would cancel the navigation.
	if _, err := waitText(ctx, "Pitches", 30*time.Second); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"pitches/neu/kurz/")); err != nil {
		t.Fatal(err)
	}
	if _, err := waitText(ctx, "Ganz neu", 30*time.Second); err != nil {
		body, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href + "\n" + document.body.innerText.slice(0, 300)`))
		t.Fatalf("%v; the page shows:\n%s", err, body)
	}
}

// TestServeEditLatency measures the time from writing a content file to the
// open page showing the change, on a benchmark corpus:
// PLAYBOOK_WATCH_BENCH=/tmp/playbook-bench/c1000 go test -run ServeEditLatency ./generator/cli -v
func TestServeEditLatency(t *testing.T) {
	corpus := os.Getenv("PLAYBOOK_WATCH_BENCH")
	if corpus == "" {
		t.Skip("set PLAYBOOK_WATCH_BENCH to a corpus folder to measure")
	}
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(corpus)); err != nil {
		t.Fatal(err)
	}
	matches, _ := filepath.Glob(filepath.Join(dir, "content/objections/*.md"))
	if len(matches) == 0 {
		t.Fatal("no objection pages in corpus")
	}
	sort.Strings(matches)
	target := matches[len(matches)/2]
	rel, _ := filepath.Rel(filepath.Join(dir, "content"), target)
	url := strings.TrimSuffix(filepath.ToSlash(rel), ".md") + "/"
	orig, err := os.ReadFile(target)
	if err != nil {
		t.Fatal(err)
	}
	base := startServe(t, dir)
	ctx := browsertest.New(t, 10*time.Minute)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+url)); err != nil {
		t.Fatal(err)
	}
	n := 30
	if s := os.Getenv("PLAYBOOK_WATCH_EDITS"); s != "" {
		fmt.Sscan(s, &n)
	}
	var lat []time.Duration
	for i := 0; i < n; i++ {
		marker := fmt.Sprintf("Bearbeitung%dX", i)
		if err := os.WriteFile(target, append(append([]byte(nil), orig...), []byte("\n\n"+marker+"\n")...), 0o644); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		if _, err := waitText(ctx, marker, 30*time.Second); err != nil {
			t.Fatal(err)
		}
		lat = append(lat, time.Since(start))
		time.Sleep(50 * time.Millisecond)
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	t.Logf("edit to visible change over %d edits: median %s, min %s, max %s", n, lat[n/2], lat[0], lat[n-1])
}

// testLog sends the server's terminal output to the test log.
type testLog struct{ t testing.TB }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

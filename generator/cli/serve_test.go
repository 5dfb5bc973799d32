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
	dir, target, url, orig := benchCorpus(t, 2)
	base := startServe(t, dir)
	ctx := browsertest.New(t, 10*time.Minute)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+url)); err != nil {
		t.Fatal(err)
	}
	n := benchEdits(30)
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

// TestServeSoftSwap checks the soft update with the default theme: a body
// edit swaps main without a navigation, keeps the scroll position, and the
// theme's scripts work on the new main (checklist ticks and progress,
// placeholders filling the script card, the copy button), bound once; a
// change outside main (a new section in the nav) reloads the page.
func TestServeSoftSwap(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	dir := t.TempDir()
	saveFile(t, filepath.Join(dir, "playbook.toml"), smallPlaybook+"\n[placeholders]\nVorname = \"Vorname der Ansprechperson\"\n")
	page := func(first string) string {
		body := first + "\n\n- [ ] Budget klären\n- [ ] Entscheider finden\n\n```script\nGuten Tag {{Vorname}}, danke für Ihre Zeit.\n```\n"
		for i := 0; i < 60; i++ {
			body += fmt.Sprintf("\nAbsatz %d füllt die Seite, damit sie sich scrollen lässt.\n", i)
		}
		return mdPage("Kein Budget", body)
	}
	file := filepath.Join(dir, "content/objections/kein-budget.md")
	saveFile(t, file, page("Erste Fassung."))
	base := startServe(t, dir)
	ctx := browsertest.New(t, 2*time.Minute)

	eval := func(js string) bool { t.Helper(); return browsertest.Eval[bool](t, ctx, js) }
	until := func(what, js string) { t.Helper(); browsertest.Until(t, ctx, what, js, 30*time.Second) }
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"objections/kein-budget/")); err != nil {
		t.Fatal(err)
	}
	if _, err := waitText(ctx, "Erste Fassung", 30*time.Second); err != nil {
		t.Fatal(err)
	}
	until("loaded", `document.readyState === "complete"`)
	time.Sleep(300 * time.Millisecond) // live.js connects and records the served page
	eval(`history.scrollRestoration = "manual"; window.marker = 1; window.scrollTo(0, 400); true`)
	until("scrolled", `Math.abs(window.scrollY - 400) < 5`)

	saveFile(t, file, page("Zweite Fassung."))
	if _, err := waitText(ctx, "Zweite Fassung", 30*time.Second); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ what, js string }{
		{"no navigation", `window.marker === 1`},
		{"scroll kept", `Math.abs(window.scrollY - 400) < 5`},
		{"one progress bar per checklist", `document.querySelectorAll(".checklist-bar").length === 1`},
		{"progress shown", `document.querySelector(".checklist-count").textContent.indexOf("0 / 2") === 0`},
		{"copy button shown", `!document.querySelector("[data-script-copy]").hidden`},
		{"placeholder panel shown", `!document.querySelector("[data-ph-panel]").hidden`},
	} {
		if !eval(c.js) {
			t.Errorf("after a soft update: %s: false: %s", c.what, c.js)
		}
	}

	// The scripts work on the swapped main.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`[data-task-box]`))); err != nil {
		t.Fatal(err)
	}
	until("progress after a tick", `document.querySelector(".checklist-count").textContent.indexOf("1 / 2") === 0 &&
		document.querySelector(".checklist-bar progress").value === 1`)
	eval(`document.querySelector("[data-ph-panel]").open = true; true`)
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS(`[data-ph-input][name="Vorname"]`), "Anna")); err != nil {
		t.Fatal(err)
	}
	until("script card filled", `document.querySelector('.ph[data-ph="Vorname"]').textContent === "Anna" &&
		document.querySelector('.ph[data-ph="Vorname"]').classList.contains("filled")`)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`[data-script-copy]`))); err != nil {
		t.Fatal(err)
	}
	until("copy button answered", `document.querySelector("[data-script-copy]").textContent !== "Kopieren"`)

	// Another edit: ticks and values come back from storage, bound once.
	saveFile(t, file, page("Dritte Fassung."))
	if _, err := waitText(ctx, "Dritte Fassung", 30*time.Second); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ what, js string }{
		{"no navigation", `window.marker === 1`},
		{"tick kept", `document.querySelector("[data-task-box]").checked &&
			document.querySelector(".checklist-count").textContent.indexOf("1 / 2") === 0`},
		{"placeholder kept", `document.querySelector('.ph[data-ph="Vorname"]').textContent === "Anna"`},
		{"panel kept open", `document.querySelector("[data-ph-panel]").open`},
		{"bound once", `document.querySelectorAll(".checklist-bar").length === 1`},
	} {
		if !eval(c.js) {
			t.Errorf("after the second soft update: %s: false: %s", c.what, c.js)
		}
	}
	eval(`document.querySelectorAll("[data-task-box]")[1].click(); true`)
	until("second tick counted once", `document.querySelector(".checklist-count").textContent.indexOf("2 / 2") === 0`)

	// A new section changes the nav of every page: a full reload.
	saveFile(t, filepath.Join(dir, "content/pitches/kurz.md"), mdPage("Kurzpitch", "Ganz neu."))
	until("reload for the new nav entry", `window.marker === undefined && document.querySelector("nav") !== null &&
		document.body.innerText.includes("Pitches")`)
}

package serve

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"playbook/generator/browsertest"
	"playbook/generator/output"
)

// swapPage is a page of a small theme for the soft-update tests.
type swapPage struct {
	title, text string
	nav         string // markup of the site navigation (outside main)
	script      string // src of the head script
	supported   bool   // main carries data-live-swap
	searchPage  bool   // main holds [data-search-page]
}

func (p swapPage) file() output.File {
	attr := ""
	if p.supported {
		attr = ` data-live-swap="[data-print-head]"`
	}
	search := ""
	if p.searchPage {
		search = `<div data-search-page></div>`
	}
	if p.script == "" {
		p.script = "/t.js"
	}
	return output.File{Path: "index.html", Data: []byte(`<!doctype html><html lang="de"><head><meta charset="utf-8">
<title>` + p.title + `</title>
<meta name="description" content="` + p.title + ` desc">
<link rel="stylesheet" href="/style.css">
<script src="` + p.script + `" defer></script>
</head>
<body><div class="print-head" data-print-head>` + p.title + `</div>
<header><nav>` + p.nav + `</nav><input id="q" name="q"></header>
<main id="main" tabindex="-1"` + attr + `>
<p id="t">` + p.text + `</p>` + search + `
<input id="x" name="x"> <details id="d"><summary>mehr</summary>Inhalt</details>
<div style="height:5000px"></div>
</main>
<footer>Fuß</footer>
</body></html>`)}
}

// swapScript stands in for a theme's scripts: it counts swap events and
// checks that detail is the main now in the page.
const swapScript = `window.swaps = 0;
document.addEventListener("playbook:swap", function (e) {
  window.swaps++;
  window.detailOK = e.detail === document.querySelector("main") && document.querySelectorAll("main").length === 1;
});`

// TestSoftUpdateInBrowser drives live.js's soft update in headless
// Chromium: a body edit swaps main in place (no navigation, scroll, focus,
// field values and title kept or updated), a burst of edits ends on the
// last one, and every case it must not handle falls back to a reload: a
// changed nav, a changed head script, a theme without data-live-swap, the
// search page, and a page that is gone.
func TestSoftUpdateInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	s := New(Options{})
	files := func(p swapPage) []output.File {
		return []output.File{p.file(),
			{Path: "style.css", Data: []byte("body{margin:0}")},
			{Path: "t.js", Data: []byte(swapScript)},
			{Path: "other/index.html", Data: []byte("<body>other</body>")}}
	}
	page := swapPage{title: "Eins", text: "eins", nav: `<a href="/">Start</a>`, supported: true}
	s.Publish(files(page))
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(func() {
		ts.CloseClientConnections() // the event stream never ends by itself
		ts.Close()
	})
	ctx := browsertest.New(t, 2*time.Minute)

	eval := func(js string) bool { t.Helper(); return browsertest.Eval[bool](t, ctx, js) }
	until := func(what, js string) { t.Helper(); browsertest.Until(t, ctx, what, js, 20*time.Second) }
	// connected waits until live.js listens and has had time to record the
	// served version.
	connected := func() {
		t.Helper()
		for deadline := time.Now().Add(15 * time.Second); s.Hub().Len() == 0; time.Sleep(10 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatal("live.js never connected")
			}
		}
		until("page loaded", `document.readyState === "complete"`)
		time.Sleep(100 * time.Millisecond) // the baseline fetch after load
	}
	publish := func(p swapPage) {
		t.Helper()
		page = p
		s.Publish(files(p))
	}
	// reloadedTo waits for a full reload that shows text.
	reloadedTo := func(what, text string) {
		t.Helper()
		until(what, fmt.Sprintf(`window.marker === undefined && document.getElementById("t") && document.getElementById("t").textContent === %q`, text))
		connected()
		eval(`window.marker = 1; true`)
	}

	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/")); err != nil {
		t.Fatal(err)
	}
	connected()
	eval(`history.scrollRestoration = "manual"; window.marker = 1;
		var x = document.getElementById("x"); x.value = "abc"; x.focus({preventScroll: true}); x.setSelectionRange(1, 2);
		document.getElementById("d").open = true; window.scrollTo(0, 600); true`)
	until("scrolled", `Math.abs(window.scrollY - 600) < 5`)

	// A body edit: swapped, nothing reloaded.
	p := page
	p.title, p.text = "Zwei", "zwei"
	publish(p)
	until("soft update", `document.getElementById("t").textContent === "zwei"`)
	checks := []struct{ what, js string }{
		{"no navigation", `window.marker === 1`},
		{"one swap event, detail = new main", `window.swaps === 1 && window.detailOK === true`},
		{"scroll kept", `Math.abs(window.scrollY - 600) < 5`},
		{"title synced", `document.title === "Zwei"`},
		{"description synced", `document.querySelectorAll('meta[name="description"]').length === 1 &&
			document.querySelector('meta[name="description"]').content === "Zwei desc"`},
		{"extra region swapped", `document.querySelector("[data-print-head]").textContent === "Zwei"`},
		{"focus and selection kept", `document.activeElement && document.activeElement.id === "x" &&
			document.activeElement.selectionStart === 1 && document.activeElement.selectionEnd === 2`},
		{"field value kept", `document.getElementById("x").value === "abc"`},
		{"details kept open", `document.getElementById("d").open === true`},
	}
	for _, c := range checks {
		if !eval(c.js) {
			t.Errorf("after a soft update: %s: false: %s", c.what, c.js)
		}
	}

	// A burst of edits while focus is outside main: ends on the last one,
	// focus stays in the header.
	eval(`document.getElementById("q").focus(); true`)
	for _, text := range []string{"drei-a", "drei-b", "drei"} {
		p := page
		p.text = text
		publish(p)
	}
	until("burst", `document.getElementById("t").textContent === "drei"`)
	time.Sleep(200 * time.Millisecond)
	if !eval(`window.marker === 1 && document.getElementById("t").textContent === "drei" && window.swaps >= 2 && window.swaps <= 4`) {
		t.Error("a burst of edits did not end in soft updates to the last version")
	}
	if !eval(`document.activeElement.id === "q"`) {
		t.Error("focus outside main moved")
	}

	// Changes outside main reload the page.
	p = page
	p.text, p.nav = "vier", `<a href="/">Start</a> <a href="/neu/">Neu</a>`
	publish(p)
	reloadedTo("reload for a new nav entry", "vier")

	p = page
	p.text, p.script = "fünf", "/t.js?v=2"
	publish(p)
	reloadedTo("reload for a changed head script", "fünf")

	// Another page changing touches neither.
	s.Publish(append(files(page)[:3], output.File{Path: "other/index.html", Data: []byte("<body>anders</body>")}))
	time.Sleep(300 * time.Millisecond)
	if !eval(`window.marker === 1 && window.swaps === 0`) {
		t.Error("a change to another page updated this one")
	}

	// A theme that does not declare support gets full reloads.
	p = page
	p.text, p.supported = "sechs", false
	publish(p)
	reloadedTo("reload to a theme without support", "sechs")
	p = page
	p.text = "sieben"
	publish(p)
	reloadedTo("reload in a theme without support", "sieben")

	// The search page always reloads.
	p = page
	p.text, p.supported, p.searchPage = "acht", true, true
	publish(p)
	reloadedTo("reload to the search page", "acht")
	p = page
	p.text = "neun"
	publish(p)
	reloadedTo("reload of the search page", "neun")

	// Back to a plain page, then it goes away: the fetch fails, the page
	// reloads (to the 404).
	p = page
	p.text, p.searchPage = "zehn", false
	publish(p)
	reloadedTo("reload to a plain page", "zehn")
	s.Publish(files(page)[1:])
	until("reload to 404", `window.marker === undefined && document.body.innerText.includes("404")`)
}

// TestCatchUpInBrowser covers an edit saved after the page was served but
// before live.js connected, whose event nobody received: live.js compares
// the page it was served with the server's and updates (a swap where the
// theme supports it, else a reload).
func TestCatchUpInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	ctx := browsertest.New(t, 2*time.Minute)
	for _, supported := range []bool{true, false} {
		s := New(Options{})
		files := func(text string) []output.File {
			p := swapPage{title: "T", text: text, supported: supported}
			return []output.File{p.file(), {Path: "t.js", Data: []byte(swapScript)}}
		}
		s.Publish(files("alt"))
		h := s.Handler()
		changed := make(chan struct{})
		var once sync.Once
		ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == eventsPath {
				select { // the event stream starts only after the silent edit
				case <-changed:
				case <-time.After(10 * time.Second):
				}
			}
			h.ServeHTTP(w, r)
			if r.URL.Path == "/" {
				// Change the site without an event, as if the edit came
				// before the browser listened.
				once.Do(func() {
					s.site.Store(newSite(files("neu"), s.site.Load()))
					close(changed)
				})
			}
		}))
		if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/")); err != nil {
			t.Fatal(err)
		}
		want := `document.getElementById("t").textContent === "neu"`
		if supported {
			want += ` && window.swaps === 1`
		}
		deadline := time.Now().Add(15 * time.Second)
		for {
			ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](want))
			if err == nil && ok {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("supported=%v: page never caught up (%s): %v", supported, want, err)
			}
			time.Sleep(10 * time.Millisecond)
		}
		if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
			t.Fatal(err)
		}
		ts.CloseClientConnections()
		ts.Close()
	}
}

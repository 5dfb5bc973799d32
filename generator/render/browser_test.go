package render

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"path"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// serve renders the test site (base path "/") and serves it from memory.
func serve(t *testing.T) *httptest.Server {
	t.Helper()
	s := testSite()
	s.Config.BaseURL = ""
	files, err := Render(s, loadTheme(t))
	if err != nil {
		t.Fatal(err)
	}
	m := map[string][]byte{}
	for _, f := range files {
		m[f.Path] = f.Data
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := strings.TrimPrefix(r.URL.Path, "/")
		if p == "" || strings.HasSuffix(p, "/") {
			p += "index.html"
		}
		data, ok := m[p]
		status := http.StatusOK
		if !ok {
			p, data, status = "404.html", m["404.html"], http.StatusNotFound
		}
		switch path.Ext(p) {
		case ".html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
		case ".js":
			w.Header().Set("Content-Type", "text/javascript")
		case ".css":
			w.Header().Set("Content-Type", "text/css")
		case ".svg":
			w.Header().Set("Content-Type", "image/svg+xml")
		}
		// The theme must work under a strict policy: no inline scripts or styles.
		w.Header().Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'")
		w.WriteHeader(status)
		_, _ = w.Write(data)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestBrowser drives playbook.js in Chromium: checklist ticks persist and
// reset, placeholders fill live and across pages, the copy button shows up,
// and no page throws.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	bin, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium not installed")
	}
	srv := serve(t)
	actx, cancel := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(bin), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	if err := chromedp.Do(ctx); err != nil { // start the browser without a timeout
		t.Fatal(err)
	}

	var mu sync.Mutex
	var thrown []string
	cctx, stopConsole := context.WithCancel(ctx)
	defer stopConsole()
	msgs := chromedp.Console(cctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleException || strings.Contains(m.Text, "Content Security Policy") {
				mu.Lock()
				thrown = append(thrown, m.Text+" at "+m.URL)
				mu.Unlock()
			}
		}
	}()

	tctx, tcancel := context.WithTimeout(ctx, 90*time.Second)
	defer tcancel()
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(tctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return strings.TrimSpace(s)
	}
	eval := func(js string) string {
		t.Helper()
		s, err := chromedp.Run(tctx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return s
	}
	do := func(steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(tctx, steps...); err != nil {
			t.Fatal(err)
		}
	}

	// Checklist: the source ticks the second item.
	do(chromedp.Navigate(srv.URL+"/checklists/erstgespraech/"), chromedp.WaitVisible(chromedp.CSS(".checklist-bar")))
	if got := text(".checklist-count"); got != "1 / 2 erledigt" {
		t.Errorf("count = %q", got)
	}
	do(chromedp.Click(chromedp.CSS(`[data-task="1a2b3c4d"] input`)))
	if got := text(".checklist-count"); got != "2 / 2 erledigt" {
		t.Errorf("count after tick = %q", got)
	}
	do(chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(".checklist-bar")))
	if got := text(".checklist-count"); got != "2 / 2 erledigt" {
		t.Errorf("count after reload = %q (ticks not kept)", got)
	}
	if got := eval(`localStorage.getItem("playbook:ticks:/checklists/erstgespraech/")`); !strings.Contains(got, `"1a2b3c4d":true`) {
		t.Errorf("stored ticks = %q", got)
	}
	do(chromedp.Click(chromedp.CSS("[data-checklist-reset]")))
	if got := text(".checklist-count"); got != "1 / 2 erledigt" {
		t.Errorf("count after reset = %q", got)
	}

	// Placeholders: typing fills every span; the value follows to other pages.
	do(chromedp.Navigate(srv.URL+"/objections/kein-budget/"), chromedp.WaitVisible(chromedp.CSS("[data-ph-panel]")),
		chromedp.SendKeys(chromedp.CSS(`input[name="Vorname"]`), "Jana"))
	if got := text(`.ph[data-ph="Vorname"]`); got != "Jana" {
		t.Errorf("placeholder span = %q", got)
	}
	if got := eval(`document.querySelector('.ph[data-ph="Vorname"]').className`); got != "ph filled" {
		t.Errorf("class = %q", got)
	}
	if got := text(`.ph[data-ph="Firma"]`); got != "{{Firma}}" {
		t.Errorf("unfilled span = %q", got)
	}
	if got := eval(`document.querySelector('[data-script-copy]').hidden ? "hidden" : "shown"`); got != "shown" {
		t.Error("copy button still hidden")
	}
	// Copy: the text comes from the DOM, filled placeholders in, <br> as a newline.
	eval(`Object.defineProperty(navigator, "clipboard", {configurable: true, value: {writeText: function (t) { window.copied = t; return Promise.resolve(); }}}); "ok"`)
	do(chromedp.Click(chromedp.CSS("[data-script-copy]")))
	if got := eval(`window.copied || ""`); got != "Verstehe ich, Jana.\nDarf ich fragen, wie {{Firma}} heute plant?" {
		t.Errorf("copied %q", got)
	}
	if got := text("[data-script-copy]"); got != "Kopiert" {
		t.Errorf("copy button says %q", got)
	}
	do(chromedp.Navigate(srv.URL+"/voicemails/erstkontakt/"), chromedp.WaitVisible(chromedp.CSS("[data-ph-panel]")))
	if got := text(`.ph[data-ph="Vorname"]`); got != "Jana" {
		t.Errorf("value not shared across pages: %q", got)
	}
	if got := eval(`document.querySelector('input[name="Vorname"]').value`); got != "Jana" {
		t.Errorf("input not restored: %q", got)
	}
	do(chromedp.Click(chromedp.CSS("[data-ph-clear]")))
	if got := text(`.ph[data-ph="Vorname"]`); got != "{{Vorname}}" {
		t.Errorf("after clear = %q", got)
	}

	// Pages without any of the features, and the 404 page, must not throw.
	for _, p := range []string{"/", "/tags/", "/cadences/neukunde/", "/workshops/onboarding/", "/nope.html"} {
		do(chromedp.Navigate(srv.URL+p), chromedp.WaitReady(chromedp.CSS("body")))
	}
	time.Sleep(200 * time.Millisecond) // let the last console events arrive
	mu.Lock()
	defer mu.Unlock()
	for _, e := range thrown {
		t.Errorf("page threw: %s", e)
	}
}

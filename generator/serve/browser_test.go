package serve

import (
	"context"
	"net"
	"net/http/httptest"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"playbook/generator/browsertest"
	"playbook/generator/output"
)

// TestLiveReloadInBrowser drives live.js in headless Chromium: CSS swap
// without reload, the error overlay (escaped), a change to another page
// (no reload) and to this page (reload, scroll kept).
func TestLiveReloadInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	var browser string
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			browser = p
			break
		}
	}
	if browser == "" {
		t.Skip("no Chromium installed")
	}

	page := func(text string) output.File {
		return output.File{Path: "index.html", Data: []byte(`<!doctype html><html lang="de"><head>` +
			`<link rel="stylesheet" href="/style.css"></head><body><p id="t">` + text +
			`</p><div style="height:5000px"></div></body></html>`)}
	}
	css := func(color string) output.File {
		return output.File{Path: "style.css", Data: []byte("body{color:" + color + "}")}
	}
	other := func(text string) output.File {
		return output.File{Path: "other/index.html", Data: []byte("<body>" + text + "</body>")}
	}

	s := New(Options{})
	s.Publish([]output.File{page("eins"), css("rgb(255, 0, 0)"), other("a")})
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(browser), chromedp.NoSandbox)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelA()
	bctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	// The first Run starts the browser, which lives as long as that call's
	// context: so no timeout on it, only on the later calls.
	if _, err := chromedp.Run(bctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start browser: %v", err)
	}
	ctx, cancelT := context.WithTimeout(bctx, 60*time.Second)
	defer cancelT()

	test := func(js string) bool { t.Helper(); return browsertest.Eval[bool](t, ctx, js) }
	until := func(what, js string) { t.Helper(); browsertest.Until(t, ctx, what, js, 30*time.Second) }
	connected := func() {
		t.Helper()
		for deadline := time.Now().Add(15 * time.Second); s.Hub().Len() == 0; time.Sleep(20 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatal("live.js never connected")
			}
		}
	}

	if _, err := chromedp.Run(ctx, chromedp.Navigate(ts.URL+"/")); err != nil {
		t.Fatal(err)
	}
	connected()
	until("red text", `getComputedStyle(document.body).color === "rgb(255, 0, 0)"`)
	// Manual restoration turns off the browser's own scroll keeping, so the
	// last step proves live.js restores the position.
	test(`history.scrollRestoration = "manual"; window.marker = 1; window.scrollTo(0, 600); true`)

	s.Publish([]output.File{page("eins"), css("rgb(0, 0, 255)"), other("a")})
	until("CSS swapped", `getComputedStyle(document.body).color === "rgb(0, 0, 255)"`)
	until("no reload for CSS", `window.marker === 1 && document.querySelectorAll("link[rel=stylesheet]").length === 1`)

	s.SetError("content/a.md:3:1: error: <img src=x onerror=\"window.pwned=1\">")
	until("overlay", `!!document.getElementById("playbook-build-error")`)
	until("overlay text", `document.getElementById("playbook-build-error").textContent.includes("content/a.md:3:1") &&
		document.getElementById("playbook-build-error").textContent.includes("<img src=x") &&
		document.getElementById("playbook-build-error").textContent.includes("Build fehlgeschlagen")`)
	time.Sleep(200 * time.Millisecond)
	if !test(`window.pwned === undefined && !document.querySelector("#playbook-build-error img")`) {
		t.Fatal("error message was injected as markup")
	}

	s.Publish([]output.File{page("eins"), css("rgb(0, 0, 255)"), other("b")})
	until("overlay gone", `!document.getElementById("playbook-build-error")`)
	time.Sleep(300 * time.Millisecond)
	if !test(`window.marker === 1`) {
		t.Fatal("page reloaded although only another page changed")
	}

	s.Publish([]output.File{page("zwei"), css("rgb(0, 0, 255)"), other("b")})
	until("reloaded", `window.marker === undefined && document.getElementById("t").textContent === "zwei"`)
	until("scroll kept", `Math.abs(window.scrollY - 600) < 5`)

	// A restarted server with other content: live.js reconnects and reloads.
	addr := ts.Listener.Addr().String()
	ts.Listener.Close() // first, so the browser cannot reconnect meanwhile
	ts.CloseClientConnections()
	ts.Close()
	s2 := New(Options{})
	s2.Publish([]output.File{page("drei"), css("rgb(0, 0, 255)"), other("b")})
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Skipf("cannot listen on %s again: %v", addr, err)
	}
	ts2 := httptest.NewUnstartedServer(s2.Handler())
	ts2.Listener.Close()
	ts2.Listener = ln
	ts2.Start()
	defer func() {
		cancel() // the browser goes first: Close waits for its event stream
		ts2.Close()
	}()
	until("reload after restart", `document.getElementById("t").textContent === "drei"`)
}

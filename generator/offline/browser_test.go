package offline_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"path"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"playbook/generator/browsertest"
	"playbook/generator/build"
	"playbook/generator/offline"
	"playbook/generator/output"
)

// buildSite builds a small playbook under the base path /pb/. Every page
// carries the word marker, so a test can tell which build served it.
func buildSite(t *testing.T, marker string, enabled bool) browsertest.Files {
	t.Helper()
	toml := "title = \"Außendienst-Playbook\"\nlanguage = \"de\"\nbase_url = \"https://example.com/pb/\"\n"
	if !enabled {
		toml += "\n[offline]\nenabled = false\n"
	}
	md := func(front, body string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("+++\n" + front + "\n+++\n\n" + body + "\n\nStand: " + marker + ".\n")}
	}
	fsys := fstest.MapFS{
		"playbook.toml":                        {Data: []byte(toml)},
		"content/_index.md":                    md(`title = "Start"`, "Willkommen. Zuerst: [kein Budget](objections/kein-budget.md)."),
		"content/objections/_index.md":         md(`title = "Einwände"`, "Die häufigsten Einwände."),
		"content/objections/kein-budget.md":    md("title = \"Kein Budget\"\nobjection = \"Wir haben kein Budget\"", "## Antwort\n\nNachfragen, wann geplant wird. Siehe [zu teuer](zu-teuer.md)."),
		"content/objections/zu-teuer.md":       md("title = \"Zu teuer\"\nobjection = \"Das ist uns zu teuer\"", "## Antwort\n\nVergleich mit dem Nutzen."),
		"content/pitches/_index.md":            md(`title = "Pitches"`, "Kurz und klar."),
		"content/pitches/dreissig-sekunden.md": md("title = \"30 Sekunden\"\nduration = \"30s\"", "Worum es geht."),
	}
	res, err := build.New().Build(context.Background(), build.Input{Dir: ".", FS: fsys, Now: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	files := browsertest.Files{}
	for _, f := range res.Files {
		files[f.Path] = f.Data
	}
	// Until generator/build and the layout carry the offline parts, add
	// them here the way they will: the tags of doc.go, then offline.Files
	// over the finished pages.
	if _, wired := files[offline.WorkerPath]; wired {
		return files
	}
	script := ""
	for p := range files {
		if strings.HasPrefix(p, "assets/offline.") {
			script = "/pb/" + p
		}
	}
	if script == "" {
		t.Fatal("the theme has no assets/offline.js")
	}
	var site []output.File
	for p, data := range files {
		if path.Ext(p) == ".html" && !bytes.Contains(data, []byte("data-offline")) {
			tags := `<link rel="manifest" href="/pb/manifest.webmanifest"><script src="` + script + `" defer`
			if enabled {
				tags += ` data-sw="/pb/sw.js"`
			}
			data = bytes.Replace(data, []byte("</head>"), []byte(tags+"></script></head>"), 1)
			data = bytes.Replace(data, []byte("</footer>"), []byte("<div data-offline></div></footer>"), 1)
			files[p] = data
		}
		site = append(site, output.File{Path: p, Data: data})
	}
	for _, f := range offline.Files(res.Config, site) {
		files[f.Path] = f.Data
	}
	return files
}

// host serves one build at a time under /pb/ like a static host, and can
// drop off the network: connections are then cut before any answer.
type host struct {
	site    atomic.Pointer[browsertest.Files]
	offline atomic.Bool
}

func (h *host) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if h.offline.Load() {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
		return
	}
	files := *h.site.Load()
	p, ok := strings.CutPrefix(r.URL.Path, "/pb/")
	if !ok {
		http.NotFound(w, r)
		return
	}
	if p == "" || strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	data, found := files[p]
	status := http.StatusOK
	if !found {
		if _, dir := files[p+"/index.html"]; dir {
			http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
			return
		}
		p, data, status = "404.html", files["404.html"], http.StatusNotFound
	}
	types := map[string]string{".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css",
		".json": "application/json", ".webmanifest": "application/manifest+json", ".svg": "image/svg+xml", ".png": "image/png"}
	if ct, ok := types[path.Ext(p)]; ok {
		w.Header().Set("Content-Type", ct)
	}
	// The theme and the worker must work under a strict policy.
	w.Header().Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'")
	w.WriteHeader(status)
	_, _ = w.Write(data)
}

func (h *host) publish(files browsertest.Files) { h.site.Store(&files) }

// TestBrowserOffline walks a rep through the issue: open the playbook, lose
// the network, save for offline, search offline, get a new build.
func TestBrowserOffline(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	h := &host{}
	h.publish(buildSite(t, "Zebrastreifen", true))
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	pb := srv.URL + "/pb/"
	ctx := browsertest.New(t, 150*time.Second)

	var mu sync.Mutex
	var thrown []string
	cctx, stop := context.WithCancel(ctx)
	defer stop()
	go func() {
		for m, err := range chromedp.Console(cctx) {
			if err != nil {
				return
			}
			// Inline styles are the theme's business; scripts must obey.
			if m.Type == chromedp.ConsoleException || strings.Contains(m.Text, "'script-src") {
				mu.Lock()
				thrown = append(thrown, m.Text+" at "+m.URL)
				mu.Unlock()
			}
		}
	}()

	do := func(steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatal(err)
		}
	}
	eval := func(js string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return s
	}
	wait := func(what, js string) {
		t.Helper()
		var err error
		for end := time.Now().Add(20 * time.Second); time.Now().Before(end); {
			// A poll does not survive a navigation (a reload after the
			// prompt): then poll the new page.
			_, err = chromedp.Run(ctx, chromedp.Poll[chromedp.Void](js, chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(time.Until(end))))
			if err == nil || !strings.Contains(err.Error(), "navigated") {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		if err != nil {
			t.Fatalf("waiting for %s (%s): %v\nworker: %s\npage: %s", what, js, err,
				eval("navigator.serviceWorker.getRegistration('/pb/').then(r => JSON.stringify(r && {scope: r.scope, active: r.active && r.active.state, waiting: r.waiting && r.waiting.state, installing: r.installing && r.installing.state}))"),
				eval("document.body ? document.body.innerText : ''"))
		}
	}
	text := func() string { t.Helper(); return eval("document.body.innerText") }
	visit := func(p string) string {
		t.Helper()
		do(chromedp.Navigate(pb + p))
		return text()
	}
	stored := func(p string) string { // has the worker stored this page (any version)?
		return "caches.open('playbook:/pb/:files').then(c => c.keys()).then(ks => ks.some(r => r.url.startsWith(location.origin + '/pb/" + p + "?pb=')))"
	}

	// First visit: the worker installs and takes the page over.
	visit("")
	wait("the worker controls the page", "navigator.serviceWorker.controller !== null")
	wait("the save button", "document.querySelector('[data-offline] button') !== null")
	if got := eval("document.querySelector('[data-offline] button').textContent"); !regexp.MustCompile(`^Für offline speichern \(\d+(,\d)? (kB|MB)\)$`).MatchString(got) {
		t.Errorf("save button = %q", got)
	}
	visit("objections/kein-budget/")
	wait("the visited page stored", stored("objections/kein-budget/"))

	// Hovering a link fetches its page ahead of the tap, once.
	if eval(stored("objections/zu-teuer/")+".then(String)") != "false" {
		t.Fatal("zu-teuer stored before anyone pointed at it")
	}
	xy, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`(a => { a.scrollIntoView({block: 'center'}); const r = a.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })(document.querySelector('main a[href="/pb/objections/zu-teuer/"]'))`))
	if err != nil {
		t.Fatal(err)
	}
	do(chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, xy[0], xy[1]))
	wait("the hovered link's page stored", stored("objections/zu-teuer/"))

	// Offline: the visited page works, an unvisited one gets the offline page.
	h.offline.Store(true)
	if got := visit("objections/kein-budget/"); !strings.Contains(got, "Wir haben kein Budget") || !strings.Contains(got, "Zebrastreifen") {
		t.Errorf("visited page offline:\n%s", got)
	}
	got := visit("pitches/dreissig-sekunden/")
	if !strings.Contains(got, "nicht offline gespeichert") || !strings.Contains(got, "Kein Budget") {
		t.Errorf("unvisited page offline should list the stored pages:\n%s", got)
	}
	h.offline.Store(false)

	// Save for offline, then everything works without the network.
	visit("")
	wait("the save button", "document.querySelector('[data-offline] button') !== null")
	do(chromedp.Click(chromedp.CSS("[data-offline] button")))
	wait("the save to finish", "document.querySelector('[data-offline]').dataset.state === 'done'")
	if got := eval("document.querySelector('[data-offline]').textContent"); !strings.HasPrefix(got, "✓ Offline verfügbar (") {
		t.Errorf("after saving: %q", got)
	}
	h.offline.Store(true)
	if got := visit("pitches/dreissig-sekunden/"); !strings.Contains(got, "Worum es geht") || !strings.Contains(got, "Zebrastreifen") {
		t.Errorf("saved page offline:\n%s", got)
	}
	visit("search/?q=zebrastreifen")
	wait("search results offline", "document.querySelectorAll('[data-search-page] [data-search-result]').length >= 5")
	if got := visit("objections/zu-teuer/"); !strings.Contains(got, "Das ist uns zu teuer") {
		t.Errorf("saved page offline:\n%s", got)
	}
	h.offline.Store(false)

	// A new build: the prompt shows, and until the rep takes it every page
	// still comes from the first build.
	h.publish(buildSite(t, "Giraffenhals", true))
	visit("")
	wait("the update prompt", "document.querySelector('.offline-update button') !== null")
	if got := eval("document.querySelector('.offline-update button').textContent"); got != "Neue Version verfügbar – neu laden" {
		t.Errorf("prompt = %q", got)
	}
	for _, p := range []string{"", "objections/kein-budget/", "pitches/dreissig-sekunden/", "objections/"} {
		if got := visit(p); !strings.Contains(got, "Zebrastreifen") || strings.Contains(got, "Giraffenhals") {
			t.Errorf("before the update %s mixes builds:\n%s", p, got)
		}
	}
	do(chromedp.Click(chromedp.CSS(".offline-update button")))
	wait("the new build after reload", "document.body.innerText.includes('Giraffenhals')")

	// After the update every page, and search, come from the new build, also offline.
	h.offline.Store(true)
	for _, p := range []string{"", "objections/kein-budget/", "objections/zu-teuer/", "pitches/dreissig-sekunden/", "objections/"} {
		if got := visit(p); !strings.Contains(got, "Giraffenhals") || strings.Contains(got, "Zebrastreifen") {
			t.Errorf("after the update %s is not the new build:\n%s", p, got)
		}
	}
	visit("search/?q=giraffenhals")
	wait("new search results offline", "document.querySelectorAll('[data-search-page] [data-search-result]').length >= 5")
	h.offline.Store(false)
	// The old build's files are gone: every stored file is the new build's.
	if got := eval(`Promise.all([fetch('/pb/offline.json').then(r => r.json()), caches.open('playbook:/pb/:files').then(c => c.keys())]).then(([l, keys]) => {
		const want = new Set(l.files.map(f => location.origin + '/pb/' + f[0] + '?pb=' + f[2]));
		const files = keys.map(r => r.url).filter(u => u.includes('?pb='));
		const odd = files.filter(u => !want.has(u));
		return odd.length ? 'not in the new build: ' + odd.join(' ') : files.length === want.size ? 'ok' : files.length + ' stored of ' + want.size;
	})`); got != "ok" {
		t.Errorf("cache after the update: %s", got)
	}

	// Following a link while a build waits switches builds on the way.
	h.publish(buildSite(t, "Nashornhaut", true))
	visit("")
	wait("the update prompt", "document.querySelector('.offline-update button') !== null")
	do(chromedp.Click(chromedp.CSS(`main a[href="/pb/objections/kein-budget/"]`)))
	wait("the linked page from the new build", "location.pathname === '/pb/objections/kein-budget/' && document.body.innerText.includes('Nashornhaut')")

	// Turning offline off removes the worker and its caches.
	h.publish(buildSite(t, "Okapifell", false))
	visit("")
	visit("")
	wait("no worker left", "navigator.serviceWorker.getRegistrations().then(rs => rs.length === 0)")
	wait("no caches left", "caches.keys().then(ks => !ks.some(k => k.startsWith('playbook:')))")
	if got := visit("objections/"); !strings.Contains(got, "Okapifell") {
		t.Errorf("after opting out the page is not from the network:\n%s", got)
	}

	time.Sleep(200 * time.Millisecond)
	mu.Lock()
	defer mu.Unlock()
	for _, e := range thrown {
		t.Errorf("page threw: %s", e)
	}
}

package render_test

// Browser tests: a small playbook built by the real pipeline, served from
// memory under a strict Content-Security-Policy, and driven in headless
// Chromium (generator/browsertest: skipped without Chromium, a failure under
// CI=true). The features themselves are tested in browser_*_test.go.

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/chromedp"

	"playbook/generator/browsertest"
	"playbook/generator/build"
)

// csp is the strictest policy the theme must work under: nothing inline,
// nothing from another host.
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:"

// playbook is the test playbook: one page of every kind, in German.
func playbook() map[string]string {
	return map[string]string{
		"playbook.toml": `title = "Test-Playbook"
language = "de"

[placeholders]
Vorname = "Vorname der Ansprechperson"
Firma = "Firma des Interessenten"

[offline]
enabled = false
`,
		"content/_index.md":            "+++\ntitle = \"Test-Playbook\"\n+++\n\nAlles für das Gespräch.\n",
		"content/objections/_index.md": "+++\ntitle = \"Einwände\"\n+++\n\nWas Kunden sagen.\n",
		"content/objections/kein-budget.md": `+++
title = "Kein Budget"
objection = "Dafür haben wir kein Budget."
category = "Budget"
stage = "negotiation"
personas = ["CFO"]
tags = ["budget", "preis"]
owner = "Anna Berger"
updated = 2025-01-02
weight = 10
+++

## So antwortest du

` + "```script" + `
Das verstehe ich, {{Vorname}}.\
Wie plant {{Firma}} das nächste Jahr?

Darf ich nachfragen?
` + "```" + `

## Nachfragen

- „Wann wird geplant?“
`,
		"content/objections/zu-teuer.md":    "+++\ntitle = \"Zu teuer\"\nobjection = \"Das ist uns zu teuer.\"\ncategory = \"Preis\"\nstage = \"negotiation\"\ntags = [\"preis\"]\nweight = 20\n+++\n\n## Nachfragen\n\nZu teuer im Vergleich wozu?\n",
		"content/objections/keine-zeit.md":  "+++\ntitle = \"Keine Zeit\"\nobjection = \"Ich habe gerade keine Zeit.\"\ncategory = \"Abwimmeln\"\nstage = \"prospecting\"\npersonas = [\"Innendienst\"]\ntags = [\"telefon\"]\nweight = 5\n+++\n\nKurz bleiben.\n",
		"content/objections/kein-bedarf.md": "+++\ntitle = \"Kein Bedarf\"\nobjection = \"Wir haben keinen Bedarf.\"\ncategory = \"Abwimmeln\"\nstage = \"prospecting\"\npersonas = [\"CFO\"]\ntags = [\"telefon\"]\nweight = 6\n+++\n\nNachfragen.\n",
		"content/pitches/elevator.md": `+++
title = "Elevator Pitch"
duration = "10s"
audience = "Geschäftsführung"
review_by = ` + reviewPassed() + `
+++

` + "```script" + `
Wir sorgen dafür, dass Maschinen in mittelständischen Fertigungsbetrieben nicht mehr überraschend
ausfallen. Die meisten unserer Kunden haben vorher nach festen Intervallen gewartet und trotzdem zwei,
drei teure Stillstände im Jahr gehabt. Wie ist das bei Ihnen?
` + "```" + `
`,
		"content/voicemails/erstkontakt.md": "+++\ntitle = \"Erstkontakt\"\nmax_seconds = 30\n+++\n\n```script\nHallo {{Vorname}}, hier ist Anna. Ich rufe wegen {{Firma}} an.\n```\n",
		"content/cadences/neukunde.md": `---
title: Neukunden-Kadenz
steps:
  - day: 1
    channel: call
    note: "Vormittags anrufen; kurz, freundlich, mit Anlass."
  - day: 1
    channel: voicemail
    template: voicemails/erstkontakt
  - day: 3
    channel: email
    note: "Drei Sätze: Anlass, Referenz, eine Frage. Ein langer Hinweis mit Umlauten: Größe, Übergabe, Maßnahmen, Äpfel, Öfen, süß."
  - day: 10
    channel: linkedin
---

Zehn Tage, vier Kontakte.
`,
		"content/checklists/erstgespraech.md": "+++\ntitle = \"Erstgespräch\"\n+++\n\n## Vorher\n\n- [ ] Website angesehen\n- [x] Agenda geschickt\n- [ ] CRM geprüft\n\n## Danach\n\n- [ ] Notizen ins CRM\n",
		"content/retention/kuendigung.md":     "+++\ntitle = \"Kündigung droht\"\ntrigger = \"Der Kunde fragt nach der Kündigungsfrist.\"\nsignals = [\"Weniger Logins\", \"Neuer Ansprechpartner\"]\n+++\n\n## Schritte\n\n1. Anrufen.\n2. Zuhören.\n",
		"content/workshops/onboarding.md":     "+++\ntitle = \"Onboarding\"\npages = [\"checklists/erstgespraech\", \"objections/kein-budget\", \"objections/zu-teuer\"]\n+++\n\nEin halber Tag. Siehe [Kein Budget](../objections/kein-budget.md#nachfragen).\n",
	}
}

// reviewPassed is a review date between the build date (buildDay) and today,
// so the page is not overdue when built but is when read.
func reviewPassed() string { return time.Now().AddDate(0, 0, -10).Format("2006-01-02") }

func buildDay() time.Time { return time.Now().AddDate(0, 0, -30) }

// buildSite builds a playbook given as file contents and returns its files.
func buildSite(t testing.TB, src map[string]string) map[string][]byte {
	t.Helper()
	fsys := fstest.MapFS{}
	for p, s := range src {
		fsys[p] = &fstest.MapFile{Data: []byte(s)}
	}
	res, err := build.New().Build(context.Background(), build.Input{Dir: "/playbook", FS: fsys, Now: buildDay()})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	out := make(map[string][]byte, len(res.Files))
	for _, f := range res.Files {
		out[f.Path] = f.Data
	}
	return out
}

// buildSiteDir builds the playbook in a folder on disk, as of today.
func buildSiteDir(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	res, err := build.New().Build(context.Background(), build.Input{Dir: dir})
	if err != nil {
		t.Fatalf("build %s: %v", dir, err)
	}
	out := make(map[string][]byte, len(res.Files))
	for _, f := range res.Files {
		out[f.Path] = f.Data
	}
	return out
}

// server serves a built site like a static host, with the strict CSP, and
// lets a test swap the whole site (a rebuild) or slow down scripts.
type server struct {
	mu      sync.Mutex
	files   map[string][]byte
	jsDelay time.Duration
	URL     string
}

func serve(t testing.TB, files map[string][]byte) *server {
	t.Helper()
	s := &server{files: files}
	srv := httptest.NewServer(http.HandlerFunc(s.handle))
	t.Cleanup(srv.Close)
	s.URL = srv.URL
	return s
}

func (s *server) swap(files map[string][]byte) {
	s.mu.Lock()
	s.files = files
	s.mu.Unlock()
}

func (s *server) slowScripts(d time.Duration) {
	s.mu.Lock()
	s.jsDelay = d
	s.mu.Unlock()
}

func (s *server) handle(w http.ResponseWriter, r *http.Request) {
	p := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if p == "" || strings.HasSuffix(r.URL.Path, "/") {
		p = strings.TrimPrefix(p+"/index.html", "/")
	}
	s.mu.Lock()
	data, ok := s.files[p]
	delay := s.jsDelay
	if !ok {
		data, p = s.files["404.html"], "404.html"
	}
	s.mu.Unlock()
	if path.Ext(p) == ".js" && delay > 0 {
		time.Sleep(delay)
	}
	if ct := browsertest.ContentType(p); ct != "" {
		w.Header().Set("Content-Type", ct)
	}
	w.Header().Set("Content-Security-Policy", csp)
	w.Header().Set("Cache-Control", "no-store")
	if !ok {
		w.WriteHeader(http.StatusNotFound)
	}
	_, _ = w.Write(data)
}

// tab is a browser tab for one test, collecting everything the console
// reports as an error: exceptions, console.error, failed loads, CSP refusals.
type tab struct {
	t    *testing.T
	ctx  context.Context
	base string

	mu       sync.Mutex
	problems []string
}

func newTab(t *testing.T, base string) *tab {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	b := &tab{t: t, ctx: browsertest.New(t, 90*time.Second), base: base}
	msgs := chromedp.Console(b.ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleException || m.Type == chromedp.ConsoleError ||
				strings.Contains(m.Text, "Content Security Policy") || strings.Contains(m.Text, "Content-Security-Policy") {
				b.mu.Lock()
				b.problems = append(b.problems, m.String()+" ("+m.URL+")")
				b.mu.Unlock()
			}
		}
	}()
	t.Cleanup(b.checkConsole)
	return b
}

// checkConsole fails the test for every console error seen so far.
func (b *tab) checkConsole() {
	time.Sleep(150 * time.Millisecond) // let the last events arrive
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, p := range b.problems {
		b.t.Errorf("console: %s", p)
	}
	b.problems = nil
}

func (b *tab) do(steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		b.t.Fatal(err)
	}
}

// open loads a page of the site and waits until playbook.js has run.
func (b *tab) open(p string) {
	b.t.Helper()
	b.do(chromedp.Navigate(b.base+p), chromedp.WaitReady(chromedp.CSS("body")))
	b.waitJS()
}

// waitJS waits for the load event: deferred scripts have run by then.
func (b *tab) waitJS() {
	b.t.Helper()
	if _, err := chromedp.Run(b.ctx, chromedp.Poll[bool](`document.readyState === "complete"`, chromedp.WithPollingInterval(20*time.Millisecond))); err != nil {
		b.t.Fatal(err)
	}
}

func (b *tab) text(sel string) string {
	b.t.Helper()
	return strings.TrimSpace(eval[string](b, `(document.querySelector(`+jsString(sel)+`) || {textContent: "<missing>"}).textContent`))
}

func (b *tab) click(sel string) {
	b.t.Helper()
	b.do(chromedp.Click(chromedp.CSS(sel), chromedp.NodeVisible))
}

func eval[T any](b *tab, js string) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](js))
	if err != nil {
		b.t.Fatalf("%s: %v", js, err)
	}
	return v
}

func evalAsync[T any](b *tab, js string) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("%s: %v", js, err)
	}
	return v
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}

package pdf

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"playbook/generator/browsertest"
	"playbook/generator/build"
)

// printFixture is a small playbook with everything print has rules for: a
// checklist with a ticked item, an external link and an autolink, a table,
// a script card, and a workshop listing two pages in an order of its own.
var printFixture = fstest.MapFS{
	"playbook.toml": {Data: []byte(`title = "Druck-Playbook"
language = "de"
base_url = "https://playbook.example.com/team/"

[placeholders]
Vorname = "Vorname der Ansprechperson"
`)},
	"content/checklists/erstgespraech.md": {Data: []byte(`+++
title = "Erstgespräch vorbereiten"
version = "3"
updated = 2025-02-01
+++

Mehr im [Leitfaden](https://example.com/leitfaden) und unter <https://example.org/autolink>.

- [ ] Termin bestätigen
- [x] Agenda senden
- [ ] Teilnehmer klären

| Frage | Antwort |
|---|---|
| Budgetzyklus | Quartalsweise im dritten Monat |
`)},
	"content/objections/kein-budget.md": {Data: []byte(`+++
title = "Kein Budget"
objection = "Wir haben kein Budget"
+++

## Antwort

` + "```script" + `
Verstehe ich, {{Vorname}}. Wann planen Sie das nächste Budget?
` + "```" + `
`)},
	"content/workshops/werkstatt.md": {Data: []byte(`+++
title = "Akquise-Werkstatt"
version = "2"
updated = 2025-03-01
pages = ["objections/kein-budget", "checklists/erstgespraech"]
+++

Ablauf für die Moderation.
`)},
}

// notOnPaper is screen furniture that must not print: navigation, search,
// buttons and their labels, the placeholder form, checklist progress.
var notOnPaper = []string{
	"Zum Inhalt springen", // skip link
	"Suchen",              // search box placeholder
	"Navigationspfad",
	"Drucken", "Handout drucken", "mit meinen Häkchen", // print tools
	"Zurücksetzen", "erledigt", // checklist bar
	"Kopieren",              // script copy button
	"Platzhalter ausfüllen", // placeholder panel
	"Leeren",
	"Seite öffnen", // handout links
	"Schlagwörter", // footer and term links
	"Verlinkt von",
}

func TestPrintPageAndHandout(t *testing.T) {
	tools := needPoppler(t)
	bin, err := FindChromium("")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	ctx := context.Background()
	res, err := build.New().Build(ctx, build.Input{Dir: ".", FS: printFixture, Now: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	opt := Options{Chromium: bin, Paper: A4, Timeout: time.Minute}

	t.Run("checklist", func(t *testing.T) {
		p, err := Resolve(res.Site, "checklists/erstgespraech")
		if err != nil {
			t.Fatal(err)
		}
		data, err := PrintPage(ctx, res.Site, res.Files, p, opt)
		if err != nil {
			t.Fatal(err)
		}
		if p.URL != "/checklists/erstgespraech/" || !bytes.HasPrefix(data, []byte("%PDF")) {
			t.Fatalf("printed %s: %q", p.URL, data[:min(8, len(data))])
		}
		file := tools.write(t, "checklist.pdf", data)
		if got := tools.info(t, file, "Page size"); !strings.Contains(got, "595.92 x 841.92") {
			t.Errorf("page size %q, want A4", got)
		}
		text := tools.text(t, file, 0)
		first := firstLine(text)
		for _, want := range []string{"Druck-Playbook · Erstgespräch vorbereiten", "Version 3 · Aktualisiert 01.02.2025"} {
			if !strings.Contains(first, want) {
				t.Errorf("first line %q lacks %q", first, want)
			}
		}
		// The running head is in the margin only, not printed again as the
		// page's fallback block.
		if n := strings.Count(text, "Druck-Playbook · Erstgespräch vorbereiten"); n != 1 {
			t.Errorf("running head printed %d times on one sheet:\n%s", n, text)
		}
		if !strings.Contains(text, "https://playbook.example.com/team/checklists/erstgespraech/") {
			t.Errorf("the page's address is not in the foot:\n%s", text)
		}
		assertNone(t, text, notOnPaper)
		if !regexp.MustCompile(`Leitfaden\s+\(https://example\.com/leitfaden\)`).MatchString(text) {
			t.Errorf("external URL not printed after its link:\n%s", text)
		}
		if n := strings.Count(text, "example.org/autolink"); n != 1 {
			t.Errorf("autolink address printed %d times, want once", n)
		}
		// Empty boxes for every item, the one ticked in the source included.
		if n := strings.Count(text, "☐"); n != 3 || strings.Contains(text, "☑") {
			t.Errorf("boxes: %d empty, ticked %v; want 3 empty:\n%s", n, strings.Contains(text, "☑"), text)
		}
		assertOrder(t, text, "☐ Termin bestätigen", "☐ Agenda senden", "☐ Teilnehmer klären", "Budgetzyklus")
		if !regexp.MustCompile(`Budgetzyklus\s+Quartalsweise im dritten Monat`).MatchString(text) {
			t.Errorf("table row not on one line:\n%s", text)
		}
		assertBlackOnWhite(t, tools, file)
	})

	var a4Words []string
	for _, paper := range []Paper{A4, Letter} {
		t.Run("handout-"+paper.String(), func(t *testing.T) {
			o := opt
			o.Paper = paper
			p, err := Resolve(res.Site, "/workshops/werkstatt/")
			if err != nil {
				t.Fatal(err)
			}
			data, err := PrintPage(ctx, res.Site, res.Files, p, o)
			if err != nil {
				t.Fatal(err)
			}
			file := tools.write(t, "handout-"+string(paper)+".pdf", data)
			size := map[Paper]string{A4: "595.92 x 841.92", Letter: "612 x 792"}[paper]
			if got := tools.info(t, file, "Page size"); !strings.Contains(got, size) {
				t.Errorf("page size %q, want %s", got, size)
			}
			if got := tools.info(t, file, "Pages"); got != "4" || CountPages(data) != 4 {
				t.Fatalf("%s pages (CountPages %d), want 4: cover, workshop text, two listed pages\n%s", got, CountPages(data), tools.text(t, file, 0))
			}
			pages := make([]string, 5)
			for i := 1; i <= 4; i++ {
				pages[i] = tools.text(t, file, i)
				if head := firstLine(pages[i]); !strings.Contains(head, "Druck-Playbook · Akquise-Werkstatt") || !strings.Contains(head, "Version 2 · Aktualisiert 01.03.2025") {
					t.Errorf("sheet %d: running head %q", i, head)
				}
				assertNone(t, pages[i], notOnPaper)
			}
			// Cover: title and a short table of contents in the workshop's order.
			assertOrder(t, pages[1], "Akquise-Werkstatt", "Inhalt", "1. Kein Budget", "2. Erstgespräch vorbereiten")
			if strings.Contains(pages[1], "Ablauf für die Moderation") {
				t.Errorf("cover sheet holds the workshop text:\n%s", pages[1])
			}
			if !strings.Contains(pages[2], "Ablauf für die Moderation") {
				t.Errorf("sheet 2 lacks the workshop text:\n%s", pages[2])
			}
			// Each listed page on a sheet of its own, starting with its title.
			for i, want := range map[int]string{3: "Kein Budget", 4: "Erstgespräch vorbereiten"} {
				if got := secondLine(pages[i]); strings.TrimSpace(got) != want {
					t.Errorf("sheet %d starts with %q, want %q", i, got, want)
				}
			}
			assertOrder(t, pages[3], "Antwort", "Skript", "Verstehe ich, {{Vorname}}")
			if n := strings.Count(pages[4], "☐"); n != 3 {
				t.Errorf("handout checklist: %d empty boxes, want 3", n)
			}
			// Letter is shorter and wider than A4: the same words must be on paper.
			words := bodyWords(pages[1:])
			if paper == A4 {
				a4Words = words
			} else if a4Words != nil && strings.Join(words, " ") != strings.Join(a4Words, " ") {
				t.Errorf("Letter prints other words than A4:\nA4:     %v\nLetter: %v", a4Words, words)
			}
		})
	}
}

// TestPrintTicks prints from a browser where the reader ticked an item:
// paper shows empty boxes, unless "print with my ticks" is chosen.
func TestPrintTicks(t *testing.T) {
	tools := needPoppler(t)
	ctx := context.Background()
	res, err := build.New().Build(ctx, build.Input{Dir: ".", FS: printFixture, Now: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := Serve(res.Files, "/team/")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	tab := browsertest.New(t, 90*time.Second)
	url := srv.URL + "checklists/erstgespraech/"
	if err := chromedp.Do(tab, chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	// Tick the first item as a reader would; playbook.js keeps it in localStorage.
	if _, err := chromedp.Run(tab, chromedp.Evaluate[bool](`document.querySelector("[data-task-box]").click(), true`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(tab, chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	state, err := chromedp.Run(tab, chromedp.Evaluate[[]bool](`[...document.querySelectorAll("[data-task-box]")].map(b => b.checked)
		.concat([!document.querySelector("[data-print]").hidden, !document.querySelector("[data-print-ticks-option]").hidden])`))
	if err != nil {
		t.Fatal(err)
	}
	if want := []bool{true, true, false, true, true}; !slices.Equal(state, want) {
		t.Fatalf("ticks, print button, ticks option shown = %v, want %v", state, want)
	}

	data, err := PrintTab(tab, A4)
	if err != nil {
		t.Fatal(err)
	}
	text := tools.text(t, tools.write(t, "ticked-plain.pdf", data), 0)
	if n := strings.Count(text, "☐"); n != 3 || strings.Contains(text, "☑") {
		t.Errorf("default print: %d empty boxes (want 3), ticked shown: %v", n, strings.Contains(text, "☑"))
	}

	if _, err := chromedp.Run(tab, chromedp.Evaluate[bool](`document.querySelector("[data-print-ticks]").click(), document.documentElement.classList.contains("print-ticks")`)); err != nil {
		t.Fatal(err)
	}
	data, err = PrintTab(tab, A4)
	if err != nil {
		t.Fatal(err)
	}
	text = tools.text(t, tools.write(t, "ticked-mine.pdf", data), 0)
	assertOrder(t, text, "☑ Termin bestätigen", "☑ Agenda senden", "☐ Teilnehmer klären")
}

// poppler runs poppler-utils on PDFs in a temporary folder.
type poppler struct{ dir string }

// needPoppler skips without poppler-utils, except under CI where the
// print tests must run.
func needPoppler(t *testing.T) poppler {
	t.Helper()
	for _, tool := range []string{"pdftotext", "pdfinfo", "pdftoppm"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s not found: install poppler-utils", tool)
			}
			t.Skipf("%s not found (poppler-utils); skipping print test", tool)
		}
	}
	return poppler{dir: t.TempDir()}
}

func (p poppler) write(t *testing.T, name string, data []byte) string {
	t.Helper()
	file := filepath.Join(p.dir, name)
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// text is pdftotext -layout of one page (1-based), or of all when page is 0.
func (p poppler) text(t *testing.T, file string, page int) string {
	t.Helper()
	args := []string{"-layout", "-enc", "UTF-8"}
	if page > 0 {
		args = append(args, "-f", strconv.Itoa(page), "-l", strconv.Itoa(page))
	}
	out, err := exec.Command("pdftotext", append(args, file, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", file, err)
	}
	return string(out)
}

// info is one field of pdfinfo.
func (p poppler) info(t *testing.T, file, field string) string {
	t.Helper()
	out, err := exec.Command("pdfinfo", file).Output()
	if err != nil {
		t.Fatalf("pdfinfo %s: %v", file, err)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if rest, ok := strings.CutPrefix(line, field+":"); ok {
			return strings.TrimSpace(rest)
		}
	}
	return ""
}

// assertBlackOnWhite renders every page and fails on coloured pixels: paper
// is black on white (grey anti-aliasing allowed).
func assertBlackOnWhite(t *testing.T, p poppler, file string) {
	t.Helper()
	prefix := filepath.Join(p.dir, "shot")
	if out, err := exec.Command("pdftoppm", "-png", "-r", "40", file, prefix).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	shots, _ := filepath.Glob(prefix + "*.png")
	if len(shots) == 0 {
		t.Fatal("pdftoppm wrote no image")
	}
	for _, shot := range shots {
		f, err := os.Open(shot)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if x, y, ok := colourful(img); ok {
			t.Errorf("%s: coloured pixel at %d,%d: print is not black on white", filepath.Base(shot), x, y)
		}
		if dark := darkShare(img); dark > 0.2 {
			t.Errorf("%s: %.0f%% of the page is dark: print is not on white", filepath.Base(shot), dark*100)
		}
	}
}

func colourful(img image.Image) (int, int, bool) {
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			hi, lo := max(r, g, bl), min(r, g, bl)
			if hi-lo > 0x3000 {
				return x, y, true
			}
		}
	}
	return 0, 0, false
}

func darkShare(img image.Image) float64 {
	b := img.Bounds()
	dark := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if (r+g+bl)/3 < 0x8000 {
				dark++
			}
		}
	}
	return float64(dark) / float64(b.Dx()*b.Dy())
}

func firstLine(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) != "" {
			return l
		}
	}
	return ""
}

// secondLine is the first line below the running head.
func secondLine(s string) string {
	seen := false
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) == "" {
			continue
		}
		if seen {
			return strings.TrimSpace(l)
		}
		seen = true
	}
	return ""
}

// bodyWords are the sorted words of the pages without the running head and
// foot (whose page numbers and spacing differ between papers).
func bodyWords(pages []string) []string {
	var words []string
	for _, p := range pages {
		lines := strings.Split(strings.TrimSpace(p), "\n")
		if len(lines) > 2 {
			lines = lines[1 : len(lines)-1]
		}
		for _, l := range lines {
			words = append(words, strings.Fields(l)...)
		}
	}
	sort.Strings(words)
	return words
}

func assertNone(t *testing.T, text string, banned []string) {
	t.Helper()
	for _, b := range banned {
		if strings.Contains(text, b) {
			t.Errorf("%q is on paper:\n%s", b, text)
		}
	}
}

// assertOrder checks that each string occurs, after the previous one.
func assertOrder(t *testing.T, text string, parts ...string) {
	t.Helper()
	flat := strings.Join(strings.Fields(text), " ")
	at := 0
	for _, p := range parts {
		i := strings.Index(flat[at:], p)
		if i < 0 {
			t.Errorf("%q missing or out of order in:\n%s", p, text)
			return
		}
		at += i + len(p)
	}
}

// TestPrintWithoutScript prints with JavaScript off: the running head cannot
// go into the margins (print.js adds those rules), so its facts head the
// first sheet instead, and the canonical address is not printed.
func TestPrintWithoutScript(t *testing.T) {
	tools := needPoppler(t)
	ctx := context.Background()
	res, err := build.New().Build(ctx, build.Input{Dir: ".", FS: printFixture, Now: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := Serve(res.Files, "/team/")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	tab := browsertest.New(t, 90*time.Second)
	if _, err := chromedp.Call(tab, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(tab, chromedp.Navigate(srv.URL+"checklists/erstgespraech/")); err != nil {
		t.Fatal(err)
	}
	data, err := PrintTab(tab, A4)
	if err != nil {
		t.Fatal(err)
	}
	text := tools.text(t, tools.write(t, "noscript.pdf", data), 0)
	first := firstLine(text)
	for _, want := range []string{"Druck-Playbook · Erstgespräch vorbereiten", "Version 3 · Aktualisiert 01.02.2025"} {
		if !strings.Contains(first, want) {
			t.Errorf("first line %q lacks %q", first, want)
		}
	}
	if n := strings.Count(text, "Druck-Playbook · Erstgespräch vorbereiten"); n != 1 {
		t.Errorf("head printed %d times, want once:\n%s", n, text)
	}
	assertOrder(t, text, "Druck-Playbook · Erstgespräch vorbereiten", "Erstgespräch vorbereiten", "☐ Termin bestätigen")
	if strings.Contains(text, "playbook.example.com") {
		t.Errorf("address printed without the running head:\n%s", text)
	}
	assertNone(t, text, notOnPaper)
}

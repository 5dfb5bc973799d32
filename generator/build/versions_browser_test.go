package build

import (
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"playbook/generator/browsertest"
)

// TestChangesPageBrowser narrows the "what changed" page by date in a real
// browser, and checks that changes stay readable in print without colour.
func TestChangesPageBrowser(t *testing.T) {
	r := playbookRepo(t)
	res := buildDir(t, New(), r.dir)
	site := browsertest.Files{}
	for _, f := range res.Files {
		site[f.Path] = f.Data
	}
	base := browsertest.Serve(t, site, nil)
	ctx := browsertest.New(t, 60*time.Second)

	eval := func(js string) int { t.Helper(); return browsertest.Eval[int](t, ctx, js) }
	visible := `[...document.querySelectorAll("li.change")].filter(li => !li.hidden).length`

	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/changes/"), chromedp.WaitVisible(chromedp.CSS("[data-changes-since]"))); err != nil {
		t.Fatal(err)
	}
	if n := eval(visible); n != 5 {
		t.Fatalf("%d changes shown before filtering, want 5", n)
	}
	// Picking a date narrows the list at once and goes into the address.
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS("[data-changes-since]"), "2024-03-15")); err != nil {
		t.Fatal(err)
	}
	eval(`document.querySelector("[data-changes-since]").dispatchEvent(new Event("input")), 0`)
	if n := eval(visible); n != 2 {
		t.Errorf("%d changes shown since 2024-03-15, want 2", n)
	}
	if n := eval(`location.search === "?since=2024-03-15" ? 1 : 0`); n != 1 {
		t.Error("the date is not in the address")
	}
	if n := eval(`document.querySelector("[data-changes-count]").textContent === "2 von 5 Änderungen" ? 1 : 0`); n != 1 {
		t.Error("the count does not say 2 of 5")
	}
	// A shared link opens narrowed; a date after every change shows the note.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/changes/?since=2024-05-01"), chromedp.WaitVisible(chromedp.CSS("[data-changes-empty]"))); err != nil {
		t.Fatal(err)
	}
	if n := eval(visible); n != 0 {
		t.Errorf("%d changes shown since 2024-05-01, want 0", n)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("[data-changes-clear]"))); err != nil {
		t.Fatal(err)
	}
	if n := eval(visible); n != 5 {
		t.Errorf("%d changes shown after clearing, want 5", n)
	}

	// On paper, deletions and insertions carry text markers.
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	marker := func(sel string) int {
		return eval(`getComputedStyle(document.querySelector("` + sel + `"), "::before").content.includes("[") ? 1 : 0`)
	}
	if marker("del") != 1 || marker("ins") != 1 {
		t.Error("no [− …]/[+ …] markers in print")
	}
}

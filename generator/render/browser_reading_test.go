package render_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// box returns a selector for the checkbox of the task with the given text
// in the first checklist on the page.
func (b *tab) box(text string) string {
	b.t.Helper()
	id := eval[string](b, `(function (t) {
  var li = Array.from(document.querySelectorAll("[data-task]")).find(function (l) { return l.textContent.trim() === t; });
  return li ? li.getAttribute("data-task") : "";
})(`+jsString(text)+`)`)
	if id == "" {
		b.t.Fatalf("no task %q on the page", text)
	}
	return `[data-task="` + id + `"] input`
}

func (b *tab) checked(text string) bool {
	b.t.Helper()
	return eval[bool](b, `document.querySelector(`+jsString(b.box(text))+`).checked`)
}

func (b *tab) counts() string {
	b.t.Helper()
	return eval[string](b, `Array.from(document.querySelectorAll(".checklist-count")).map(function (e) { return e.textContent; }).join(" | ")`)
}

// TestBrowserChecklist: ticks survive a reload and a rebuild that reorders
// the items; rewording an item resets only that item; reset restores the
// source's ticks; progress follows.
func TestBrowserChecklist(t *testing.T) {
	src := playbook()
	srv := serve(t, buildSite(t, src))
	b := newTab(t, srv.URL)

	b.open("/checklists/erstgespraech/")
	if got := b.counts(); got != "1 / 3 erledigt | 0 / 1 erledigt" {
		t.Fatalf("progress = %q", got)
	}
	b.click(b.box("Website angesehen"))
	b.click(b.box("CRM geprüft"))
	if got := b.counts(); got != "3 / 3 erledigt | 0 / 1 erledigt" {
		t.Errorf("after two ticks: %q", got)
	}
	b.do(chromedp.Reload())
	b.waitJS()
	if got := b.counts(); got != "3 / 3 erledigt | 0 / 1 erledigt" {
		t.Errorf("after reload: %q (ticks lost)", got)
	}

	// The author reorders the list and rewords one item.
	src["content/checklists/erstgespraech.md"] = "+++\ntitle = \"Erstgespräch\"\n+++\n\n## Vorher\n\n" +
		"- [ ] CRM gründlich geprüft\n- [x] Agenda geschickt\n- [ ] Website angesehen\n\n## Danach\n\n- [ ] Notizen ins CRM\n"
	srv.swap(buildSite(t, src))
	b.do(chromedp.Reload())
	b.waitJS()
	first := eval[string](b, `document.querySelector("[data-task]").textContent.trim()`)
	if first != "CRM gründlich geprüft" {
		t.Fatalf("rebuilt page not served: first item %q", first)
	}
	for item, want := range map[string]bool{"Website angesehen": true, "Agenda geschickt": true, "CRM gründlich geprüft": false} {
		if got := b.checked(item); got != want {
			t.Errorf("after reorder, %q ticked = %v, want %v", item, got, want)
		}
	}
	if got := b.counts(); got != "2 / 3 erledigt | 0 / 1 erledigt" {
		t.Errorf("after reorder: %q", got)
	}

	// Reset goes back to the source's ticks, for good.
	b.click("[data-checklist-reset]")
	if got := b.counts(); got != "1 / 3 erledigt | 0 / 1 erledigt" {
		t.Errorf("after reset: %q", got)
	}
	b.do(chromedp.Reload())
	b.waitJS()
	if got := b.counts(); got != "1 / 3 erledigt | 0 / 1 erledigt" {
		t.Errorf("after reset and reload: %q", got)
	}
	b.click(b.box("Notizen ins CRM"))

	// Ticks belong to the page: the workshop handout holding this checklist
	// keeps its own, and its task ids do not collide with the other pages'.
	b.open("/workshops/onboarding/")
	if got := b.counts(); got != "1 / 3 erledigt | 0 / 1 erledigt" {
		t.Errorf("handout progress = %q", got)
	}
	if n := eval[int](b, `new Set(Array.from(document.querySelectorAll("[id]")).map(function (e) { return e.id; })).size - document.querySelectorAll("[id]").length`); n != 0 {
		t.Errorf("handout has %d duplicate ids", -n)
	}
}

// TestBrowserPlaceholders: the panel shows with JavaScript, filling a value
// fills every card and follows the reader to other pages, copy takes the
// filled text, a tap on a placeholder opens its field, and clear empties all.
func TestBrowserPlaceholders(t *testing.T) {
	srv := serve(t, buildSite(t, playbook()))
	b := newTab(t, srv.URL)

	b.open("/objections/kein-budget/")
	if eval[bool](b, `document.querySelector("[data-ph-panel]").hidden`) {
		t.Fatal("placeholder panel still hidden with JavaScript")
	}
	if got := b.text("[data-ph-count]"); got != "(0/2)" {
		t.Errorf("count = %q", got)
	}
	b.click("[data-ph-panel] summary")
	b.do(chromedp.SendKeys(chromedp.CSS(`input[name="Vorname"]`), "Jana", chromedp.NodeVisible))
	if got := b.text(`.ph[data-ph="Vorname"]`); got != "Jana" {
		t.Errorf("card shows %q", got)
	}
	if got := eval[string](b, `document.querySelector('.ph[data-ph="Vorname"]').className`); got != "ph filled" {
		t.Errorf("class = %q", got)
	}
	if got := b.text(`.ph[data-ph="Firma"]`); got != "{{Firma}}" {
		t.Errorf("empty placeholder shows %q", got)
	}
	if got := b.text("[data-ph-count]"); got != "(1/2)" {
		t.Errorf("count = %q", got)
	}

	// Copy: the filled text, <br> as a line break, paragraphs by a blank line.
	eval[string](b, `Object.defineProperty(navigator, "clipboard", {configurable: true, value: {writeText: function (t) { window.copied = t; return Promise.resolve(); }}}); "ok"`)
	b.click("[data-script-copy]")
	if got := eval[string](b, `window.copied || ""`); got != "Das verstehe ich, Jana.\nWie plant {{Firma}} das nächste Jahr?\n\nDarf ich nachfragen?" {
		t.Errorf("copied %q", got)
	}
	if got := b.text("[data-script-copy]"); got != "Kopiert" {
		t.Errorf("copy button says %q", got)
	}

	// A tap on an empty placeholder opens the panel at its field.
	b.do(chromedp.Reload())
	b.waitJS()
	b.click(`.script .ph[data-ph="Firma"]`)
	if got := eval[string](b, `document.querySelector("[data-ph-panel]").open + " " + document.activeElement.name`); got != "true Firma" {
		t.Errorf("tap on placeholder: open, focus = %q", got)
	}

	// Shared across pages, and cleared everywhere.
	b.open("/voicemails/erstkontakt/")
	if got := b.text(`.ph[data-ph="Vorname"]`); got != "Jana" {
		t.Errorf("value not shared: %q", got)
	}
	if got := eval[string](b, `document.querySelector('input[name="Vorname"]').value`); got != "Jana" {
		t.Errorf("input not restored: %q", got)
	}
	b.click("[data-ph-panel] summary")
	b.click("[data-ph-clear]")
	if got := b.text(`.ph[data-ph="Vorname"]`); got != "{{Vorname}}" {
		t.Errorf("after clear: %q", got)
	}
	if got := eval[string](b, `localStorage.getItem("playbook:placeholders")`); got != "{}" {
		t.Errorf("stored after clear: %q", got)
	}
}

// visibleItems lists the titles of the list items a reader can see.
func (b *tab) visibleItems() string {
	b.t.Helper()
	return eval[string](b, `Array.from(document.querySelectorAll(".item")).filter(function (e) { return e.offsetParent !== null; })
  .map(function (e) { return e.querySelector(".item-meta").textContent.split(" · ")[0]; }).join(", ")`)
}

// TestBrowserFilters: the objections list is grouped by category; the stage,
// persona and tag filters narrow it in place with JavaScript and combine;
// without JavaScript the same links lead to filter pages.
func TestBrowserFilters(t *testing.T) {
	srv := serve(t, buildSite(t, playbook()))
	b := newTab(t, srv.URL)

	b.open("/objections/")
	if got := eval[string](b, `Array.from(document.querySelectorAll(".group h2")).map(function (h) { return h.textContent; }).join(", ")`); got != "Abwimmeln, Budget, Preis" {
		t.Errorf("groups = %q", got)
	}
	if got := b.visibleItems(); got != "Keine Zeit, Kein Bedarf, Kein Budget, Zu teuer" {
		t.Fatalf("items = %q", got)
	}
	if got := eval[string](b, `Array.from(document.querySelectorAll('[data-facet="tag"] a')).map(function (a) { return a.getAttribute("data-value"); }).join(",")`); got != ",preis,telefon" {
		t.Errorf("tag filter values = %q (a tag on one page is no filter)", got)
	}
	steps := []struct {
		click, want string
	}{
		{`[data-facet="stage"] a[data-value="negotiation"]`, "Kein Budget, Zu teuer"},
		{`[data-facet="persona"] a[data-value="cfo"]`, "Kein Budget"},
		{`[data-facet="stage"] a[data-value="negotiation"]`, "Kein Bedarf, Kein Budget"}, // toggled off
		{`[data-facet="tag"] a[data-value="telefon"]`, "Kein Bedarf"},
		{`[data-facet="persona"] a[data-value="innendienst"]`, "Keine Zeit"},
		{`[data-facet="stage"] a[data-value="negotiation"]`, ""},
		{`[data-facet="stage"] a[data-value=""]`, "Keine Zeit"},
	}
	for _, s := range steps {
		b.click(s.click)
		if got := b.visibleItems(); got != s.want {
			t.Errorf("after %s: %q, want %q", s.click, got, s.want)
		}
		empty := eval[bool](b, `!document.querySelector("[data-filter-empty]").hidden`)
		if empty != (s.want == "") {
			t.Errorf("after %s: empty notice shown = %v", s.click, empty)
		}
	}
	if got := eval[string](b, `location.pathname + " " + Array.from(document.querySelectorAll(".group")).filter(function (g) { return !g.hidden; }).length`); got != "/objections/ 1" {
		t.Errorf("location and visible groups = %q", got)
	}
	if got := eval[string](b, `document.querySelector('[data-facet="persona"] [aria-current]').textContent`); !strings.HasPrefix(got, "Innendienst") {
		t.Errorf("current persona chip = %q", got)
	}

	// Without JavaScript: plain links to filter pages.
	if _, err := chromedp.Call(b.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	b.do(chromedp.Navigate(srv.URL+"/objections/"), chromedp.WaitReady(chromedp.CSS("body")))
	b.do(chromedp.Click(chromedp.CSS(`[data-facet="stage"] a[data-value="negotiation"]`)), chromedp.WaitReady(chromedp.CSS(".facet-active")))
	if got := eval[string](b, `location.pathname`); got != "/stages/negotiation/objections/" {
		t.Errorf("filter link led to %q", got)
	}
	if got := b.visibleItems(); got != "Kein Budget, Zu teuer" {
		t.Errorf("filter page lists %q", got)
	}
	if got := b.text(`[data-facet="stage"] [aria-current="page"]`); !strings.HasPrefix(got, "Verhandlung") {
		t.Errorf("active chip = %q", got)
	}
	b.do(chromedp.Click(chromedp.CSS(`[data-facet="persona"] a[data-value="cfo"]`)), chromedp.WaitReady(chromedp.CSS(`[data-facet="persona"].facet-active`)))
	if got := eval[string](b, `location.pathname`) + ": " + b.visibleItems(); got != "/personas/cfo/objections/: Kein Bedarf, Kein Budget" {
		t.Errorf("persona filter page: %q", got)
	}
	if _, err := chromedp.Call(b.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: false}); err != nil {
		t.Fatal(err)
	}
}

// TestBrowserPractice: the timing shows the pitch runs long; the practice
// timer runs, pauses and restarts, and marks going over the target.
func TestBrowserPractice(t *testing.T) {
	src := playbook()
	src["content/pitches/elevator.md"] = strings.Replace(src["content/pitches/elevator.md"], `duration = "10s"`, `duration = "1s"`, 1)
	srv := serve(t, buildSite(t, src))
	b := newTab(t, srv.URL)

	b.open("/pitches/elevator/")
	if got := b.text(".timing-sum"); !strings.Contains(got, "Zielzeit 1 s") || !strings.Contains(got, "zu lang") {
		t.Errorf("timing = %q", got)
	}
	if !eval[bool](b, `document.querySelector(".timing").classList.contains("timing-over")`) {
		t.Error("long pitch not marked")
	}
	if eval[bool](b, `document.querySelector("[data-practice]").hidden`) {
		t.Fatal("practice timer hidden with JavaScript")
	}
	b.click("[data-practice-toggle]")
	time.Sleep(2200 * time.Millisecond)
	if got := b.text("[data-practice-toggle]"); got != "■ Stopp" {
		t.Errorf("running toggle says %q", got)
	}
	b.click("[data-practice-toggle]")
	stopped := b.text("[data-practice-time]")
	if stopped != "0:02" {
		t.Errorf("after 2.2 s: %q", stopped)
	}
	if !eval[bool](b, `document.querySelector("[data-practice]").classList.contains("practice-over")`) {
		t.Error("over the 1 s target, not marked")
	}
	if w := eval[float64](b, `+document.querySelector("[data-practice-bar]").getAttribute("width")`); w <= 0 {
		t.Errorf("practice bar width %v", w)
	}
	time.Sleep(1100 * time.Millisecond)
	if got := b.text("[data-practice-time]"); got != stopped {
		t.Errorf("paused timer moved: %q -> %q", stopped, got)
	}
	b.click("[data-practice-reset]")
	if got := b.text("[data-practice-time]"); got != "0:00" {
		t.Errorf("after reset: %q", got)
	}
}

// TestBrowserReviewDate: a page past its review date says so, also when it
// was built before that date; a page without one says nothing.
func TestBrowserReviewDate(t *testing.T) {
	srv := serve(t, buildSite(t, playbook()))
	b := newTab(t, srv.URL)
	b.open("/pitches/elevator/")
	if eval[bool](b, `document.querySelector(".notice-overdue").hidden`) {
		t.Error("review date passed since the build, notice still hidden")
	}
	b.open("/objections/kein-budget/")
	if n := eval[int](b, `document.querySelectorAll(".notice-overdue:not([hidden])").length`); n != 0 {
		t.Errorf("%d overdue notices on a page without review date", n)
	}
}

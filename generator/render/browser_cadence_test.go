package render_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// TestBrowserCalendar: a start date dates the timeline's days, and the
// download is an RFC 5545 calendar made in the browser: CRLF lines folded at
// 75 octets without splitting a character, one all-day VEVENT per step at
// its day offset, unique UIDs, a UTC DTSTAMP, escaped text.
func TestBrowserCalendar(t *testing.T) {
	srv := serve(t, buildSite(t, playbook()))
	b := newTab(t, srv.URL)
	dir := t.TempDir()
	yes := true
	if _, err := chromedp.CallBrowser(b.ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: &yes,
	}); err != nil {
		t.Fatal(err)
	}

	b.open("/cadences/neukunde/")
	if eval[bool](b, `document.querySelector("[data-ics]").hidden`) {
		t.Fatal("calendar form hidden with JavaScript")
	}
	if got := eval[string](b, `document.querySelector("[data-ics-start]").value`); got != time.Now().Format("2006-01-02") {
		t.Errorf("start date defaults to %q, want today", got)
	}
	// 6 March 2026 is a Friday: day 3 is a Sunday, day 10 a Sunday too.
	eval[string](b, `(function () { var i = document.querySelector("[data-ics-start]"); i.value = "2026-03-06"; i.dispatchEvent(new Event("change")); return ""; })()`)
	if got := b.text(`.day[data-day="3"] [data-day-date]`); !strings.Contains(got, "8.3") {
		t.Errorf("day 3 dated %q", got)
	}
	if got := eval[string](b, `Array.from(document.querySelectorAll(".day-weekend")).map(function (d) { return d.getAttribute("data-day"); }).join(",")`); got != "3,10" {
		t.Errorf("weekend days = %q", got)
	}

	ctx, cancel := context.WithTimeout(b.ctx, 15*time.Second)
	defer cancel()
	begins := chromedp.BrowserEvents(ctx, browser.DownloadWillBegin)
	progress := chromedp.BrowserEvents(ctx, browser.DownloadProgress)
	b.click(`[data-ics] button[type="submit"]`)
	var name string
	for ev, err := range begins {
		if err != nil {
			t.Fatalf("no download began: %v", err)
		}
		name = ev.SuggestedFilename
		break
	}
	if name != "neukunde.ics" {
		t.Errorf("file name %q", name)
	}
	var guid string
	for ev, err := range progress {
		if err != nil {
			t.Fatalf("download did not finish: %v", err)
		}
		if ev.State == browser.DownloadProgressStateCompleted {
			guid = ev.GUID
			break
		}
		if ev.State == browser.DownloadProgressStateCanceled {
			t.Fatal("download canceled")
		}
	}
	data, err := os.ReadFile(filepath.Join(dir, guid))
	if err != nil {
		t.Fatal(err)
	}
	checkCalendar(t, string(data), strings.TrimPrefix(srv.URL, "http://"))
}

func checkCalendar(t *testing.T, ics, host string) {
	t.Helper()
	if !strings.HasSuffix(ics, "\r\n") || strings.Count(ics, "\n") != strings.Count(ics, "\r\n") {
		t.Fatalf("lines not ended by CRLF:\n%q", ics)
	}
	folded := false
	for _, line := range strings.Split(strings.TrimSuffix(ics, "\r\n"), "\r\n") {
		if len(line) > 75 {
			t.Errorf("line of %d octets: %q", len(line), line)
		}
		if !utf8.ValidString(line) {
			t.Errorf("fold split a character: %q", line)
		}
		folded = folded || strings.HasPrefix(line, " ")
	}
	if !folded {
		t.Error("no line was folded, though the long note needs it")
	}
	lines := strings.Split(strings.TrimSuffix(strings.ReplaceAll(ics, "\r\n ", ""), "\r\n"), "\r\n")
	if lines[0] != "BEGIN:VCALENDAR" || lines[len(lines)-1] != "END:VCALENDAR" {
		t.Errorf("calendar frame: %q … %q", lines[0], lines[len(lines)-1])
	}
	type event map[string]string
	var events []event
	var cur event
	props := map[string]bool{}
	for _, l := range lines {
		k, v, ok := strings.Cut(l, ":")
		if !ok {
			t.Errorf("line without a colon: %q", l)
			continue
		}
		switch {
		case l == "BEGIN:VEVENT":
			cur = event{}
		case l == "END:VEVENT":
			events = append(events, cur)
			cur = nil
		case cur != nil:
			cur[k] = v
		default:
			props[k] = true
		}
	}
	for _, p := range []string{"VERSION", "PRODID", "CALSCALE", "METHOD"} {
		if !props[p] {
			t.Errorf("calendar lacks %s", p)
		}
	}
	want := []struct{ start, end, summary string }{
		{"20260306", "20260307", "Anruf: Neukunden-Kadenz"},
		{"20260306", "20260307", "Voicemail: Erstkontakt"},
		{"20260308", "20260309", "E-Mail: Neukunden-Kadenz"},
		{"20260315", "20260316", "LinkedIn: Neukunden-Kadenz"},
	}
	if len(events) != len(want) {
		t.Fatalf("%d events, want %d:\n%s", len(events), len(want), ics)
	}
	stamp := regexp.MustCompile(`^\d{8}T\d{6}Z$`)
	uids := map[string]bool{}
	for i, w := range want {
		e := events[i]
		if e["DTSTART;VALUE=DATE"] != w.start || e["DTEND;VALUE=DATE"] != w.end || e["SUMMARY"] != w.summary {
			t.Errorf("event %d: %v, want %v", i, e, w)
		}
		if !stamp.MatchString(e["DTSTAMP"]) {
			t.Errorf("event %d: DTSTAMP %q", i, e["DTSTAMP"])
		}
		if uid := e["UID"]; uid == "" || uids[uid] || !strings.HasSuffix(uid, "@"+strings.Split(host, ":")[0]) {
			t.Errorf("event %d: UID %q missing, repeated or without the host", i, uid)
		} else {
			uids[uid] = true
		}
		if !strings.HasPrefix(e["URL"], "http://"+host+"/") {
			t.Errorf("event %d: URL %q", i, e["URL"])
		}
	}
	if got := events[0]["DESCRIPTION"]; !strings.HasPrefix(got, `Vormittags anrufen\; kurz\, freundlich\, mit Anlass.\nNeukunden-Kadenz\, Tag 1\nhttp://`) {
		t.Errorf("description not escaped: %q", got)
	}
	if got := events[1]["URL"]; !strings.HasSuffix(got, "/voicemails/erstkontakt/") {
		t.Errorf("template step links %q", got)
	}
	if got := events[2]["DESCRIPTION"]; !strings.Contains(got, "Größe\\, Übergabe\\, Maßnahmen") {
		t.Errorf("unfolded description lost text: %q", got)
	}
}

package lint

import (
	"strings"
	"testing"
	"time"

	"playbook/generator/markdown"
	"playbook/generator/page"
	"playbook/generator/site"
)

// text is a document with one paragraph of prose.
func text(s string) *markdown.Document {
	return &markdown.Document{Text: s, Sections: []markdown.Section{{Text: s}}}
}

func script(line, secs int) markdown.Script { return markdown.Script{Line: line, Seconds: secs} }

func TestPage(t *testing.T) {
	day := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		page page.Page
		doc  *markdown.Document
		over bool
		want []string // diagnostics as printed, in order
	}{
		{
			name: "plain page with text",
			page: page.Page{Source: "a.md", Kind: page.KindPage, BodyLine: 4},
			doc:  text("Hallo"),
		},
		{
			name: "no text",
			page: page.Page{Source: "a.md", Kind: page.KindPage, BodyLine: 4},
			doc:  &markdown.Document{Sections: []markdown.Section{{}}},
			want: []string{"content/a.md:4: warning: page has no text"},
		},
		{
			name: "white space only",
			page: page.Page{Source: "a.md", Kind: page.KindPage, BodyLine: 4},
			doc:  text(" \n\t "),
			want: []string{"content/a.md:4: warning: page has no text"},
		},
		{
			name: "headings only, as playbook new leaves it",
			page: page.Page{Source: "objections/x.md", Kind: page.KindObjection, Objection: &page.Objection{Objection: "Zu teuer"}, BodyLine: 14},
			doc: &markdown.Document{
				Text:     "Antwort\nRückfragen",
				Headings: []markdown.Heading{{Level: 2, ID: "antwort", Text: "Antwort"}, {Level: 2, ID: "rueckfragen", Text: "Rückfragen"}},
				Sections: []markdown.Section{{}, {ID: "antwort", Heading: "Antwort"}, {ID: "rueckfragen", Heading: "Rückfragen"}},
			},
			want: []string{"content/objections/x.md:14: warning: page has headings but no text under them"},
		},
		{
			name: "text under a later heading counts",
			page: page.Page{Source: "a.md", Kind: page.KindPage},
			doc:  &markdown.Document{Headings: []markdown.Heading{{ID: "x"}}, Sections: []markdown.Section{{}, {ID: "x", Text: "Inhalt"}}},
		},
		{
			name: "a script alone is content",
			page: page.Page{Source: "voicemails/v.md", Kind: page.KindVoicemail, Voicemail: &page.Voicemail{}},
			doc:  &markdown.Document{Scripts: []markdown.Script{script(6, 10)}},
		},
		{
			name: "a task list alone is content",
			page: page.Page{Source: "checklists/c.md", Kind: page.KindChecklist},
			doc:  &markdown.Document{Tasks: []markdown.Task{{ID: "a"}}},
		},
		{
			name: "an image alone is content",
			page: page.Page{Source: "a.md", Kind: page.KindPage},
			doc:  &markdown.Document{HTML: []byte(`<p><img src="/a.png" alt=""></p>`)},
		},
		{
			name: "a code block alone is content",
			page: page.Page{Source: "a.md", Kind: page.KindPage},
			doc:  &markdown.Document{HTML: []byte("<pre><code>{}</code></pre>")},
		},
		{
			name: "cadence steps are content",
			page: page.Page{Source: "cadences/c.md", Kind: page.KindCadence, Cadence: &page.Cadence{Steps: []page.Step{{Day: 1, Channel: "call"}}}},
			doc:  &markdown.Document{},
		},
		{
			name: "cadence without steps and text is empty",
			page: page.Page{Source: "cadences/c.md", Kind: page.KindCadence, Cadence: &page.Cadence{}, BodyLine: 3},
			doc:  &markdown.Document{},
			want: []string{"content/cadences/c.md:3: warning: page has no text"},
		},
		{
			name: "workshop pages are content",
			page: page.Page{Source: "workshops/w.md", Kind: page.KindWorkshop, Workshop: &page.Workshop{Pages: []string{"a"}}},
			doc:  &markdown.Document{},
		},
		{
			name: "retention signals are content",
			page: page.Page{Source: "retention/r.md", Kind: page.KindRetention, Retention: &page.Retention{Signals: []string{"still"}}},
			doc:  &markdown.Document{},
		},
		{
			name: "retention trigger is content",
			page: page.Page{Source: "retention/r.md", Kind: page.KindRetention, Retention: &page.Retention{Trigger: "Kündigung"}},
			doc:  &markdown.Document{},
		},
		{
			name: "an objection quote alone is not an answer",
			page: page.Page{Source: "objections/o.md", Kind: page.KindObjection, Objection: &page.Objection{Objection: "Zu teuer"}, BodyLine: 5},
			doc:  &markdown.Document{},
			want: []string{"content/objections/o.md:5: warning: page has no text"},
		},
		{
			name: "folder pages list their children",
			page: page.Page{Source: "objections/_index.md", IsFolder: true, Kind: page.KindObjection},
			doc:  &markdown.Document{},
		},
		{
			name: "pitch within its duration",
			page: page.Page{Source: "pitches/p.md", Kind: page.KindPitch, Pitch: &page.Pitch{Duration: 30 * time.Second, DurationText: "30s"}},
			doc:  &markdown.Document{Text: "x", Sections: []markdown.Section{{Text: "x"}}, Scripts: []markdown.Script{script(8, 20), script(12, 10)}},
		},
		{
			name: "pitch scripts add up past the duration",
			page: page.Page{Source: "pitches/p.md", Kind: page.KindPitch, Pitch: &page.Pitch{Duration: 30 * time.Second, DurationText: "30s"}},
			doc:  &markdown.Document{Text: "x", Sections: []markdown.Section{{Text: "x"}}, Scripts: []markdown.Script{script(8, 20), script(12, 75)}},
			want: []string{"content/pitches/p.md:8: warning: pitch runs long: its scripts take about 1:35 min to speak, target duration is 30s"},
		},
		{
			name: "pitch without duration is not timed",
			page: page.Page{Source: "pitches/p.md", Kind: page.KindPitch, Pitch: &page.Pitch{}},
			doc:  &markdown.Document{Scripts: []markdown.Script{script(8, 500)}},
		},
		{
			name: "each voicemail script is held to max_seconds",
			page: page.Page{Source: "voicemails/v.md", Kind: page.KindVoicemail, Voicemail: &page.Voicemail{MaxSeconds: 30}},
			doc:  &markdown.Document{Scripts: []markdown.Script{script(6, 30), script(12, 31), script(20, 45)}},
			want: []string{
				"content/voicemails/v.md:12: warning: voicemail runs long: about 31 s to speak, max_seconds is 30",
				"content/voicemails/v.md:20: warning: voicemail runs long: about 45 s to speak, max_seconds is 30",
			},
		},
		{
			name: "overdue review names the field's line",
			page: page.Page{Source: "a.md", Kind: page.KindPage, ReviewBy: day, FieldLines: map[string]int{"review_by": 7}},
			doc:  text("x"),
			over: true,
			want: []string{"content/a.md:7: warning: review overdue since 2026-03-01: check the page and move review_by on"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.page
			got := Page(&site.Page{Page: &p, Doc: tt.doc, Overdue: tt.over})
			var lines []string
			for _, d := range got {
				lines = append(lines, d.Error())
			}
			if strings.Join(lines, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(lines, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}

func TestPageWithoutDoc(t *testing.T) {
	if got := Page(&site.Page{Page: &page.Page{Source: "a.md"}}); got != nil {
		t.Errorf("page without document: got %v", got)
	}
	if got := Page(nil); got != nil {
		t.Errorf("nil page: got %v", got)
	}
}

func TestSiteSorts(t *testing.T) {
	s := &site.Site{Pages: []*site.Page{
		{Page: &page.Page{Source: "b.md", BodyLine: 3}, Doc: &markdown.Document{}},
		{Page: &page.Page{Source: "a.md", BodyLine: 9}, Doc: &markdown.Document{}},
	}}
	got := Site(s)
	if len(got) != 2 || got[0].Pos.File != "content/a.md" || got[1].Pos.File != "content/b.md" {
		t.Errorf("Site: got %v, want a.md then b.md", got)
	}
}

func TestClock(t *testing.T) {
	for sec, want := range map[int]string{0: "0 s", 59: "59 s", 60: "1:00 min", 95: "1:35 min", 3600: "60:00 min"} {
		if got := clock(sec); got != want {
			t.Errorf("clock(%d) = %q, want %q", sec, got, want)
		}
	}
}

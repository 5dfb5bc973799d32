package page

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"playbook/generator/config"
	"playbook/generator/content"
	"playbook/generator/diag"
)

// parse splits and types one page with the default config.
func parse(t testing.TB, path, text string) (*Page, diag.List) {
	t.Helper()
	src, d := content.Split(path, []byte(text))
	if len(d) > 0 {
		t.Fatalf("Split: %v", d)
	}
	return New(src, config.Default())
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestNewKinds(t *testing.T) {
	tests := []struct {
		name, path, text string
		want             Page // Source, URL, Body, BodyLine and FieldLines are checked apart
		lines            map[string]int
	}{
		{
			name: "objection with every common field",
			path: "objections/preis/zu-teuer.md",
			text: `+++
title = " Zu teuer "
summary = "Wenn der Preis das erste Wort ist"
tags = ["preis", " Budget ", "preis", ""]
personas = "Einkauf"
stage = "Negotiation"
owner = "Anna"
version = 2.10
updated = 2025-03-01
review_by = "2025-09-01"
draft = true
weight = -3
aliases = ["alt/zu-teuer", "/alt/zu-teuer/", "//old//./x.html"]
objection = "Das ist uns zu teuer."
category = "Preis"
farbe = "rot"
+++
Body
`,
			want: Page{
				Section: "objections", Kind: KindObjection, Title: "Zu teuer", Summary: "Wenn der Preis das erste Wort ist",
				Tags: []string{"preis", "Budget"}, Personas: []string{"Einkauf"}, Stage: "negotiation", Owner: "Anna",
				Version: "2.10", Updated: date(2025, 3, 1), ReviewBy: date(2025, 9, 1), Draft: true, Weight: -3,
				Aliases:   []string{"/alt/zu-teuer/", "/old/x.html/"},
				Objection: &Objection{Objection: "Das ist uns zu teuer.", Category: "Preis"},
				Params:    map[string]any{"farbe": "rot"},
			},
			lines: map[string]int{"title": 2, "weight": 12, "category": 15, "farbe": 16},
		},
		{
			name: "pitch",
			path: "pitches/elevator.md",
			text: "---\ntitle: Elevator\nduration: 1min30s\naudience: Geschäftsführung\n---\n",
			want: Page{Section: "pitches", Kind: KindPitch, Title: "Elevator", Params: map[string]any{},
				Pitch: &Pitch{Duration: 90 * time.Second, DurationText: "1min30s", Audience: "Geschäftsführung"}},
			lines: map[string]int{"duration": 3, "audience": 4},
		},
		{
			name: "pitch with seconds as a number",
			path: "pitches/kurz.md",
			text: "+++\ntitle = \"Kurz\"\nduration = 45\n+++\n",
			want: Page{Section: "pitches", Kind: KindPitch, Title: "Kurz", Params: map[string]any{},
				Pitch: &Pitch{Duration: 45 * time.Second, DurationText: "45"}},
		},
		{
			name: "voicemail",
			path: "voicemails/erstkontakt.md",
			text: "+++\ntitle = \"Erstkontakt\"\nmax_seconds = 25\n+++\n",
			want: Page{Section: "voicemails", Kind: KindVoicemail, Title: "Erstkontakt", Params: map[string]any{},
				Voicemail: &Voicemail{MaxSeconds: 25}},
		},
		{
			name: "cadence",
			path: "cadences/neukunde.md",
			text: `+++
title = "Neukunde"

[[steps]]
day = 1
channel = "call"
template = "/voicemails/erstkontakt.md"

[[ steps ]]
day = 3
channel = "E-Mail"
note = "Kurz halten"
+++
`,
			want: Page{Section: "cadences", Kind: KindCadence, Title: "Neukunde", Params: map[string]any{},
				Cadence: &Cadence{Steps: []Step{
					{Day: 1, Channel: "call", Template: "voicemails/erstkontakt", Line: 4},
					{Day: 3, Channel: "E-Mail", Note: "Kurz halten", Line: 9},
				}}},
			lines: map[string]int{"steps": 4},
		},
		{
			name: "cadence in YAML",
			path: "cadences/bestand.md",
			text: "---\ntitle: Bestand\nsteps:\n  - day: 2\n    channel: linkedin\n  - channel: visit\n    day: 9\n---\n",
			want: Page{Section: "cadences", Kind: KindCadence, Title: "Bestand", Params: map[string]any{},
				Cadence: &Cadence{Steps: []Step{{Day: 2, Channel: "linkedin", Line: 4}, {Day: 9, Channel: "visit", Line: 6}}}},
		},
		{
			name: "retention",
			path: "retention/kuendigung.md",
			text: "---\ntitle: Kündigung droht\ntrigger: Nutzung sinkt\nsignals: [Logins fallen, \"Champion geht\"]\n---\n",
			want: Page{Section: "retention", Kind: KindRetention, Title: "Kündigung droht", Params: map[string]any{},
				Retention: &Retention{Trigger: "Nutzung sinkt", Signals: []string{"Logins fallen", "Champion geht"}}},
		},
		{
			name: "checklist",
			path: "checklists/erstgespraech.md",
			text: "---\ntitle: Erstgespräch\n---\n- [ ] a\n",
			want: Page{Section: "checklists", Kind: KindChecklist, Title: "Erstgespräch", Params: map[string]any{}},
		},
		{
			name: "workshop",
			path: "workshops/onboarding.md",
			text: "+++\ntitle = \"Onboarding\"\npages = [\"checklists/erstgespraech\", \"/pitches/elevator.md\"]\n+++\n",
			want: Page{Section: "workshops", Kind: KindWorkshop, Title: "Onboarding", Params: map[string]any{},
				Workshop: &Workshop{Pages: []string{"checklists/erstgespraech", "pitches/elevator"}}},
		},
		{
			name: "kind field overrides the section",
			path: "misc/x.md",
			text: "---\ntitle: X\nkind: Objection\nobjection: Kein Bedarf\n---\n",
			want: Page{Section: "misc", Kind: KindObjection, Title: "X", Params: map[string]any{},
				Objection: &Objection{Objection: "Kein Bedarf"}},
		},
		{
			name: "plain page at the root, folder page",
			path: "_index.md",
			text: "+++\ntitle = \"Start\"\n[extra]\nfarbe = \"blau\"\n+++\n",
			want: Page{Kind: KindPage, Title: "Start", IsFolder: true,
				Params: map[string]any{"extra": map[string]any{"farbe": "blau"}}},
			lines: map[string]int{"extra": 3},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, diags := parse(t, tt.path, tt.text)
			if len(diags) > 0 {
				t.Fatalf("diagnostics: %v", diags)
			}
			src, _ := content.Split(tt.path, []byte(tt.text))
			if p.Source != tt.path || p.URL != URLFor(tt.path) || string(p.Body) != string(src.Body) || p.BodyLine != src.BodyLine {
				t.Errorf("source/url/body: %q %q %q %d", p.Source, p.URL, p.Body, p.BodyLine)
			}
			for k, line := range tt.lines {
				if p.FieldLines[k] != line {
					t.Errorf("FieldLines[%q] = %d, want %d", k, p.FieldLines[k], line)
				}
			}
			got := *p
			got.Source, got.URL, got.Body, got.BodyLine, got.FieldLines = "", "", nil, 0, nil
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestNewTOMLAndYAMLAgree(t *testing.T) {
	pairs := []struct{ toml, yaml string }{
		{
			toml: `+++
title = "Kein Budget"
tags = ["budget", "preis"]
personas = "CFO"
stage = "closing"
version = "3"
updated = 2025-01-31
review_by = 2025-07-31
draft = false
weight = 10
aliases = ["/alt/budget"]
objection = "Wir haben kein Budget."
zahl = 3
anteil = 0.5
liste = [1, "zwei"]
wann = 2025-01-02T10:00:00Z
+++
Text
`,
			yaml: `---
title: Kein Budget
tags: [budget, preis]
personas: CFO
stage: closing
version: "3"
updated: 2025-01-31
review_by: "2025-07-31"
draft: false
weight: 10
aliases: [/alt/budget]
objection: Wir haben kein Budget.
zahl: 3
anteil: 0.5
liste: [1, zwei]
wann: 2025-01-02T10:00:00Z
---
Text
`,
		},
		{
			toml: "+++\ntitle = \"Neukunde\"\nkind = \"cadence\"\nsteps = [\n  {day = 1, channel = \"call\"},\n  {day = 2, channel = \"email\", template = \"voicemails/a\"},\n]\n+++\n",
			yaml: "---\ntitle: Neukunde\nkind: cadence\nsteps:\n  - {day: 1, channel: call}\n  - {day: 2, channel: email, template: voicemails/a}\n# two steps\n---\n",
		},
		{
			toml: "+++\ntitle = \"P\"\nduration = \"2 min\"\naudience = \"IT\"\nsignals = [\"x\"]\n+++\n",
			yaml: "---\ntitle: P\nduration: 2 min\naudience: IT\nsignals: [x]\n---\n",
		},
	}
	for i, pair := range pairs {
		path := []string{"objections/budget.md", "cadences/neu.md", "pitches/p.md"}[i]
		pt, dt := parse(t, path, pair.toml)
		py, dy := parse(t, path, pair.yaml)
		if !reflect.DeepEqual(pt, py) {
			t.Errorf("%s: TOML and YAML differ:\nTOML %+v\nYAML %+v", path, pt, py)
		}
		if !reflect.DeepEqual(dt, dy) {
			t.Errorf("%s: diagnostics differ:\nTOML %v\nYAML %v", path, dt, dy)
		}
		if pt.Title == "" || dt.HasErrors() {
			t.Errorf("%s: not parsed: %v", path, dt)
		}
	}
}

func TestNewDiagnostics(t *testing.T) {
	tests := []struct {
		name, path, text string
		want             []string // each "line: severity: message part", in order
	}{
		{"no front matter", "x.md", "# Titel\n", []string{"1: error: missing front matter with a title"}},
		{"missing title", "x.md", "+++\nweight = 1\n+++\n", []string{"1: error: title is required"}},
		{"empty title", "x.md", "---\nkind: page\ntitle: \"  \"\n---\n", []string{"3: error: title must not be empty"}},
		{"null title", "x.md", "---\ntitle:\n---\n", []string{"2: error: title is required"}},
		{"title list", "x.md", "---\ntitle: [a]\n---\n", []string{"2: error: title must be text, not a list"}},
		{"weight text", "x.md", "+++\ntitle = \"T\"\n\nweight = \"abc\"\n+++\n", []string{`4: error: weight must be a whole number, not "abc"`}},
		{"weight quoted", "x.md", "---\ntitle: T\nweight: \"3\"\n---\n", []string{`3: error: weight must be a whole number, not "3": write it without quotes`}},
		{"weight float", "x.md", "---\ntitle: T\nweight: 1.5\n---\n", []string{`3: error: weight must be a whole number, not 1.5`}},
		{"draft", "x.md", "---\ntitle: T\ndraft: ja\n---\n", []string{`3: error: draft must be true or false, not "ja"`}},
		{"date", "x.md", "+++\ntitle = \"T\"\nupdated = \"31.03.2025\"\n+++\n", []string{`3: error: updated must be a date like 2025-03-31, not "31.03.2025"`}},
		{"time only", "x.md", "+++\ntitle = \"T\"\nreview_by = 10:30:00\n+++\n", []string{`3: error: review_by must be a date like 2025-03-31, not "10:30:00"`}},
		{"unknown kind", "x.md", "---\ntitle: T\nkind: faq\n---\n",
			[]string{`3: error: unknown kind "faq": use one of objection, pitch, cadence, voicemail, retention, checklist, workshop, page`}},
		{"stage", "x.md", "---\ntitle: T\nstage: verhandlung\n---\n",
			[]string{`3: error: stage "verhandlung" is not a configured sales stage: use one of prospecting, discovery, demo, negotiation, closing, onboarding, renewal`}},
		{"tags table", "x.md", "---\ntitle: T\ntags: {a: 1}\n---\n", []string{"3: error: tags must be a list of text values, not a table of fields"}},
		{"tags entry", "x.md", "---\ntitle: T\ntags:\n  - ok\n  - [x]\n---\n", []string{"5: error: tags: entry 2 must be text, not a list"}},
		{"alias dots", "x.md", "---\ntitle: T\naliases:\n  - /ok/\n  - ../etc/passwd\n---\n", []string{`5: error: alias "../etc/passwd" contains ".." segments`}},
		{"alias scheme", "x.md", "+++\ntitle = \"T\"\naliases = [\"https://old.example.com/x\"]\n+++\n", []string{`3: error: alias "https://old.example.com/x" is a full URL`}},
		{"alias backslash", "x.md", "---\ntitle: T\naliases: 'a\\b'\n---\n", []string{`3: error: alias "a\\b" contains a backslash`}},
		{"alias nul", "x.md", "---\ntitle: T\naliases: \"a\\0b\"\n---\n", []string{`3: error: alias "a\x00b" contains a NUL`}},
		{"alias root", "x.md", "---\ntitle: T\naliases: /\n---\n", []string{`3: error: alias "/" is the site root`}},
		{"kind field elsewhere", "pitches/p.md", "---\ntitle: T\nmax_seconds: 30\n---\n",
			[]string{"3: warning: max_seconds is a field of voicemail pages, but this page is of kind pitch"}},
		{"capitalised field", "x.md", "---\ntitle: T\nTags: [a]\n---\n", []string{`3: warning: unknown field "Tags" is kept in Params: did you mean "tags"?`}},
		{"duration", "pitches/p.md", "---\ntitle: T\nduration: zwei Minuten\n---\n", []string{`3: error: duration must be a speaking time such as "30s", "2min" or "1:30", not "zwei Minuten"`}},
		{"duration zero", "pitches/p.md", "+++\ntitle = \"T\"\nduration = 0\n+++\n", []string{`3: error: duration must be a speaking time`}},
		{"max_seconds", "voicemails/v.md", "+++\ntitle = \"T\"\nmax_seconds = -5\n+++\n", []string{"3: error: max_seconds must be a number of seconds from 1 to 3600, not -5"}},
		{"max_seconds text", "voicemails/v.md", "+++\ntitle = \"T\"\nmax_seconds = \"kurz\"\n+++\n", []string{`3: error: max_seconds must be a whole number, not "kurz"`}},
		{"workshop without pages", "workshops/w.md", "---\ntitle: T\n---\n", []string{"1: error: a workshop needs pages"}},
		{"workshop empty pages", "workshops/w.md", "---\ntitle: T\npages: []\n---\n", []string{"3: error: a workshop needs pages"}},
		{"cadence without steps", "cadences/c.md", "---\ntitle: T\n---\n", []string{"1: warning: cadence has no steps"}},
		{"steps not a list", "cadences/c.md", "---\ntitle: T\nsteps: call\n---\n", []string{`3: error: steps must be a list of steps`}},
		{"step problems", "cadences/c.md", `+++
title = "T"
[[steps]]
day = 3
channel = "call"
[[steps]]
day = 0
channel = "email"
[[steps]]
channel = "x"
[[steps]]
day = 1
wann = "morgen"
[[steps]]
day = 2
channel = "visit"
+++
`, []string{
			"6: error: step 2: day must be a whole number from 1 on, not 0",
			"9: error: step 3: day is required",
			"11: error: step 4: channel is required",
			`11: warning: step 4: unknown field "wann" is ignored`,
			"14: warning: step 5 is on day 2, before day 3 of the step above",
		}},
		{"step in YAML", "cadences/c.md", "---\ntitle: T\nsteps:\n  - day: 1\n    channel: call\n  - day: x\n    channel: call\n  - just text\n---\n", []string{
			`6: error: step 2: day must be a whole number, not "x"`,
			`8: error: step 3 must be a table with day and channel, not "just text"`,
		}},
		{"toml syntax", "x.md", "+++\ntitle = \"T\"\nweight = = 3\n+++\n", []string{"3: error: invalid TOML"}},
		{"toml duplicate", "x.md", "+++\ntitle = \"T\"\ntitle = \"U\"\n+++\n", []string{"3: error: invalid TOML"}},
		{"yaml syntax", "x.md", "---\ntitle: T\ntags: [a\nweight: 3\n---\n", []string{"3: error: invalid YAML: did not find expected ',' or ']'"}},
		{"yaml scanner error", "x.md", "---\ntitle: T\n  bad: indent\n---\n", []string{"3: error: invalid YAML: mapping values are not allowed"}},
		{"yaml error on first line", "x.md", "---\na: b: c\n---\n", []string{"2: error: invalid YAML"}},
		{"yaml parser error", "x.md", "---\ntitle: T\n- x\n---\n", []string{"3: error: invalid YAML: did not find expected key"}},
		{"yaml unknown anchor", "x.md", "---\ntitle: T\nx: *nope\n---\n", []string{"3: error: invalid YAML: alias *nope refers to no anchor &nope"}},
		{"yaml duplicate", "x.md", "---\ntitle: T\ntitle: U\n---\n", []string{`3: error: field "title" is set twice (first on line 2)`}},
		{"yaml list root", "x.md", "---\n- a\n- b\n---\n", []string{"2: error: YAML front matter must be fields"}},
		{"yaml scalar root", "x.md", "---\nnur Text\n---\n", []string{"2: error: YAML front matter must be fields"}},
		{"toml too deep", "x.md", "+++\ntitle = \"T\"\nx = " + strings.Repeat("[", 40) + strings.Repeat("]", 40) + "\n+++\n", []string{"3: error: front matter nests lists or tables more than 32 levels deep"}},
		{"toml long dotted key", "x.md", "+++\ntitle = \"T\"\na" + strings.Repeat(".b", 40) + " = 1\n+++\n", []string{"3: error: a front-matter key has more than 32 dotted parts"}},
		{"yaml too deep", "x.md", "---\ntitle: T\nx: " + strings.Repeat("[", 40) + strings.Repeat("]", 40) + "\n---\n", []string{"error: front matter nests lists or tables more than 32 levels deep"}},
		{"yaml alias bomb", "x.md", yamlBomb(), []string{"error: front matter expands to more than 100000 values"}},
		{"front matter too large", "x.md", "+++\ntitle = \"T\"\nx = \"" + strings.Repeat("a", 300<<10) + "\"\n+++\n", []string{"1: error: front matter is 300 KiB"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, diags := parse(t, tt.path, tt.text)
			if p == nil {
				t.Fatal("nil page")
			}
			if len(diags) != len(tt.want) {
				t.Fatalf("got %d diagnostics, want %d:\n%v", len(diags), len(tt.want), diags)
			}
			for i, d := range diags {
				if d.Pos.File != "content/"+tt.path || d.Pos.Line < 1 {
					t.Errorf("bad position %v", d.Pos)
				}
				got := strings.TrimPrefix(d.Error(), "content/"+tt.path+":")
				if !strings.Contains(got, tt.want[i]) || (tt.want[i][0] >= '0' && tt.want[i][0] <= '9' && !strings.HasPrefix(got, tt.want[i][:strings.Index(tt.want[i], ":")+1])) {
					t.Errorf("diagnostic %d = %q, want %q", i, got, tt.want[i])
				}
			}
		})
	}
}

// yamlBomb nests aliases so that 9 values expand to 9^7.
func yamlBomb() string {
	var b strings.Builder
	b.WriteString("---\ntitle: T\na: &a [x, x, x, x, x, x, x, x, x]\n")
	prev := "a"
	for _, n := range []string{"b", "c", "d", "e", "f", "g"} {
		b.WriteString(n + ": &" + n + " [")
		for i := range 9 {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*" + prev)
		}
		b.WriteString("]\n")
		prev = n
	}
	b.WriteString("---\n")
	return b.String()
}

func TestNewUnknownFieldsAndLines(t *testing.T) {
	p, diags := parse(t, "x.md", "---\ntitle: T\n\nfarbe: rot\nmeta:\n  a: [1, 2]\n  b: true\nleer:\nwann: 2025-02-03\n---\n")
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	want := map[string]any{
		"farbe": "rot",
		"meta":  map[string]any{"a": []any{int64(1), int64(2)}, "b": true},
		"leer":  nil,
		"wann":  date(2025, 2, 3),
	}
	if !reflect.DeepEqual(p.Params, want) {
		t.Errorf("Params = %#v", p.Params)
	}
	wantLines := map[string]int{"title": 2, "farbe": 4, "meta": 5, "leer": 8, "wann": 9}
	if !reflect.DeepEqual(p.FieldLines, wantLines) {
		t.Errorf("FieldLines = %v, want %v", p.FieldLines, wantLines)
	}
}

func TestNewStagesFromConfig(t *testing.T) {
	cfg := config.Default()
	cfg.Stages = []config.Stage{{ID: "lead"}, {ID: "deal"}}
	src, _ := content.Split("x.md", []byte("---\ntitle: T\nstage: Deal\n---\n"))
	p, diags := New(src, cfg)
	if len(diags) > 0 || p.Stage != "deal" {
		t.Errorf("stage %q, %v", p.Stage, diags)
	}
	src, _ = content.Split("x.md", []byte("---\ntitle: T\nstage: closing\n---\n"))
	_, diags = New(src, cfg)
	if len(diags) != 1 || !strings.HasSuffix(diags[0].Msg, "use one of lead, deal") {
		t.Errorf("diagnostics = %v", diags)
	}
}

func TestParseDuration(t *testing.T) {
	tests := map[string]time.Duration{
		"30s": 30 * time.Second, "45 s": 45 * time.Second, "2min": 2 * time.Minute, "2 min": 2 * time.Minute,
		"1:30": 90 * time.Second, "1min30s": 90 * time.Second, "1 min 30 s": 90 * time.Second, "90": 90 * time.Second,
		"1,5 min": 90 * time.Second, "1.5min": 90 * time.Second, "2 Minuten": 2 * time.Minute, "30 Sekunden": 30 * time.Second,
		"1:02:03": time.Hour + 2*time.Minute + 3*time.Second, "1h": time.Hour, " 20S ": 20 * time.Second, "0:45": 45 * time.Second,
	}
	for in, want := range tests {
		if got, ok := ParseDuration(in); !ok || got != want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "0", "0s", "abc", "1:3", "1:60", "1:2:3:4", "-5s", "30 x", "1 30", "1min30", "s", "1..5s", "99999h", "1e5s", ":30", "1:"} {
		if got, ok := ParseDuration(bad); ok {
			t.Errorf("ParseDuration(%q) = %v, want failure", bad, got)
		}
	}
}

func TestAliasNormalisation(t *testing.T) {
	for in, want := range map[string]string{
		"alt/zu-teuer": "/alt/zu-teuer/", "/alt/zu-teuer/": "/alt/zu-teuer/", "//a//./b": "/a/b/",
		" /Einwände/Preis ": "/Einwände/Preis/", "1:2/c": "/1:2/c/", "/x/http://y": "/x/http:/y/",
	} {
		if got, why := normalizeAlias(in); got != want || why != "" {
			t.Errorf("normalizeAlias(%q) = %q, %q; want %q", in, got, why, want)
		}
	}
	for _, bad := range []string{"", "..", "/a/../b", "https://x", "mailto:x", "javascript:alert(1)", "a\\b", "a\x00", "/a?b", "/a#b", "/", "a\nb"} {
		if got, why := normalizeAlias(bad); why == "" {
			t.Errorf("normalizeAlias(%q) = %q, want an error", bad, got)
		}
	}
}

func TestTOMLFieldLines(t *testing.T) {
	p, diags := parse(t, "x.md", `+++
title = "T"
summary = """
weight = "not a field"
[not.a.table]
"""
liste = [
  ["x"],
  'y',
]
"quoted key" = 1 # comment with [brackets] and = signs
dotted.key = 2
tags = ['a'] # 'b'
[[runs]]
a = 1
[extra]
weight = "kein Feld"
[[runs]]
a = 2
+++
`)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	want := map[string]int{"title": 2, "summary": 3, "liste": 7, "quoted key": 11, "dotted": 12, "tags": 13, "runs": 14, "extra": 16}
	if !reflect.DeepEqual(p.FieldLines, want) {
		t.Errorf("FieldLines = %v\nwant %v", p.FieldLines, want)
	}
	if p.Weight != 0 || p.Summary != "weight = \"not a field\"\n[not.a.table]" {
		t.Errorf("weight %d, summary %q", p.Weight, p.Summary)
	}
}

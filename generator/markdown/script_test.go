package markdown

import (
	"bufio"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"playbook/generator/config"
)

type found struct {
	Token, Name string
}

func scanAll(s string) []found {
	var out []found
	scanPlaceholders(s, func(start, end int, name string) {
		out = append(out, found{s[start:end], name})
	})
	return out
}

func TestScanPlaceholders(t *testing.T) {
	tests := []struct {
		in   string
		want []found
	}{
		{"Hallo {{Vorname}}!", []found{{"{{Vorname}}", "Vorname"}}},
		{"{{ Vorname }} und {{\tFirma\t}}", []found{{"{{ Vorname }}", "Vorname"}, {"{{\tFirma\t}}", "Firma"}}},
		{"{{a}}{{b}}", []found{{"{{a}}", "a"}, {"{{b}}", "b"}}},
		{"{{Größe}} {{ansprech_partner-2}}", []found{{"{{Größe}}", "Größe"}, {"{{ansprech_partner-2}}", "ansprech_partner-2"}}},
		{"{{{Name}}}", []found{{"{{Name}}", "Name"}}},
		{"{{ohne Ende", nil},
		{"{{zwei Wörter}}", nil},
		{"{{}} {{ }}", nil},
		{"{{a.b}} {{..}} {{x/y}}", nil},
		{"}} {{ {{Name}}", []found{{"{{Name}}", "Name"}}},
		{"{Name} {{Name} {Name}}", nil},
		{"{{" + strings.Repeat("x", 65) + "}}", nil},
		{"{{" + strings.Repeat("x", 64) + "}}", []found{{"{{" + strings.Repeat("x", 64) + "}}", strings.Repeat("x", 64)}}},
		{"{{a\n}}", nil},
	}
	for _, tt := range tests {
		if got := scanAll(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("scan(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestCountWords(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"Guten Tag", 2},
		{"Guten Tag, {{Vorname}}!", 3},
		{"Guten Tag {{ Vorname }} – schön.", 4},
		{"Herr{{Name}}", 2},
		{"{{a}}{{b}}", 2},
		{"- – ... !!", 0},
		{"E-Mail 2025 und\n\nmehr", 4},
		{"{{kaputt", 1},
	}
	for _, tt := range tests {
		if got := countWords(tt.in); got != tt.want {
			t.Errorf("countWords(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestSpeakingTime(t *testing.T) {
	tests := map[int]string{0: "≈ 0 s", 42: "≈ 42 s", 60: "≈ 60 s", 61: "≈ 1:01 min", 90: "≈ 1:30 min", 605: "≈ 10:05 min"}
	for sec, want := range tests {
		if got := speakingTime(sec); got != want {
			t.Errorf("speakingTime(%d) = %q, want %q", sec, got, want)
		}
	}
}

func TestScriptsAndPlaceholders(t *testing.T) {
	src := "Intro\n\n```script\nHallo {{Vorname}} von {{Firma}}.\n{{Neu}} und {{Vorname}}\n```\n\n```script\n{{Firma}} {{Neu}} {{Zweit}}\n```\n"
	c := New(Options{Lang: "de", WPM: 60, Placeholders: map[string]string{"Vorname": "", "Firma": ""}})
	doc := c.Convert([]byte(src), Context{Path: "p.md", File: "content/p.md", Line: 3})

	want := []Script{
		{Text: "Hallo {{Vorname}} von {{Firma}}.\n{{Neu}} und {{Vorname}}", Words: 7, Seconds: 7,
			Placeholders: []string{"Vorname", "Firma", "Neu"}, Line: 5},
		{Text: "{{Firma}} {{Neu}} {{Zweit}}", Words: 3, Seconds: 3, Placeholders: []string{"Firma", "Neu", "Zweit"}, Line: 10},
	}
	if !reflect.DeepEqual(doc.Scripts, want) {
		t.Errorf("Scripts = %+v\nwant %+v", doc.Scripts, want)
	}
	if got := doc.Placeholders; !reflect.DeepEqual(got, []string{"Vorname", "Firma", "Neu", "Zweit"}) {
		t.Errorf("Placeholders = %v", got)
	}
	wantDiags := "content/p.md:7: warning: undeclared placeholder {{Neu}}: declare it in playbook.toml [placeholders]\n" +
		"content/p.md:11: warning: undeclared placeholder {{Zweit}}: declare it in playbook.toml [placeholders]"
	if got := doc.Diags.Error(); got != wantDiags {
		t.Errorf("Diags:\n%s\nwant:\n%s", got, wantDiags)
	}
	if doc.Diags.HasErrors() {
		t.Error("undeclared placeholders must be warnings, not errors")
	}
}

func TestScriptSeconds(t *testing.T) {
	tests := []struct{ words, wpm, want int }{
		{130, 130, 60}, {131, 130, 61}, {1, 130, 1}, {91, 130, 42}, {150, 150, 60},
	}
	for _, tt := range tests {
		src := "```script\n" + strings.Repeat("w ", tt.words) + "\n```"
		doc := New(Options{WPM: tt.wpm}).Convert([]byte(src), Context{})
		if s := doc.Scripts[0]; s.Words != tt.words || s.Seconds != tt.want {
			t.Errorf("%d words at %d wpm: got %d words, %d s; want %d s", tt.words, tt.wpm, s.Words, s.Seconds, tt.want)
		}
	}
	// WPM 0 falls back to the language default.
	doc := New(Options{Lang: "de"}).Convert([]byte("```script\n"+strings.Repeat("w ", 130)+"\n```"), Context{})
	if got := doc.Scripts[0].Seconds; got != 60 {
		t.Errorf("default German rate: %d s for 130 words, want 60", got)
	}
}

// TestScriptLines: Markdown's line rules inside a script (the card's
// paragraphs; placeholders are covered by the case files).
func TestScriptLines(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"eins", "<p>eins</p>"},
		{"eins\nzwei", "<p>eins zwei</p>"},
		{"eins\r\nzwei\r\n\r\ndrei", "<p>eins zwei</p><p>drei</p>"},
		{"eins   \n    zwei", "<p>eins<br>    zwei</p>"},
		{"eins \n\tzwei", "<p>eins zwei</p>"},
		{"eins  \r\nzwei", "<p>eins<br>zwei</p>"},
		{"eins\\\nzwei", "<p>eins<br>zwei</p>"},
		{"eins \\\nzwei", "<p>eins<br>zwei</p>"},
		{"eins\\  \nzwei", "<p>eins\\<br>zwei</p>"},
		{"eins\\", "<p>eins\\</p>"},
		{"eins  ", "<p>eins</p>"},
		{"eins\\\n\nzwei  \n \t\ndrei", "<p>eins\\</p><p>zwei</p><p>drei</p>"},
		{"a < b &\nc", "<p>a &lt; b &amp; c</p>"},
	}
	for _, tt := range tests {
		var b strings.Builder
		w := bufio.NewWriter(&b)
		writeScriptText(w, tt.in)
		_ = w.Flush()
		if got := b.String(); got != tt.want {
			t.Errorf("writeScriptText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzPlaceholders(f *testing.F) {
	for _, s := range []string{"Hallo {{Vorname}}", "{{ a }}{{b}}", "{{{x}}}", "{{", "}}{{", "{{a\n}}", "{{Größe}}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		last := 0
		scanPlaceholders(s, func(start, end int, name string) {
			if start < last || end <= start || end > len(s) {
				t.Fatalf("bad span [%d,%d) after %d in %q", start, end, last, s)
			}
			tok := s[start:end]
			if !strings.HasPrefix(tok, "{{") || !strings.HasSuffix(tok, "}}") {
				t.Fatalf("token %q is not {{...}}", tok)
			}
			if strings.TrimSpace(tok[2:len(tok)-2]) != name || !config.ValidPlaceholder(name) {
				t.Fatalf("token %q gave name %q", tok, name)
			}
			last = end
		})
		if n := countWords(s); n < 0 || n > utf8.RuneCountInString(s) {
			t.Fatalf("countWords(%q) = %d", s, n)
		}
	})
}

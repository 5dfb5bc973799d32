package versions

import (
	"bytes"
	"slices"
	"testing"

	"playbook/generator/markdown"
)

// spliceCase is a current body and an old one; splice must either decline
// or give exactly what converting the old body gives.
var spliceCases = []struct {
	name     string
	cur, old string
	spliced  bool // whether the fast path applies
}{
	{"one script", "Intro\n\n```script\nHallo {{Vorname}}, neu.\n```\n\nEnde\n", "Intro\n\n```script\nHallo {{Vorname}}, alt.\n```\n\nEnde\n", true},
	{"second of two", "# T\n\n```script\nA\n```\n\n- [ ] x\n\n~~~ Script\nB {{Firma}}\n~~~\n", "# T\n\n```script\nA\n```\n\n- [ ] x\n\n~~~ Script\nB alt {{Vorname}}\n~~~\n", true},
	{"text differs too", "Neu\n\n```script\nA\n```\n", "Alt\n\n```script\nB\n```\n", false},
	{"script in a list", "- a\n\n  ```script\n  A\n  ```\n", "- a\n\n  ```script\n  B\n  ```\n", false},
	{"script in a quote", "> ```script\n> A\n> ```\n", "> ```script\n> B\n> ```\n", false},
	{"fence-like line in the old script", "```script\nA\n```\n", "```script\nA\n  ```\nB\n```\n", false},
	{"unclosed", "```script\nA\n```\n", "```script\nA\n", false},
	{"script in an html block", "<div>\n```script\nA\n```\n</div>\n", "<div>\n```script\nB\n```\n</div>\n", false},
	{"example in another fence", "````md\n```script\nx\n```\n````\n\n```script\nA\n```\n", "````md\n```script\nx\n```\n````\n\n```script\nB\n```\n", true},
	{"blank lines and spaces", "```script\nA\n\n   \n```\n", "```script\n\nA  B\t\n\n```\n", true},
	{"empty script", "```script\nA\n```\n", "```script\n```\n", true},
}

func TestSplice(t *testing.T) {
	conv := markdown.New(markdown.Options{Lang: "de", Placeholders: map[string]string{"Vorname": ""}})
	for _, tc := range spliceCases {
		t.Run(tc.name, func(t *testing.T) {
			ok := checkSplice(t, conv, []byte(tc.cur), []byte(tc.old))
			if ok != tc.spliced {
				t.Errorf("spliced = %v, want %v", ok, tc.spliced)
			}
		})
	}
}

// checkSplice splices old onto cur and, when that applies, compares the
// result with a full conversion of old.
func checkSplice(t *testing.T, conv *markdown.Converter, cur, old []byte) bool {
	t.Helper()
	ctx := markdown.Context{Path: "p.md"}
	base := newSpliceBase(cur, conv.Convert(cur, ctx))
	if base == nil {
		return false
	}
	got, ok := base.splice(old, conv, ctx)
	if !ok {
		return false
	}
	want := conv.Convert(old, ctx)
	if !bytes.Equal(got.HTML, want.HTML) {
		t.Fatalf("spliced HTML differs from a conversion of %q:\n got %s\nwant %s", old, got.HTML, want.HTML)
	}
	if !slices.Equal(scriptTexts(got), scriptTexts(want)) || !slices.Equal(got.Placeholders, want.Placeholders) {
		t.Fatalf("scripts %q placeholders %q, want %q %q", scriptTexts(got), got.Placeholders, scriptTexts(want), want.Placeholders)
	}
	for i := range got.Scripts {
		if got.Scripts[i].Words != want.Scripts[i].Words || got.Scripts[i].Seconds != want.Scripts[i].Seconds {
			t.Fatalf("script %d timing differs", i)
		}
	}
	return true
}

// FuzzSplice replaces one script of a body with arbitrary text: whenever
// the fast path accepts the result, it must equal a full conversion.
func FuzzSplice(f *testing.F) {
	for _, tc := range spliceCases {
		f.Add([]byte(tc.cur), []byte("Neu {{Vorname}}\n"), uint8(0))
	}
	conv := markdown.New(markdown.Options{Lang: "de"})
	f.Fuzz(func(t *testing.T, cur, repl []byte, idx uint8) {
		scan, ok := scanScripts(cur)
		if !ok || len(scan.scripts) == 0 {
			return
		}
		i := int(idx) % len(scan.scripts)
		var old []byte
		for k, piece := range scan.skel {
			old = append(old, piece...)
			if k < len(scan.scripts) {
				if k == i {
					old = append(old, repl...)
				} else {
					old = append(old, scan.scripts[k]...)
				}
			}
		}
		checkSplice(t, conv, cur, old)
	})
}

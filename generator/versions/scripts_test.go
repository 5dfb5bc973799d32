package versions

import (
	"fmt"
	"strings"
	"testing"

	"playbook/generator/history"
	"playbook/generator/markdown"
)

func TestDiffScripts(t *testing.T) {
	for _, tc := range []struct {
		name     string
		old, new []string
		want     string // kind old>new per change
	}{
		{"same", []string{"a", "b"}, []string{"a", "b"}, ""},
		{"none", nil, nil, ""},
		{"edited", []string{"a b"}, []string{"a c"}, "edited 1>1"},
		{"added at end", []string{"a"}, []string{"a", "b"}, "added 0>2"},
		{"first script", nil, []string{"a"}, "added 0>1"},
		{"removed", []string{"a", "b"}, []string{"b"}, "removed 1>0"},
		{"all removed", []string{"a"}, nil, "removed 1>0"},
		// A script put in front does not turn the old ones into edits.
		{"inserted before an edit", []string{"a", "b x"}, []string{"n", "a", "b y"}, "added 0>1 edited 2>3"},
		{"edit between unchanged", []string{"a", "b", "c"}, []string{"a", "B", "c"}, "edited 2>2"},
		{"two edits and a surplus", []string{"p", "q", "r"}, []string{"P", "Q"}, "edited 1>1 edited 2>2 removed 3>0"},
		{"reordered", []string{"a", "b"}, []string{"b", "a"}, "removed 1>0 added 0>2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cs := diffScripts(tc.old, tc.new)
			var got []string
			for _, c := range cs {
				got = append(got, fmt.Sprintf("%s %d>%d", c.Kind, c.Old, c.New))
				// The ops rebuild both texts.
				var o, n strings.Builder
				for _, op := range c.Ops {
					if op.Kind != 1 { // not an insertion
						o.WriteString(op.Text)
					}
					if op.Kind != 2 { // not a deletion
						n.WriteString(op.Text)
					}
				}
				if c.Old > 0 && o.String() != tc.old[c.Old-1] || c.New > 0 && n.String() != tc.new[c.New-1] {
					t.Errorf("%s: ops do not rebuild the scripts: %q %q", got[len(got)-1], o.String(), n.String())
				}
			}
			if s := strings.Join(got, " "); s != tc.want {
				t.Errorf("diffScripts(%q, %q) = %q, want %q", tc.old, tc.new, s, tc.want)
			}
		})
	}
}

func TestSlug(t *testing.T) {
	for _, tc := range []struct {
		label string
		n     int
		want  string
	}{
		{"v3", 3, "3"},
		{"#2", 2, "2"},
		{"v2.1", 4, "2.1"},
		{"V10", 1, "10"},
		{"v", 5, "v"},
		{"vNext", 5, "vnext"},
		{"v2024-03 Frühjahr", 1, "2024-03-fr-hjahr"},
		{"v..", 7, "v.."},
		{"#..", 7, "7"},
		{"..", 7, "7"},
		{"v/../x", 8, "v-..-x"},
		{"v" + strings.Repeat("9", 80), 1, strings.Repeat("9", 40)},
		{"v???", 6, "v"},
		{"???", 6, "6"},
	} {
		if got := slug(tc.label, tc.n); got != tc.want {
			t.Errorf("slug(%q, %d) = %q, want %q", tc.label, tc.n, got, tc.want)
		}
	}
}

func TestAssignSlugsStable(t *testing.T) {
	// Versions v1, v1, #3, v3: the oldest of a pair keeps the plain segment.
	vs := []*Version{{N: 1, Label: "v1", Short: "aaaaaaa"}, {N: 2, Label: "v1", Short: "bbbbbbb"}, {N: 3, Label: "#3", Short: "ccccccc"}, {N: 4, Label: "v3", Short: "ddddddd"}}
	assignSlugs(vs, "/p/")
	var got []string
	for _, v := range vs {
		got = append(got, v.URL)
	}
	if s := strings.Join(got, " "); s != "/p/v/1/ /p/v/1-bbbbbbb/ /p/v/3/ /p/v/3-ddddddd/" {
		t.Errorf("URLs = %s", s)
	}
}

func TestMayHaveScripts(t *testing.T) {
	for _, tc := range []struct {
		body string
		want bool
	}{
		{"```script\nHallo\n```\n", true},
		{"~~~ Script\nHallo\n~~~\n", true},
		{"- Punkt\n\n  ````script\n  Hallo\n  ````\n", true},
		{"```go\nx\n```\nscript\n", false},
		{"``script``", false},
		{"Kein Skript hier.", false},
		{"```", false},
		{"", false},
	} {
		if got := MayHaveScripts([]byte(tc.body)); got != tc.want {
			t.Errorf("MayHaveScripts(%q) = %v, want %v", tc.body, got, tc.want)
		}
	}
}

// FuzzMayHaveScripts checks that the cheap test never misses a script the
// converter finds: a miss would drop an old version's scripts.
func FuzzMayHaveScripts(f *testing.F) {
	for _, s := range []string{
		"```script\nHallo {{Vorname}}\n```\n",
		"> ~~~script\n> x\n> ~~~\n",
		"1. a\n   ```  SCRIPT extra\n   b\n   ```\n",
		"<div>\n```script\n</div>\n",
		"```script",
	} {
		f.Add([]byte(s))
	}
	conv := markdown.New(markdown.Options{Lang: "de"})
	f.Fuzz(func(t *testing.T, body []byte) {
		doc := conv.Convert(body, markdown.Context{Path: "x.md"})
		if len(doc.Scripts) > 0 && !MayHaveScripts(body) {
			t.Fatalf("converter finds %d scripts in %q, MayHaveScripts says none", len(doc.Scripts), body)
		}
	})
}

// FuzzBuild feeds arbitrary old file contents: Build must not panic, and
// every version must be labelled and numbered.
func FuzzBuild(f *testing.F) {
	f.Add([]byte(pitch("1", "Hallo")), []byte("+++\ntitle = 1\n+++\n```script\nx"))
	f.Add([]byte("---\nversion: [\n---\n"), []byte("\x00"))
	conv := markdown.New(markdown.Options{Lang: "de"})
	f.Fuzz(func(t *testing.T, a, b []byte) {
		in := Input{Source: "p.md", URL: "/p/", Revisions: []history.Revision{rev(2, "p.md"), rev(1, "p.md"), rev(0, "p.md")},
			Body: []byte("```script\nneu\n```\n")}
		in.Doc = conv.Convert(in.Body, markdown.Context{Path: "p.md"})
		out := Build([]Input{in}, map[string][]byte{"b0": a, "b1": b}, Options{Converter: conv})
		for i, v := range out[0].Versions {
			if v.N != i+1 || v.Label == "" {
				t.Fatalf("version %d: N=%d label=%q", i, v.N, v.Label)
			}
			if i < 2 && out[0].Scripts && (v.Slug == "" || !strings.HasPrefix(v.URL, "/p/v/") || strings.Contains(v.Slug, "/")) {
				t.Fatalf("version %d: slug %q URL %q", i, v.Slug, v.URL)
			}
		}
	})
}

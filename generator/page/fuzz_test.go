package page

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"playbook/generator/config"
	"playbook/generator/content"
)

// seedPages are the sample pages in testdata/pages, split.
func seedPages(tb testing.TB) []content.Source {
	tb.Helper()
	files, err := filepath.Glob("testdata/pages/*.md")
	if err != nil || len(files) == 0 {
		tb.Fatalf("no seed pages: %v", err)
	}
	var out []content.Source
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		src, diags := content.Split(filepath.Base(f), data)
		if len(diags) > 0 {
			tb.Fatal(diags)
		}
		out = append(out, src)
	}
	return out
}

func TestSeedPages(t *testing.T) {
	for _, src := range seedPages(t) {
		_, diags := New(src, config.Default())
		if broken := src.Path == "broken.md"; broken != diags.HasErrors() {
			t.Errorf("%s: %v", src.Path, diags)
		}
	}
}

// FuzzNew feeds arbitrary front matter of either format to New. It fails on
// panics and on broken promises: every diagnostic names the file and a
// line, and a page without errors has a title, a known kind and its kind's
// struct.
func FuzzNew(f *testing.F) {
	for _, src := range seedPages(f) {
		f.Add(src.Front, src.Format == content.YAML, src.Path)
	}
	f.Add([]byte("title = 'T'\nx = [[1], {a = {b = 2}}]\nd = 1979-05-27T07:32:00"), false, "cadences/c.md")
	f.Add([]byte("title: T\nsteps:\n- &s {day: 1, channel: call}\n- *s\n<<: {x: 1}"), true, "cadences/c.md")
	f.Add([]byte("title: !!binary aGk=\nweight: 0x10\nupdated: 2001-12-14t21:59:43.10-05:00"), true, "a/_index.md")
	f.Add([]byte("title = \"\"\"\nmulti\n\"\"\"\n'a.b'.c = 1"), false, "pitches/x.md")
	cfg := config.Default()
	kinds := map[Kind]bool{}
	for _, k := range Kinds {
		kinds[k] = true
	}
	f.Fuzz(func(t *testing.T, front []byte, yaml bool, path string) {
		if !utf8.ValidString(path) || path == "" || strings.ContainsRune(path, 0) {
			path = "x.md"
		}
		format := content.TOML
		if yaml {
			format = content.YAML
		}
		src := content.Source{Path: path, Format: format, Front: front, FrontLine: 2,
			BodyLine: 3 + strings.Count(string(front), "\n")}
		p, diags := New(src, cfg)
		if p == nil {
			t.Fatal("nil page")
		}
		for _, d := range diags {
			if d.Pos.File != "content/"+path || d.Pos.Line < 1 {
				t.Fatalf("bad position %v: %s", d.Pos, d.Msg)
			}
		}
		if diags.HasErrors() {
			return
		}
		if p.Title == "" || !kinds[p.Kind] {
			t.Fatalf("page without errors but title %q, kind %q", p.Title, p.Kind)
		}
		if (p.Kind == KindObjection) != (p.Objection != nil) || (p.Kind == KindPitch) != (p.Pitch != nil) ||
			(p.Kind == KindCadence) != (p.Cadence != nil) || (p.Kind == KindWorkshop) != (p.Workshop != nil) ||
			(p.Kind == KindVoicemail) != (p.Voicemail != nil) || (p.Kind == KindRetention) != (p.Retention != nil) {
			t.Fatalf("kind %s with wrong kind struct", p.Kind)
		}
		if p.Cadence != nil {
			for _, s := range p.Cadence.Steps {
				if s.Day < 1 || s.Channel == "" || s.Line < 1 {
					t.Fatalf("bad step %+v", s)
				}
			}
		}
		for _, a := range p.Aliases {
			if !strings.HasPrefix(a, "/") || !strings.HasSuffix(a, "/") || strings.Contains(a, "/../") || strings.ContainsAny(a, "\\\x00") {
				t.Fatalf("bad alias %q", a)
			}
		}
	})
}

func BenchmarkSplitAndNew(b *testing.B) {
	cfg := config.Default()
	for _, name := range []string{"pitch.md", "objection.md", "cadence.md"} {
		data, err := os.ReadFile(filepath.Join("testdata/pages", name))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				src, diags := content.Split("pitches/"+name, data)
				if len(diags) > 0 {
					b.Fatal(diags)
				}
				if _, diags := New(src, cfg); diags.HasErrors() {
					b.Fatal(diags)
				}
			}
		})
	}
}

package content

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		format    Format
		front     string
		frontLine int
		body      string
		bodyLine  int
		err       string // substring of the only diagnostic; "" for none
		errLine   int
	}{
		{name: "no front matter", in: "# Titel\n\nText\n", format: NoFrontMatter, body: "# Titel\n\nText\n", bodyLine: 1},
		{name: "empty file", in: "", format: NoFrontMatter, body: "", bodyLine: 1},
		{name: "toml", in: "+++\ntitle = \"A\"\n+++\nBody\n", format: TOML, front: "title = \"A\"\n", frontLine: 2, body: "Body\n", bodyLine: 4},
		{name: "yaml", in: "---\ntitle: A\nkind: pitch\n---\n\nBody\n", format: YAML, front: "title: A\nkind: pitch\n", frontLine: 2, body: "\nBody\n", bodyLine: 5},
		{name: "bom", in: "\xef\xbb\xbf---\ntitle: A\n---\nB", format: YAML, front: "title: A\n", frontLine: 2, body: "B", bodyLine: 4},
		{name: "crlf", in: "+++\r\ntitle = \"A\"\r\n+++\r\nx\r\ny\r\n", format: TOML, front: "title = \"A\"\n", frontLine: 2, body: "x\ny\n", bodyLine: 4},
		{name: "lone cr", in: "---\rtitle: A\r---\rx\ry", format: YAML, front: "title: A\n", frontLine: 2, body: "x\ny", bodyLine: 4},
		{name: "trailing spaces on delimiters", in: "+++  \ntitle = \"A\"\n+++\t \nB\n", format: TOML, front: "title = \"A\"\n", frontLine: 2, body: "B\n", bodyLine: 4},
		{name: "empty front matter", in: "+++\n+++\nB\n", format: TOML, front: "", frontLine: 2, body: "B\n", bodyLine: 3},
		{name: "closing at end of file", in: "---\ntitle: A\n---", format: YAML, front: "title: A\n", frontLine: 2, body: "", bodyLine: 4},
		{name: "+++ in body", in: "+++\na = 1\n+++\nText\n+++\nmore\n", format: TOML, front: "a = 1\n", frontLine: 2, body: "Text\n+++\nmore\n", bodyLine: 4},
		{name: "other delimiter does not close", in: "+++\na = 1\n---\nb = 2\n+++\nB", format: TOML, front: "a = 1\n---\nb = 2\n", frontLine: 2, body: "B", bodyLine: 6},
		{name: "indented delimiter is no delimiter", in: " ---\ntitle: A\n---\n", format: NoFrontMatter, body: " ---\ntitle: A\n---\n", bodyLine: 1},
		{name: "four dashes are a rule", in: "----\nText\n", format: NoFrontMatter, body: "----\nText\n", bodyLine: 1},
		{name: "unterminated toml", in: "+++\ntitle = \"A\"\n\nBody\n", err: `never closed: add a line holding just "+++"`, errLine: 1},
		{name: "unterminated yaml", in: "---\ntitle: A\n", err: `"---"`, errLine: 1},
		{name: "only opening line", in: "---", err: "never closed", errLine: 1},
		{name: "invalid utf-8", in: "---\ntitle: A\n---\nok\nbad \xff here\n", err: "not valid UTF-8", errLine: 5},
		{name: "invalid utf-8 after crlf", in: "a\r\nb\r\n\xc3\x28", err: "not valid UTF-8", errLine: 3},
		{name: "nul", in: "---\ntitle: A\n---\n\x00\x01", err: "binary file", errLine: 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, diags := Split("objections/x.md", []byte(tt.in))
			if tt.err != "" {
				if len(diags) != 1 || !strings.Contains(diags[0].Msg, tt.err) {
					t.Fatalf("diagnostics = %v, want one containing %q", diags, tt.err)
				}
				if d := diags[0]; d.Pos.File != "content/objections/x.md" || d.Pos.Line != tt.errLine {
					t.Errorf("position = %v, want content/objections/x.md:%d", d.Pos, tt.errLine)
				}
				return
			}
			if len(diags) != 0 {
				t.Fatalf("unexpected diagnostics: %v", diags)
			}
			if src.Path != "objections/x.md" || src.Format != tt.format || string(src.Front) != tt.front ||
				src.FrontLine != tt.frontLine || string(src.Body) != tt.body || src.BodyLine != tt.bodyLine {
				t.Errorf("got %+v\nfront %q body %q", src, src.Front, src.Body)
			}
		})
	}
}

// rebuild checks the documented invariant: delimiter lines, Front and Body
// together give back the normalised input.
func rebuild(t *testing.T, in []byte, src Source) {
	t.Helper()
	norm := strings.TrimPrefix(string(in), "\ufeff")
	norm = strings.ReplaceAll(norm, "\r\n", "\n")
	norm = strings.ReplaceAll(norm, "\r", "\n")
	if src.Format == NoFrontMatter {
		if string(src.Body) != norm || src.BodyLine != 1 || src.FrontLine != 0 || src.Front != nil {
			t.Fatalf("no front matter: got %+v for %q", src, norm)
		}
		return
	}
	lines := strings.Split(norm, "\n")
	closing := src.BodyLine - 1
	if src.FrontLine != 2 || closing < 2 || closing > len(lines) {
		t.Fatalf("lines out of range: %+v (%d lines)", src, len(lines))
	}
	delim := "+++"
	if src.Format == YAML {
		delim = "---"
	}
	open, close := lines[0], lines[closing-1]
	if strings.TrimRight(open, " \t") != delim || strings.TrimRight(close, " \t") != delim {
		t.Fatalf("delimiter lines %q, %q do not hold %q", open, close, delim)
	}
	if got := strings.Count(string(src.Front), "\n"); got != closing-2 {
		t.Fatalf("front has %d lines, closing delimiter on line %d", got, closing)
	}
	var b bytes.Buffer
	b.WriteString(open + "\n")
	b.Write(src.Front)
	b.WriteString(close)
	if closing < len(lines) {
		b.WriteByte('\n')
	}
	b.Write(src.Body)
	if b.String() != norm {
		t.Fatalf("rebuilt %q, want %q", b.String(), norm)
	}
}

func TestSplitRebuilds(t *testing.T) {
	for _, in := range []string{
		"+++\na\n+++\nb", "---\n---\n", "---  \nx: 1\n---   \n\n\n", "\ufeff+++\r\n+++\r\n\r\nx",
	} {
		src, diags := Split("a.md", []byte(in))
		if len(diags) > 0 {
			t.Fatalf("%q: %v", in, diags)
		}
		rebuild(t, []byte(in), src)
	}
}

func FuzzSplit(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/split/*.md")
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("+++\ntitle = \"A\"\n+++\nBody\n"))
	f.Add([]byte("---\r\ntitle: A\r\n---\r\n"))
	f.Add([]byte("\xef\xbb\xbf---\n---"))
	f.Add([]byte("---\n\xff\n---\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		orig := append([]byte(nil), in...)
		src, diags := Split("f.md", in)
		if !bytes.Equal(in, orig) {
			t.Fatal("Split changed its input")
		}
		for _, d := range diags {
			if d.Pos.File != "content/f.md" || d.Pos.Line < 1 {
				t.Fatalf("bad position %v", d.Pos)
			}
		}
		if len(diags) == 0 {
			rebuild(t, in, src)
		}
	})
}

func BenchmarkSplit(b *testing.B) {
	data, err := os.ReadFile("testdata/split/typical.md")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, diags := Split("pitches/elevator.md", data); len(diags) > 0 {
			b.Fatal(diags)
		}
	}
}

package markdown

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// Case files follow goldmark's extension/_test format: a title line, the
// input and the expected HTML, separated by marker lines. Options go in
// brackets at the end of the title: [unsafe] [lang=en] [path=x/y.md]
// [noresolver]. Diagnostics, when a case has any, follow the HTML after a
// "//- diags -//" line.
const (
	sepInput  = "//- - - - - - - - -//"
	sepCase   = "//= = = = = = = = = = = = = = = = = = = = = = = =//"
	sepDiags  = "//- diags -//"
	casesGlob = "testdata/*.txt"
)

type testCase struct {
	file     string
	title    string
	input    string
	expected string
	line     int
}

func readCases(t testing.TB, file string) []testCase {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var cases []testCase
	line := 1
	for _, chunk := range strings.Split(string(data), sepCase+"\n") {
		start := line
		line += strings.Count(chunk, "\n") + 1
		if strings.TrimSpace(chunk) == "" {
			continue
		}
		parts := strings.Split(chunk, sepInput+"\n")
		if len(parts) != 3 {
			t.Fatalf("%s:%d: want title, input and expected separated by %q", file, start, sepInput)
		}
		cases = append(cases, testCase{
			file:     file,
			title:    strings.TrimSpace(parts[0]),
			input:    parts[1],
			expected: parts[2],
			line:     start,
		})
	}
	return cases
}

func writeCases(t *testing.T, file string, cases []testCase) {
	t.Helper()
	var b strings.Builder
	for _, c := range cases {
		b.WriteString(c.title + "\n" + sepInput + "\n" + c.input + sepInput + "\n" + c.expected + sepCase + "\n")
	}
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// caseOptions reads the bracketed options at the end of a case title.
func caseOptions(title string) (Options, Context) {
	opts := Options{Lang: "de", WPM: 130, Placeholders: map[string]string{"Vorname": "", "Firma": "", "Produkt": ""}}
	ctx := Context{Path: "objections/preis/start.md", Line: 1, Resolver: testResolver}
	for _, f := range strings.Fields(title) {
		if !strings.HasPrefix(f, "[") || !strings.HasSuffix(f, "]") {
			continue
		}
		k, v, _ := strings.Cut(f[1:len(f)-1], "=")
		switch k {
		case "unsafe":
			opts.UnsafeHTML = true
		case "lang":
			opts.Lang = v
		case "path":
			ctx.Path = v
		case "line":
			ctx.Line, _ = strconv.Atoi(v)
		case "noresolver":
			ctx.Resolver = nil
		}
	}
	ctx.File = "content/" + ctx.Path
	return opts, ctx
}

func render(c testCase) string {
	opts, ctx := caseOptions(c.title)
	doc := New(opts).Convert([]byte(c.input), ctx)
	out := string(doc.HTML)
	if len(doc.Diags) > 0 {
		out += sepDiags + "\n" + doc.Diags.Error() + "\n"
	}
	return out
}

func TestCases(t *testing.T) {
	files, err := filepath.Glob(casesGlob)
	if err != nil || len(files) == 0 {
		t.Fatalf("no case files: %v", err)
	}
	for _, file := range files {
		cases := readCases(t, file)
		changed := false
		for i, c := range cases {
			name := fmt.Sprintf("%s/%s", filepath.Base(file), c.title)
			t.Run(name, func(t *testing.T) {
				got := render(c)
				if got == c.expected {
					return
				}
				if *update {
					cases[i].expected = got
					changed = true
					return
				}
				t.Errorf("%s:%d: %s\n--- input\n%s--- got\n%s--- want\n%s", file, c.line, c.title, c.input, got, c.expected)
			})
		}
		if changed {
			writeCases(t, file, cases)
		}
	}
}

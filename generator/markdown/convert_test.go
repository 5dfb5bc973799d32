package markdown

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
)

func TestRawScriptEscapedByDefault(t *testing.T) {
	src := "<script>alert(1)</script>\n\nText <script>alert(2)</script> <img src=x onerror=alert(3)>\n\n<iframe src=\"https://evil\"></iframe>\n"
	doc := New(Options{}).Convert([]byte(src), Context{})
	html := strings.ToLower(string(doc.HTML))
	for _, bad := range []string{"<script", "<img", "<iframe"} {
		if strings.Contains(html, bad) {
			t.Errorf("raw %s passed through:\n%s", bad, doc.HTML)
		}
	}
	if !strings.Contains(html, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("block script not shown as text:\n%s", doc.HTML)
	}
	if !strings.Contains(html, "&lt;script&gt;alert(2)&lt;/script&gt;") {
		t.Errorf("inline script not shown as text:\n%s", doc.HTML)
	}

	unsafe := New(Options{UnsafeHTML: true}).Convert([]byte(src), Context{})
	if !bytes.Contains(unsafe.HTML, []byte("<script>alert(1)</script>")) {
		t.Errorf("UnsafeHTML did not pass raw HTML through:\n%s", unsafe.HTML)
	}
}

func TestInvalidUTF8(t *testing.T) {
	src := []byte("# Ti\xfftel\n\nText \xc3\x28 und\x00 NUL.\n\n```script\nHallo \xff{{Vorname}}\n```\n")
	doc := New(Options{Placeholders: map[string]string{"Vorname": ""}}).Convert(src, Context{Path: "x.md", File: "content/x.md", Line: 3})
	for name, s := range map[string]string{"HTML": string(doc.HTML), "Text": doc.Text, "Summary": doc.Summary, "Script": doc.Scripts[0].Text, "Heading": doc.Headings[0].Text} {
		if !utf8.ValidString(s) || strings.ContainsRune(s, 0) {
			t.Errorf("%s is not valid UTF-8 without NUL: %q", name, s)
		}
	}
	want := "content/x.md:3: warning: text is not valid UTF-8 (or holds NUL bytes); replaced by U+FFFD"
	if got := doc.Diags.Error(); got != want {
		t.Errorf("diags = %q, want %q", got, want)
	}
	if doc.Headings[0].Line != 3 || doc.Scripts[0].Line != 7 {
		t.Errorf("lines moved: heading %d, script %d", doc.Headings[0].Line, doc.Scripts[0].Line)
	}
}

// TestPathological feeds inputs known to hurt Markdown parsers; each must
// finish quickly and without a panic (a stack overflow would kill the test).
// Inputs that are quadratic inside goldmark itself (upstream, not in our
// stages) are kept at 16 KB, where they still take well under a second.
func TestPathological(t *testing.T) {
	const n = 50000
	const q = 4000 // repeats for goldmark's own quadratic cases
	inputs := map[string]string{
		"nested blockquotes":  strings.Repeat(">", q) + " x\n",
		"nested lists":        strings.Repeat("- ", q) + "x\n",
		"nested list indent":  nestedList(300),
		"open brackets":       strings.Repeat("[", q) + "x",
		"open link parens":    strings.Repeat("[a](", q),
		"emphasis runs":       strings.Repeat("*a_b*c_d**e_f*g**h*i_j**", q/4),
		"nested emphasis":     strings.Repeat("*", n) + "a" + strings.Repeat("*", n),
		"backticks":           strings.Repeat("\\``", q),
		"entities":            strings.Repeat("&#x41;&amp;", n),
		"many placeholders":   "```script\n" + strings.Repeat("{{a}}{{", n) + "\n```\n",
		"open placeholders":   "```script\n" + strings.Repeat("{{", n) + strings.Repeat("}}", 2) + "\n```\n",
		"long placeholders":   "```script\n" + strings.Repeat("{{"+strings.Repeat("x", 100), n/10) + "}}\n```\n",
		"many tasks":          strings.Repeat("- [ ] same\n", n),
		"many alerts":         strings.Repeat("> [!NOTE]\n> x\n\n", n/5),
		"many links":          strings.Repeat("[a](b.md) ", n),
		"many headings":       strings.Repeat("## Gleich\n", n/5),
		"table columns":       strings.Repeat("|a", 2000) + "|\n" + strings.Repeat("|-", 2000) + "|\n" + strings.Repeat("|x", 2000) + "|\n",
		"html comments":       strings.Repeat("a <!--a\n", n/5),
		"long heading":        "## " + strings.Repeat("Wort ", n),
		"footnote refs":       strings.Repeat("[^x]", n) + "\n\n[^x]: y\n",
		"reference defs":      strings.Repeat("[a]: b\n", n/10) + strings.Repeat("[a] ", n/10),
		"highlighted json":    "```json\n" + strings.Repeat(`{"a": [1, 2, "x"]}`+"\n", 3000) + "```\n",
		"huge code too large": "```json\n" + strings.Repeat("[1,", 40000) + "\n```\n",
		"binary":              string(binaryish(200000)),
	}
	c := New(Options{})
	for name, src := range inputs {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			doc := c.Convert([]byte(src), Context{Path: "x.md", Resolver: testResolver})
			if d := time.Since(start); d > 3*time.Second*slowdown {
				t.Errorf("%d bytes took %v", len(src), d)
			}
			for _, d := range doc.Diags {
				if strings.Contains(d.Msg, "internal error") {
					t.Fatalf("recovered panic: %v", d)
				}
			}
		})
	}
}

// binaryish is deterministic noise with Markdown punctuation mixed in.
func binaryish(n int) []byte {
	b := make([]byte, n)
	x := uint32(2463534242)
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = byte(x)
		if x%5 == 0 {
			b[i] = "[]()*_`>#-|{}<!\n"[x%16]
		}
	}
	return b
}

func summarize(d *Document) string {
	return fmt.Sprintf("%s|%+v|%+v|%+v|%+v|%q|%v", d.HTML, d.Headings, d.Tasks, d.Scripts, d.Links, d.Text, d.Diags)
}

func nestedList(depth int) string {
	var b strings.Builder
	for i := 0; i < depth; i++ {
		b.WriteString(strings.Repeat("  ", i))
		b.WriteString("- x\n")
	}
	return b.String()
}

func TestConcurrentConvert(t *testing.T) {
	files, _ := filepath.Glob(casesGlob)
	var inputs []string
	for _, f := range files {
		for _, c := range readCases(t, f) {
			inputs = append(inputs, c.input)
		}
	}
	conv := New(Options{Lang: "de", Placeholders: map[string]string{"Vorname": ""}})
	want := make([]string, len(inputs))
	for i, in := range inputs {
		want[i] = summarize(conv.Convert([]byte(in), Context{Path: "a/b.md", Resolver: testResolver}))
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := 0; r < 3; r++ {
				for i, in := range inputs {
					got := summarize(conv.Convert([]byte(in), Context{Path: "a/b.md", Resolver: testResolver}))
					if got != want[i] {
						t.Errorf("input %d differs under concurrency", i)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
}

// FuzzConvert fails only on a panic or a broken invariant: output must be
// valid UTF-8, ids unique, lines inside the body, and without UnsafeHTML no
// markup can come from the input.
func FuzzConvert(f *testing.F) {
	files, _ := filepath.Glob(casesGlob)
	for _, file := range files {
		for _, c := range readCases(f, file) {
			f.Add([]byte(c.input), false)
		}
	}
	if data, err := os.ReadFile("testdata/bench.md"); err == nil {
		f.Add(data, false)
	}
	f.Add([]byte("<script>x</script>\n\n[a](javascript:x)"), true)
	safe := New(Options{Lang: "de", Placeholders: map[string]string{"Vorname": ""}})
	unsafe := New(Options{Lang: "en", UnsafeHTML: true})
	f.Fuzz(func(t *testing.T, src []byte, allowHTML bool) {
		c := safe
		if allowHTML {
			c = unsafe
		}
		const base = 5
		doc := c.Convert(src, Context{Path: "dir/x.md", File: "content/dir/x.md", Line: base, Resolver: testResolver})
		for _, d := range doc.Diags {
			if strings.Contains(d.Msg, "internal error") {
				t.Fatalf("recovered panic: %v", d)
			}
		}
		lastLine := base + bytes.Count(src, []byte("\n"))
		for name, s := range map[string]string{"HTML": string(doc.HTML), "Text": doc.Text, "Summary": doc.Summary} {
			if !utf8.ValidString(s) {
				t.Fatalf("%s is not valid UTF-8", name)
			}
		}
		if utf8.RuneCountInString(doc.Summary) > summaryMax+1 {
			t.Fatalf("summary too long: %d", utf8.RuneCountInString(doc.Summary))
		}
		ids := map[string]bool{}
		for _, h := range doc.Headings {
			if h.ID == "" || ids[h.ID] {
				t.Fatalf("heading id %q empty or repeated", h.ID)
			}
			ids[h.ID] = true
			if h.Line < base || h.Line > lastLine {
				t.Fatalf("heading line %d outside %d..%d", h.Line, base, lastLine)
			}
		}
		tasks := map[string]bool{}
		for _, tk := range doc.Tasks {
			if tasks[tk.ID] {
				t.Fatalf("task id %q repeated", tk.ID)
			}
			tasks[tk.ID] = true
		}
		for _, d := range doc.Diags {
			if d.Pos.Line < base || d.Pos.Line > lastLine {
				t.Fatalf("diagnostic line outside the body: %v", d)
			}
		}
		if len(doc.Sections) == 0 || doc.Sections[0].ID != "" {
			t.Fatalf("first section must be the text before any heading")
		}
		if !allowHTML {
			checkNoInjectedMarkup(t, src, doc.HTML)
		}
	})
}

// allowedTags are the elements our renderers and goldmark's write; with raw
// HTML escaped, any other tag in the output came from the input.
var allowedTags = map[string]bool{
	"p": true, "em": true, "strong": true, "del": true, "a": true, "img": true, "code": true, "pre": true,
	"span": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "ul": true,
	"ol": true, "li": true, "blockquote": true, "table": true, "thead": true, "tbody": true, "tr": true,
	"th": true, "td": true, "br": true, "hr": true, "div": true, "sup": true, "label": true, "input": true,
	"figure": true, "figcaption": true, "button": true,
}

// checkNoInjectedMarkup parses every tag in html: its name must be one we
// write, no attribute may be an event handler, values must be quoted, and
// href/src must not carry a script or data URL.
func checkNoInjectedMarkup(t *testing.T, src, html []byte) {
	fail := func(format string, args ...any) {
		t.Helper()
		t.Fatalf(format+"\ninput: %q\noutput: %s", append(args, src, html)...)
	}
	for i := bytes.IndexByte(html, '<'); i >= 0; {
		p := i + 1
		if p < len(html) && html[p] == '/' {
			p++
		}
		start := p
		for p < len(html) && (html[p] >= 'a' && html[p] <= 'z' || html[p] >= '0' && html[p] <= '9') {
			p++
		}
		if name := string(html[start:p]); !allowedTags[name] {
			fail("unexpected tag %q", name)
		}
		for p < len(html) && html[p] != '>' {
			if html[p] == ' ' {
				p++
				continue
			}
			nameStart := p
			for p < len(html) && html[p] != '=' && html[p] != ' ' && html[p] != '>' {
				p++
			}
			attr := strings.ToLower(string(html[nameStart:p]))
			if strings.HasPrefix(attr, "on") || attr == "style" || attr == "srcdoc" {
				fail("attribute %q", attr)
			}
			if p < len(html) && html[p] == '=' {
				p++
				if p >= len(html) || html[p] != '"' {
					fail("unquoted value for %q", attr)
				}
				end := bytes.IndexByte(html[p+1:], '"')
				if end < 0 {
					fail("unterminated value for %q", attr)
				}
				value := bytes.ToLower(bytes.TrimLeft(html[p+1:p+1+end], " \t\n"))
				if attr == "href" || attr == "src" {
					for _, scheme := range []string{"javascript:", "vbscript:", "data:text", "file:"} {
						if bytes.HasPrefix(value, []byte(scheme)) {
							fail("dangerous %s=%q", attr, value)
						}
					}
				}
				p += end + 2
			}
		}
		next := bytes.IndexByte(html[p:], '<')
		if next < 0 {
			break
		}
		i = p + next
	}
}

// panicResolver stands for a bug in code we call; Convert must survive it.
type panicResolver struct{}

func (panicResolver) Page(string) (string, bool) { panic("resolver bug") }
func (panicResolver) File(string) (string, bool) { panic("resolver bug") }

func TestConvertRecoversFromPanics(t *testing.T) {
	src := "Text <b>x</b> [a](b.md)\n"
	doc := New(Options{}).Convert([]byte(src), Context{Path: "a.md", Line: 4, Resolver: panicResolver{}})
	want := "content/a.md:4: error: internal error converting Markdown: resolver bug"
	if got := doc.Diags.Error(); got != want {
		t.Errorf("diags = %q, want %q", got, want)
	}
	if got := string(doc.HTML); got != "<pre>Text &lt;b&gt;x&lt;/b&gt; [a](b.md)\n</pre>\n" {
		t.Errorf("fallback HTML = %q", got)
	}
}

func TestWriteCSS(t *testing.T) {
	var b bytes.Buffer
	if err := WriteCSS(&b, "github"); err != nil {
		t.Fatal(err)
	}
	for _, sel := range []string{".chroma", ".chroma .nt", ".chroma .s2"} {
		if !strings.Contains(b.String(), sel+" {") {
			t.Errorf("CSS lacks %q", sel)
		}
	}
}

func TestLexerLookupIsCached(t *testing.T) {
	h := newHighlighter()
	if h.lexer("JSON") == nil || h.lexer("json") == nil || h.lexer("nichtdabei") != nil {
		t.Fatal("lexer lookup wrong")
	}
	if n := h.cached.Load(); n != 2 {
		t.Errorf("%d cache entries, want 2 (json, nichtdabei)", n)
	}
	start := time.Now()
	for i := 0; i < 1000; i++ {
		h.lexer("nichtdabei")
	}
	// An uncached miss scans every lexer's file patterns (milliseconds).
	if d := time.Since(start); d > 200*time.Millisecond*slowdown {
		t.Errorf("1000 cached misses took %v", d)
	}
}

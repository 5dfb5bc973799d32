package markdown

import (
	"bytes"
	"io"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/alecthomas/chroma/v2"
	chtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

const (
	// maxHighlight is the largest code block we colour; bigger ones are
	// shown plain so one pasted log cannot slow a build down.
	maxHighlight = 64 << 10
	// maxLexerCache bounds the per-converter lexer cache: info strings are
	// user input. A miss costs about 5 ms (lexers.Get matches the name
	// against every lexer's file patterns), so the bound is generous.
	maxLexerCache = 1024
	// maxLangLen: no lexer name or alias is longer; longer info words are
	// not looked up at all.
	maxLangLen = 32
)

// highlighter colours fenced code with chroma, CSS classes only (the theme
// owns the colours). Everything expensive is built once: the formatter and
// style here, lexers on first use of a language. lexers.Get is cheap for a
// known name but scans every lexer's file patterns for an unknown one, so
// its answers, nil included, are cached.
type highlighter struct {
	formatter *chtml.Formatter
	style     *chroma.Style
	lexers    sync.Map // lower-cased language -> chroma.Lexer (nil: none)
	cached    atomic.Int32
	bufs      sync.Pool // *bytes.Buffer
}

// noPre leaves the <pre><code> wrapper to us, since it carries the language class.
type noPre struct{}

func (noPre) Start(bool, string) string { return "" }
func (noPre) End(bool) string           { return "" }

func newHighlighter() *highlighter {
	return &highlighter{
		formatter: chtml.New(chtml.WithClasses(true), chtml.WithPreWrapper(noPre{})),
		style:     styles.Fallback,
		bufs:      sync.Pool{New: func() any { return new(bytes.Buffer) }},
	}
}

// lexer returns the lexer for a fence's language, or nil. Never guesses.
func (h *highlighter) lexer(lang string) chroma.Lexer {
	key := strings.ToLower(lang)
	if v, ok := h.lexers.Load(key); ok {
		l, _ := v.(chroma.Lexer)
		return l
	}
	l := lexers.Get(key)
	if l != nil {
		l = chroma.Coalesce(l)
	}
	if h.cached.Load() < maxLexerCache {
		h.cached.Add(1)
		h.lexers.Store(key, l)
	}
	return l
}

// highlight formats code as chroma's spans and hands them to emit; it
// reports success. It formats into a buffer first so a failing lexer
// leaves nothing half written.
func (h *highlighter) highlight(lexer chroma.Lexer, code string, emit func([]byte)) (ok bool) {
	buf := h.bufs.Get().(*bytes.Buffer)
	buf.Reset()
	defer func() {
		if r := recover(); r != nil {
			ok = false
		}
		if buf.Cap() <= 4*maxHighlight {
			h.bufs.Put(buf)
		}
	}()
	it, err := lexer.Tokenise(nil, code)
	if err != nil {
		return false
	}
	if err := h.formatter.Format(buf, h.style, it); err != nil {
		return false
	}
	emit(buf.Bytes())
	return true
}

// highlightRetry tries highlight up to three times. chroma gives each regexp
// match 250 ms of wall time; on a machine under heavy load a match can run
// out of it, and one retry keeps the output the same from build to build.
func (h *highlighter) highlightRetry(lexer chroma.Lexer, code string, emit func([]byte)) bool {
	for try := 0; try < 3; try++ {
		if h.highlight(lexer, code, emit) {
			return true
		}
	}
	return false
}

// WriteCSS writes the CSS rules for the highlighting classes in the named
// chroma style (for example "github"); the theme serves it. An unknown name
// falls back to chroma's default style.
func WriteCSS(w io.Writer, style string) error {
	return chtml.New(chtml.WithClasses(true)).WriteCSS(w, styles.Get(style))
}

// codeExtension renders fenced code blocks (script fences are gone by then).
type codeExtension struct {
	hl *highlighter
}

func (e *codeExtension) Extend(m goldmark.Markdown) {
	// Below goldmark's default renderer (1000), so ours wins.
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(e, 100)))
}

func (e *codeExtension) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, e.render)
}

func (e *codeExtension) render(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.FencedCodeBlock)
	var code []byte
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		code = append(code, seg.Value(src)...)
	}
	if lang := n.Language(src); len(lang) > 0 && len(lang) <= maxLangLen && len(code) <= maxHighlight {
		if lexer := e.hl.lexer(string(lang)); lexer != nil {
			ok := e.hl.highlightRetry(lexer, string(code), func(spans []byte) {
				_, _ = w.WriteString(`<pre class="chroma"><code class="language-`)
				writeEscaped(w, strings.ToLower(string(lang)))
				_, _ = w.WriteString(`">`)
				_, _ = w.Write(spans)
				_, _ = w.WriteString("</code></pre>\n")
			})
			if ok {
				return ast.WalkSkipChildren, nil
			}
		}
	}
	_, _ = w.WriteString("<pre><code>")
	writeEscaped(w, util.BytesToReadOnlyString(code))
	_, _ = w.WriteString("</code></pre>\n")
	return ast.WalkSkipChildren, nil
}

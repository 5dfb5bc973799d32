package markdown

import (
	"bufio"
	"bytes"
	"maps"
	"sort"
	"sync"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"

	"playbook/generator/config"
	"playbook/generator/diag"
)

// stateKey finds the per-document state in a parser.Context. goldmark hands
// out context keys from a package counter, so this is created once at init
// and never changes afterwards.
var stateKey = parser.NewContextKey()

// Converter turns Markdown bodies into Documents. It is safe for concurrent
// use: the goldmark pipeline is built once and every per-document fact lives
// in a docState that travels through the parser.Context.
type Converter struct {
	opts Options
	md   goldmark.Markdown
	hl   *highlighter
	pool sync.Pool // *docState
}

// New builds a Converter for a whole build.
func New(opts Options) *Converter {
	if opts.WPM <= 0 {
		opts.WPM = config.DefaultWPM(opts.Lang)
	}
	if opts.Lang != "de" {
		opts.Lang = "en"
	}
	// Copy the map: the caller may keep editing theirs while we convert concurrently.
	opts.Placeholders = maps.Clone(opts.Placeholders)

	c := &Converter{opts: opts, hl: newHighlighter()}
	var htmlOpts []renderer.Option
	if opts.UnsafeHTML {
		htmlOpts = append(htmlOpts, html.WithUnsafe())
	}
	lab := labelsFor(opts.Lang)
	c.md = goldmark.New(
		goldmark.WithExtensions(
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)),
			extension.Strikethrough,
			extension.Linkify,
			extension.TaskList,
			extension.Footnote,
			&alertExtension{labels: lab},
			&scriptExtension{placeholders: opts.Placeholders, wpm: opts.WPM, labels: lab},
			checklistExtension{},
			linkExtension{},
			&headingExtension{},
			&rawHTMLExtension{unsafe: opts.UnsafeHTML},
			&codeExtension{hl: c.hl},
		),
		goldmark.WithRendererOptions(htmlOpts...),
	)
	c.pool.New = func() any { return newDocState() }
	return c
}

// Convert renders one body. It never panics: a failure inside goldmark or
// chroma becomes an error diagnostic and the body is shown as escaped text.
func (c *Converter) Convert(src []byte, ctx Context) (doc *Document) {
	st := c.pool.Get().(*docState)
	defer func() {
		st.release()
		c.pool.Put(st)
	}()

	if ctx.File == "" && ctx.Path != "" {
		ctx.File = "content/" + ctx.Path
	}
	doc = &Document{}
	src = st.reset(src, ctx, doc)

	defer func() {
		if r := recover(); r != nil {
			*doc = Document{Diags: doc.Diags}
			doc.HTML = fallbackHTML(src)
			doc.Text = string(src)
			doc.Diags.Errorf(diag.Pos{File: ctx.File, Line: st.base}, "internal error converting Markdown: %v", r)
		}
	}()

	pc := parser.NewContext(parser.WithIDs(noIDs{}))
	pc.Set(stateKey, st)
	root := c.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))

	st.out.Reset()
	st.out.Grow(len(src) * 2)
	st.bw.Reset(&st.out)
	if err := c.md.Renderer().Render(st.bw, src, root); err != nil {
		doc.Diags.Errorf(diag.Pos{File: ctx.File, Line: st.base}, "rendering Markdown: %v", err)
	}
	doc.HTML = bytes.Clone(st.out.Bytes())
	doc.Diags.Sort()
	return doc
}

// fallbackHTML shows a body that could not be converted as escaped text.
func fallbackHTML(src []byte) []byte {
	var b bytes.Buffer
	b.WriteString("<pre>")
	writeEscaped(&b, string(src))
	b.WriteString("</pre>\n")
	return b.Bytes()
}

// docState is everything one conversion accumulates. It is pooled; reset
// clears it for the next document.
type docState struct {
	ctx    Context
	src    []byte
	base   int   // file line of the body's first line
	starts []int // byte offsets of line starts, built on first use
	doc    *Document

	headingIDs  map[string]int
	taskIDs     map[string]int
	docPH       map[string]bool
	warnedPH    map[string]bool
	out         bytes.Buffer
	bw          *bufio.Writer
	linkTargets []linkFix
}

func newDocState() *docState {
	return &docState{
		headingIDs: map[string]int{},
		taskIDs:    map[string]int{},
		docPH:      map[string]bool{},
		warnedPH:   map[string]bool{},
		bw:         bufio.NewWriterSize(nil, 16<<10),
	}
}

// reset prepares st for src and returns the source to parse: invalid UTF-8
// and NUL bytes are replaced by U+FFFD (a warning says so), which keeps
// every line break where it was.
func (st *docState) reset(src []byte, ctx Context, doc *Document) []byte {
	st.ctx = ctx
	st.base = max(ctx.Line, 1)
	st.starts = st.starts[:0]
	st.doc = doc
	clear(st.headingIDs)
	clear(st.taskIDs)
	clear(st.docPH)
	clear(st.warnedPH)
	st.linkTargets = st.linkTargets[:0]

	if bad := firstBadByte(src); bad >= 0 {
		st.src = src
		st.doc.Diags.Warnf(st.pos(bad), "text is not valid UTF-8 (or holds NUL bytes); replaced by U+FFFD")
		src = repairUTF8(src)
		st.starts = st.starts[:0]
	}
	st.src = src
	return src
}

// release drops what the pooled state would otherwise keep alive.
func (st *docState) release() {
	st.src, st.doc, st.ctx = nil, nil, Context{}
	clear(st.linkTargets)
	if st.out.Cap() > 1<<20 {
		st.out = bytes.Buffer{} // do not keep a huge buffer in the pool
	}
	if cap(st.starts) > 1<<16 {
		st.starts = nil
	}
}

// firstBadByte returns the offset of the first invalid UTF-8 or NUL byte, or -1.
func firstBadByte(src []byte) int {
	for i := 0; i < len(src); {
		c := src[i]
		if c < utf8.RuneSelf {
			if c == 0 {
				return i
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

func repairUTF8(src []byte) []byte {
	out := make([]byte, 0, len(src)+16)
	for i := 0; i < len(src); {
		c := src[i]
		if c < utf8.RuneSelf {
			if c == 0 {
				out = utf8.AppendRune(out, utf8.RuneError)
			} else {
				out = append(out, c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && n == 1 {
			out = utf8.AppendRune(out, utf8.RuneError)
		} else {
			out = append(out, src[i:i+n]...)
		}
		i += n
	}
	return out
}

// line converts a byte offset in the body to a file line.
func (st *docState) line(off int) int {
	if off <= 0 {
		return st.base
	}
	if len(st.starts) == 0 {
		st.starts = append(st.starts, 0)
		for i, c := range st.src {
			if c == '\n' {
				st.starts = append(st.starts, i+1)
			}
		}
	}
	// The number of line starts at or before off is the 1-based body line.
	n := sort.SearchInts(st.starts, off+1)
	return st.base + n - 1
}

func (st *docState) pos(off int) diag.Pos {
	return diag.Pos{File: st.ctx.File, Line: st.line(off)}
}

func stateOf(pc parser.Context) *docState {
	st, _ := pc.Get(stateKey).(*docState)
	return st
}

// noIDs stands in for goldmark's id table: we generate heading ids ourselves
// from the rendered heading text, and this saves two maps per document.
type noIDs struct{}

func (noIDs) Generate([]byte, ast.NodeKind) []byte { return nil }
func (noIDs) Put([]byte)                           {}

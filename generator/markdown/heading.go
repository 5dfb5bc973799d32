package markdown

import (
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// maxIDLen bounds heading ids; a paragraph-long heading still gets a usable anchor.
const maxIDLen = 80

// headingExtension gives headings our ids and anchor links, and collects the
// document's plain text: Headings, Sections, Summary and Text. Its
// transformer runs last (after footnotes, scripts and checklists) so it sees
// the final tree.
type headingExtension struct{}

func (e *headingExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(e, 1100)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(e, 100)))
}

func (e *headingExtension) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, e.render)
}

func (e *headingExtension) render(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	level := byte('0' + min(max(n.Level, 1), 6))
	var id string
	if v, ok := n.AttributeString("id"); ok {
		if b, ok := v.([]byte); ok {
			id = string(b)
		}
	}
	if entering {
		_, _ = w.WriteString("<h")
		_ = w.WriteByte(level)
		if id != "" {
			_, _ = w.WriteString(` id="`)
			writeEscaped(w, id)
			_ = w.WriteByte('"')
		}
		_ = w.WriteByte('>')
		return ast.WalkContinue, nil
	}
	if id != "" && n.Level >= 2 && n.Level <= 4 {
		_, _ = w.WriteString(` <a class="anchor" href="#`)
		writeEscaped(w, id)
		_, _ = w.WriteString(`" aria-hidden="true">#</a>`)
	}
	_, _ = w.WriteString("</h")
	_ = w.WriteByte(level)
	_, _ = w.WriteString(">\n")
	return ast.WalkContinue, nil
}

func (e *headingExtension) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	st := stateOf(pc)
	if st == nil {
		return
	}
	c := collector{st: st, src: st.src}
	_ = ast.Walk(doc, c.visit)
	c.flush()
	st.doc.Sections = c.sections
	st.doc.Text = c.text.String()
}

// collector walks the final tree once, gathering plain text per section.
type collector struct {
	st       *docState
	src      []byte
	text     textBuilder
	sec      textBuilder
	section  Section
	sections []Section
	buf      []byte
	flat     []byte
	summary  bool
}

func (c *collector) flush() {
	c.section.Text = c.sec.String()
	c.sections = append(c.sections, c.section)
	c.sec.reset()
}

func (c *collector) add(s []byte) {
	c.text.add(s)
	c.sec.add(s)
}

// inline sets c.flat to the collapsed plain text of n's inline content.
func (c *collector) inline(n ast.Node) []byte {
	c.buf = appendInlineText(c.buf[:0], n, c.src)
	c.flat = appendCollapsed(c.flat[:0], c.buf)
	return c.flat
}

func (c *collector) visit(node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	switch n := node.(type) {
	case *ast.Heading:
		txt := string(c.inline(n))
		id := c.st.uniqueID(string(slugify(c.buf[:0], txt)))
		n.SetAttributeString("id", []byte(id))
		c.flush()
		c.section = Section{ID: id, Heading: txt}
		c.st.doc.Headings = append(c.st.doc.Headings, Heading{
			Level: n.Level, ID: id, Text: txt, Line: c.st.line(blockPos(n)),
		})
		c.text.add(c.flat)
		return ast.WalkSkipChildren, nil
	case *ast.Paragraph, *ast.TextBlock, *east.TableCell, *taskLabel:
		txt := c.inline(n)
		c.add(txt)
		if _, top := n.Parent().(*ast.Document); top && !c.summary && len(txt) > 0 {
			if _, ok := n.(*ast.Paragraph); ok {
				c.st.doc.Summary = cutAtWord(string(txt), summaryMax)
				c.summary = true
			}
		}
		return ast.WalkSkipChildren, nil
	case *scriptBlock:
		c.add([]byte(n.script.Text))
		return ast.WalkSkipChildren, nil
	case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
		return ast.WalkSkipChildren, nil
	}
	return ast.WalkContinue, nil
}

// blockPos is the byte offset where a block starts, or -1.
func blockPos(n ast.Node) int {
	if p := n.Pos(); p >= 0 {
		return p
	}
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	return -1
}

// uniqueID returns base, or base-1, base-2, ... when taken. headingIDs keeps
// the last suffix per base so a page of identical headings stays linear.
func (st *docState) uniqueID(base string) string {
	last, used := st.headingIDs[base]
	if !used {
		st.headingIDs[base] = 0
		return base
	}
	for i := last + 1; ; i++ {
		id := base + "-" + itoa(i)
		if _, taken := st.headingIDs[id]; !taken {
			st.headingIDs[id] = 0
			st.headingIDs[base] = i
			return id
		}
	}
}

// slugify appends the id for heading text s to dst: lower case, German
// umlauts and common accents spelt out in ASCII, every other run of
// non-alphanumerics one "-", at most maxIDLen bytes; "heading" when nothing is left.
func slugify(dst []byte, s string) []byte {
	start := len(dst)
	dash := false
	emit := func(r rune) {
		if dash && len(dst) > start {
			dst = append(dst, '-')
		}
		dash = false
		dst = utf8.AppendRune(dst, r)
	}
	for _, r := range s {
		if len(dst)-start >= maxIDLen {
			break
		}
		r = unicode.ToLower(r)
		if t := translit(r); t != "" {
			for _, tr := range t {
				emit(tr)
			}
			continue
		}
		switch {
		case r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9'):
			emit(r)
		case r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			emit(r)
		case unicode.Is(unicode.Mn, r):
			// a combining accent belongs to the letter before it
		default:
			dash = true
		}
	}
	if len(dst)-start > maxIDLen {
		dst = dst[:start+maxIDLen]
		for len(dst) > start && !utf8.Valid(dst[start:]) {
			dst = dst[:len(dst)-1]
		}
	}
	for len(dst) > start && dst[len(dst)-1] == '-' {
		dst = dst[:len(dst)-1]
	}
	if len(dst) == start {
		dst = append(dst, "heading"...)
	}
	return dst
}

// translit spells lower-case Latin letters with diacritics in ASCII.
func translit(r rune) string {
	if r < 0xC0 || r > 0x17F {
		return ""
	}
	switch r {
	case 'ä', 'æ':
		return "ae"
	case 'ö', 'œ':
		return "oe"
	case 'ü':
		return "ue"
	case 'ß':
		return "ss"
	case 'à', 'á', 'â', 'ã', 'å', 'ā', 'ă', 'ą':
		return "a"
	case 'ç', 'ć', 'č':
		return "c"
	case 'è', 'é', 'ê', 'ë', 'ē', 'ę', 'ě':
		return "e"
	case 'ì', 'í', 'î', 'ï':
		return "i"
	case 'ñ', 'ń', 'ň':
		return "n"
	case 'ò', 'ó', 'ô', 'õ', 'ø', 'ő':
		return "o"
	case 'ù', 'ú', 'û', 'ů', 'ű':
		return "u"
	case 'ý', 'ÿ':
		return "y"
	case 'ł':
		return "l"
	case 'ś', 'š':
		return "s"
	case 'ź', 'ż', 'ž':
		return "z"
	case 'ř':
		return "r"
	}
	return ""
}

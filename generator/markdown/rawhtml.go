package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// rawHTMLExtension shows raw HTML as text unless the config trusts the
// content. HTML comments are dropped either way: authors use them for notes
// to each other, and an escaped comment on the site would leak them.
type rawHTMLExtension struct {
	unsafe bool
}

func (e *rawHTMLExtension) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(e, 100)))
}

func (e *rawHTMLExtension) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHTMLBlock, e.renderBlock)
	reg.Register(ast.KindRawHTML, e.renderInline)
}

func (e *rawHTMLExtension) renderBlock(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.HTMLBlock)
	if n.HTMLBlockType == ast.HTMLBlockType2 { // <!-- comment -->
		return ast.WalkSkipChildren, nil
	}
	var b bytes.Buffer
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		b.Write(seg.Value(src))
	}
	if n.HasClosure() {
		b.Write(n.ClosureLine.Value(src))
	}
	if e.unsafe {
		_, _ = w.Write(b.Bytes())
		return ast.WalkSkipChildren, nil
	}
	_, _ = w.WriteString(`<p class="raw-html">`)
	writeEscaped(w, string(bytes.TrimRight(b.Bytes(), " \t\n")))
	_, _ = w.WriteString("</p>\n")
	return ast.WalkSkipChildren, nil
}

func (e *rawHTMLExtension) renderInline(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.RawHTML)
	for i := 0; i < n.Segments.Len(); i++ {
		seg := n.Segments.At(i)
		v := seg.Value(src)
		if i == 0 && bytes.HasPrefix(v, []byte("<!--")) {
			return ast.WalkSkipChildren, nil
		}
		if e.unsafe {
			_, _ = w.Write(v)
		} else {
			writeEscaped(w, util.BytesToReadOnlyString(v))
		}
	}
	return ast.WalkSkipChildren, nil
}

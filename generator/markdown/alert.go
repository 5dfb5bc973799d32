package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// kindAlert is the kind of a GitHub alert: a blockquote opened by "[!TIP]".
var kindAlert = ast.NewNodeKind("Alert")

type alert struct {
	ast.BaseBlock
	kind string // "note", "tip", "important", "warning", "caution"
}

func (n *alert) Kind() ast.NodeKind { return kindAlert }

func (n *alert) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Kind": n.kind}, nil)
}

type alertExtension struct {
	labels *labels
}

func (e *alertExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(e, 100)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(e, 100)))
}

// alertKind reports the alert type of a first line such as "[!TIP]" (any
// case, nothing else on the line), as GitHub reads it.
func alertKind(line []byte) string {
	line = bytes.TrimSpace(line)
	if len(line) < 4 || line[0] != '[' || line[1] != '!' || line[len(line)-1] != ']' {
		return ""
	}
	name := line[2 : len(line)-1]
	for _, k := range [...]string{"note", "tip", "important", "warning", "caution"} {
		if bytes.EqualFold(name, []byte(k)) {
			return k
		}
	}
	return ""
}

func (e *alertExtension) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	st := stateOf(pc)
	if st == nil {
		return
	}
	var quotes []*ast.Blockquote
	walkBlocks(doc, func(n ast.Node) {
		if q, ok := n.(*ast.Blockquote); ok {
			quotes = append(quotes, q)
		}
	})
	for _, q := range quotes {
		e.convert(q, st.src)
	}
}

// convert replaces q by an alert when its first paragraph opens with a marker
// line; the marker's text nodes are dropped and the rest stays as it is.
func (e *alertExtension) convert(q *ast.Blockquote, src []byte) {
	para, ok := q.FirstChild().(*ast.Paragraph)
	if !ok || para.Lines().Len() == 0 {
		return
	}
	first := para.Lines().At(0)
	kind := alertKind(first.Value(src))
	if kind == "" {
		return
	}
	// Only plain text may stand on the marker line (a link reference named
	// "!tip" would make it a link, and then it is not a marker).
	var marker []ast.Node
	for c := para.FirstChild(); c != nil; c = c.NextSibling() {
		t, ok := c.(*ast.Text)
		if !ok {
			if c.Pos() >= 0 && c.Pos() >= first.Stop {
				break
			}
			return
		}
		if t.Segment.Start >= first.Stop {
			break
		}
		marker = append(marker, c)
	}
	for _, c := range marker {
		para.RemoveChild(para, c)
	}
	if !para.HasChildren() {
		q.RemoveChild(q, para)
	} else if para.Lines().Len() > 1 {
		// Keep Lines in step with the content, for positions.
		lines := para.Lines().Sliced(1, para.Lines().Len())
		para.SetLines(text.NewSegments())
		for _, l := range lines {
			para.Lines().Append(l)
		}
	}
	a := &alert{kind: kind}
	a.SetPos(q.Pos())
	q.Parent().ReplaceChild(q.Parent(), q, a)
	moveChildren(a, q)
}

func (e *alertExtension) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindAlert, e.render)
}

func (e *alertExtension) render(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*alert)
	if entering {
		_, _ = w.WriteString(`<div class="alert alert-`)
		_, _ = w.WriteString(n.kind)
		_, _ = w.WriteString(`" role="note"><p class="alert-title">`)
		writeEscaped(w, e.labels.alerts[n.kind])
		_, _ = w.WriteString("</p>\n")
	} else {
		_, _ = w.WriteString("</div>\n")
	}
	return ast.WalkContinue, nil
}

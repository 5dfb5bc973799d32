package markdown

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"playbook/generator/config"
)

// kindScriptBlock is the kind of a ```script fence after the transformer.
var kindScriptBlock = ast.NewNodeKind("ScriptBlock")

// scriptBlock is a spoken script: plain text with {{Name}} placeholders, no Markdown.
type scriptBlock struct {
	ast.BaseBlock
	script Script
}

func (n *scriptBlock) Kind() ast.NodeKind { return kindScriptBlock }

func (n *scriptBlock) IsRaw() bool { return true }

func (n *scriptBlock) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Words": itoa(n.script.Words)}, nil)
}

// scriptExtension turns ```script fences into script cards.
type scriptExtension struct {
	placeholders map[string]string // declared names; read only
	wpm          int
	labels       *labels
}

func (e *scriptExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(e, 105)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(e, 100)))
}

func isScriptFence(lang []byte) bool { return bytes.EqualFold(lang, []byte("script")) }

func (e *scriptExtension) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	st := stateOf(pc)
	if st == nil {
		return
	}
	var fences []*ast.FencedCodeBlock
	walkBlocks(doc, func(n ast.Node) {
		if f, ok := n.(*ast.FencedCodeBlock); ok && isScriptFence(f.Language(st.src)) {
			fences = append(fences, f)
		}
	})
	for _, f := range fences {
		sb := &scriptBlock{script: e.parse(st, f)}
		sb.SetLines(f.Lines())
		sb.SetPos(f.Pos())
		f.Parent().ReplaceChild(f.Parent(), f, sb)
		st.doc.Scripts = append(st.doc.Scripts, sb.script)
	}
}

// parse reads the fence's lines, records placeholders and warns once per
// document about each undeclared one, at the line where it first appears.
func (e *scriptExtension) parse(st *docState, f *ast.FencedCodeBlock) Script {
	s := Script{Line: st.line(blockPos(f))}
	var buf []byte
	lines := f.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		line := seg.Value(st.src)
		buf = append(buf, line...)
		scanPlaceholders(util.BytesToReadOnlyString(line), func(_, _ int, name string) {
			if !contains(s.Placeholders, name) {
				s.Placeholders = append(s.Placeholders, name)
			}
			if !st.docPH[name] {
				st.docPH[name] = true
				st.doc.Placeholders = append(st.doc.Placeholders, name)
			}
			if _, ok := e.placeholders[name]; !ok && !st.warnedPH[name] {
				st.warnedPH[name] = true
				st.doc.Diags.Warnf(st.pos(seg.Start),
					"undeclared placeholder {{%s}}: declare it in playbook.toml [placeholders]", name)
			}
		})
	}
	s.Text = strings.TrimRight(string(buf), " \t\n")
	s.Words = countWords(s.Text)
	s.Seconds = (s.Words*60 + e.wpm - 1) / e.wpm
	return s
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// maxPlaceholderInner bounds what may stand between "{{" and "}}": a name is
// at most 64 characters, so longer spans are text and scanning stays linear.
const maxPlaceholderInner = 128

// scanPlaceholders calls fn for each {{Name}} in s (spaces around the name
// allowed); s[start:end] is the whole token. A "{{" without a valid name and
// closing "}}" is plain text.
func scanPlaceholders(s string, fn func(start, end int, name string)) {
	closing := -1 // offset of the first "}}" at or after the current search point
	for i := 0; i+1 < len(s); {
		j := strings.Index(s[i:], "{{")
		if j < 0 {
			return
		}
		i += j
		if closing < i+2 {
			k := strings.Index(s[i+2:], "}}")
			if k < 0 {
				return
			}
			closing = i + 2 + k
		}
		if inner := s[i+2 : closing]; len(inner) <= maxPlaceholderInner {
			name := strings.Trim(inner, " \t")
			if config.ValidPlaceholder(name) {
				fn(i, closing+2, name)
				i = closing + 2
				continue
			}
		}
		i++
	}
}

// countWords counts runs of non-space characters holding a letter or digit;
// a placeholder counts as one word.
func countWords(s string) int {
	var wc wordCounter
	last := 0
	scanPlaceholders(s, func(start, end int, _ string) {
		wc.feed(s[last:start])
		wc.end()
		wc.n++
		last = end
	})
	wc.feed(s[last:])
	wc.end()
	return wc.n
}

type wordCounter struct {
	n            int
	inWord, real bool
}

func (w *wordCounter) end() {
	if w.inWord && w.real {
		w.n++
	}
	w.inWord, w.real = false, false
}

func (w *wordCounter) feed(s string) {
	for _, r := range s {
		if unicode.IsSpace(r) {
			w.end()
			continue
		}
		w.inWord = true
		if r < utf8.RuneSelf {
			w.real = w.real || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
		} else {
			w.real = w.real || unicode.IsLetter(r) || unicode.IsDigit(r)
		}
	}
}

// speakingTime formats seconds the way the script card shows them.
func speakingTime(sec int) string {
	if sec > 60 {
		return fmt.Sprintf("≈ %d:%02d min", sec/60, sec%60)
	}
	return fmt.Sprintf("≈ %d s", sec)
}

func (e *scriptExtension) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindScriptBlock, e.render)
}

// render writes the script card of DOM.md. Inside .script-text there is no
// white space between elements: the copy button's JS turns the DOM back into
// text, so every text node counts.
func (e *scriptExtension) render(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	s := node.(*scriptBlock).script
	_, _ = fmt.Fprintf(w, `<figure class="script" data-script data-words="%d" data-seconds="%d">`+"\n", s.Words, s.Seconds)
	_, _ = w.WriteString(`<figcaption class="script-head"><span class="script-label">`)
	writeEscaped(w, e.labels.script)
	_, _ = w.WriteString(`</span> <span class="script-time" title="`)
	writeEscaped(w, e.labels.timeTitle(e.wpm, s.Words))
	_, _ = w.WriteString(`">`)
	writeEscaped(w, speakingTime(s.Seconds))
	_, _ = w.WriteString("</span></figcaption>\n")
	_, _ = w.WriteString(`<div class="script-text" data-script-text>`)
	writeScriptText(w, s.Text)
	_, _ = w.WriteString("</div>\n")
	_, _ = w.WriteString(`<button type="button" class="script-copy" data-script-copy hidden>`)
	writeEscaped(w, e.labels.copy)
	_, _ = w.WriteString("</button>\n</figure>\n")
	return ast.WalkSkipChildren, nil
}

// writeScriptText writes a script's paragraphs with Markdown's line rules,
// since authors hard-wrap their source: a blank line starts a paragraph, a
// single newline is a space (so text reflows on a phone), and a line ending
// in a backslash or two spaces is a hard break (<br>).
func writeScriptText(w util.BufWriter, text string) {
	lines := strings.Split(text, "\n")
	inPara, hard := false, false
	for i, line := range lines {
		line = strings.TrimSuffix(line, "\r")
		if strings.TrimSpace(line) == "" {
			if inPara {
				_, _ = w.WriteString("</p>")
				inPara = false
			}
			continue
		}
		switch {
		case !inPara:
			_, _ = w.WriteString("<p>")
			inPara = true
		case hard:
			_, _ = w.WriteString("<br>")
		default:
			_ = w.WriteByte(' ')
			line = strings.TrimLeft(line, " \t")
		}
		last := i+1 == len(lines) || strings.TrimSpace(lines[i+1]) == ""
		line, hard = hardBreak(line, last)
		writeScriptLine(w, line)
	}
	if inPara {
		_, _ = w.WriteString("</p>")
	}
}

// hardBreak trims a line's trailing white space and reports whether the line
// ends in a hard break. As in Markdown, the last line of a paragraph has none:
// its backslash is text.
func hardBreak(line string, last bool) (string, bool) {
	if t, ok := strings.CutSuffix(line, `\`); ok && !last {
		return strings.TrimRight(t, " \t"), true
	}
	return strings.TrimRight(line, " \t"), !last && strings.HasSuffix(line, "  ")
}

// writeScriptLine writes one line escaped, placeholders as .ph spans.
func writeScriptLine(w util.BufWriter, line string) {
	last := 0
	scanPlaceholders(line, func(start, end int, name string) {
		writeEscaped(w, line[last:start])
		_, _ = w.WriteString(`<span class="ph" data-ph="`)
		writeEscaped(w, name)
		_, _ = w.WriteString(`">{{`)
		writeEscaped(w, name)
		_, _ = w.WriteString(`}}</span>`)
		last = end
	})
	writeEscaped(w, line[last:])
}

// walkBlocks calls fn for every block below n, depth first, in document
// order, without descending into inline content.
func walkBlocks(n ast.Node, fn func(ast.Node)) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Type() != ast.TypeBlock {
			continue
		}
		fn(c)
		walkBlocks(c, fn)
	}
}

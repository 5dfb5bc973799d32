package markdown

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// summaryMax is the longest summary in characters before it is cut at a word.
const summaryMax = 300

// appendInlineText appends the plain text of n's inline children to dst:
// escapes and entities resolved, line breaks as spaces, markup dropped.
func appendInlineText(dst []byte, n ast.Node, src []byte) []byte {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch t := c.(type) {
		case *ast.Text:
			v := t.Segment.Value(src)
			if t.IsRaw() {
				dst = append(dst, v...)
			} else {
				dst = appendUnescaped(dst, v)
			}
			if t.SoftLineBreak() || t.HardLineBreak() {
				dst = append(dst, ' ')
			}
		case *ast.String:
			dst = append(dst, t.Value...)
		case *ast.CodeSpan:
			for g := t.FirstChild(); g != nil; g = g.NextSibling() {
				if gt, ok := g.(*ast.Text); ok {
					dst = append(dst, gt.Segment.Value(src)...)
				}
			}
		case *ast.AutoLink:
			dst = append(dst, t.Label(src)...)
		case *ast.RawHTML, *east.TaskCheckBox, *east.FootnoteLink, *east.FootnoteBacklink:
			// markup, not prose
		default:
			dst = appendInlineText(dst, c, src)
		}
	}
	return dst
}

// appendUnescaped resolves backslash escapes and character references the
// way goldmark's HTML writer does, without the HTML escaping.
func appendUnescaped(dst, v []byte) []byte {
	if bytes.IndexByte(v, '\\') < 0 && bytes.IndexByte(v, '&') < 0 {
		return append(dst, v...)
	}
	v = util.UnescapePunctuations(v)
	v = util.ResolveNumericReferences(v)
	v = util.ResolveEntityNames(v)
	return append(dst, v...)
}

// collapseSpace trims s and turns every run of white space into one space.
func collapseSpace(s []byte) string {
	return string(appendCollapsed(nil, s))
}

// appendCollapsed appends s to dst trimmed, each run of white space as one space.
func appendCollapsed(dst, s []byte) []byte {
	start := len(dst)
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v' {
				space = len(dst) > start
			} else {
				if space {
					dst = append(dst, ' ')
					space = false
				}
				dst = append(dst, c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(s[i:])
		if unicode.IsSpace(r) {
			space = len(dst) > start
		} else {
			if space {
				dst = append(dst, ' ')
				space = false
			}
			dst = append(dst, s[i:i+n]...)
		}
		i += n
	}
	return dst
}

// cutAtWord shortens s to at most max characters, cutting at the last space
// that keeps at least half of it, and marks the cut with an ellipsis.
func cutAtWord(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	end, n := 0, 0
	for i := range s {
		if n == max {
			end = i
			break
		}
		n++
	}
	cut := s[:end]
	if s[end] != ' ' { // mid-word: go back to the last space
		if sp := strings.LastIndexByte(cut, ' '); sp >= len(cut)/2 {
			cut = cut[:sp]
		}
	}
	cut = strings.TrimRightFunc(cut, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) })
	return cut + "…"
}

// textBuilder joins blocks of plain text with newlines.
type textBuilder struct {
	b []byte
}

func (t *textBuilder) add(s []byte) {
	if len(s) == 0 {
		return
	}
	if len(t.b) > 0 {
		t.b = append(t.b, '\n')
	}
	t.b = append(t.b, s...)
}

func (t *textBuilder) String() string { return string(t.b) }

func (t *textBuilder) reset() { t.b = t.b[:0] }

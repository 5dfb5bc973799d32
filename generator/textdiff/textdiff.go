// Package textdiff compares two texts word by word, for showing what
// changed in a script between two versions of a page. Texts are split into
// words, runs of whitespace and single punctuation marks; a placeholder
// such as {{Name}} is one token, so it is never shown half changed.
package textdiff

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind says whether a piece of text is in both versions or in one only.
type Kind uint8

const (
	Equal  Kind = iota // in both texts
	Insert             // only in the new text
	Delete             // only in the old text
)

func (k Kind) String() string {
	switch k {
	case Insert:
		return "insert"
	case Delete:
		return "delete"
	}
	return "equal"
}

// Op is one piece of the comparison. Joining the Equal and Delete texts
// gives the old text; joining the Equal and Insert texts gives the new.
type Op struct {
	Kind Kind
	Text string
}

// Words compares old and new by words. The result has no empty texts and
// no two neighbours of the same kind; where text was replaced, the Delete
// comes before the Insert.
func Words(old, new string) []Op {
	if old == new {
		if old == "" {
			return nil
		}
		return []Op{{Equal, old}}
	}
	a, b := tokenize(old), tokenize(new)
	ia, ib, n := intern(a, b)
	del, ins := diffShared(ia, ib, n)
	return cleanup(build(old, new, a, b, del, ins))
}

// tokenize splits s into words, whitespace runs, placeholders and single
// other characters (an invalid UTF-8 byte is a character of its own).
// The tokens are substrings of s and join back to it.
func tokenize(s string) []string {
	toks := make([]string, 0, len(s)/4)
	for i := 0; i < len(s); {
		n := tokenLen(s[i:])
		toks = append(toks, s[i:i+n])
		i += n
	}
	return toks
}

func tokenLen(s string) int {
	if n := placeholderLen(s); n > 0 {
		return n
	}
	r, size := decode(s)
	var class func(rune) bool
	switch {
	case isWord(r):
		class = isWord
	case isSpace(r):
		class = isSpace
	default:
		return size
	}
	n := size
	for n < len(s) {
		r, size := decode(s[n:])
		if !class(r) {
			break
		}
		n += size
	}
	return n
}

// decode is utf8.DecodeRuneInString with a shortcut for ASCII, which is
// most of any German text.
func decode(s string) (rune, int) {
	if s[0] < utf8.RuneSelf {
		return rune(s[0]), 1
	}
	return utf8.DecodeRuneInString(s)
}

// isWord is true for letters, digits and combining marks (a decomposed
// umlaut is a letter plus a mark and must stay in its word).
func isWord(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || '\t' <= r && r <= '\r'
	}
	return unicode.IsSpace(r)
}

// placeholderLen is the length of a {{Name}} placeholder at the start of
// s, 0 if there is none. Names are short and on one line.
func placeholderLen(s string) int {
	if !strings.HasPrefix(s, "{{") {
		return 0
	}
	for i := 2; i < len(s) && i < 2+64; i++ {
		switch s[i] {
		case '}':
			if i > 2 && strings.HasPrefix(s[i:], "}}") {
				return i + 2
			}
			return 0
		case '{', '\n':
			return 0
		}
	}
	return 0
}

// intern numbers the tokens so that equal tokens get equal numbers, from
// 0 to n-1.
func intern(a, b []string) (ia, ib []int32, n int) {
	ids := make(map[string]int32, len(a))
	conv := func(toks []string) []int32 {
		out := make([]int32, len(toks))
		for i, t := range toks {
			id, ok := ids[t]
			if !ok {
				id = int32(len(ids))
				ids[t] = id
			}
			out[i] = id
		}
		return out
	}
	ia, ib = conv(a), conv(b)
	return ia, ib, len(ids)
}

// diffShared diffs only the tokens that occur on both sides: the others
// are edits whatever the alignment, and leaving them out shrinks the work
// for heavily rewritten texts without changing which tokens match.
func diffShared(a, b []int32, n int) (del, ins []bool) {
	inA, inB := make([]bool, n), make([]bool, n)
	for _, t := range a {
		inA[t] = true
	}
	for _, t := range b {
		inB[t] = true
	}
	keep := func(toks []int32, other []bool) (kept []int32, at []int) {
		for i, t := range toks {
			if other[t] {
				kept = append(kept, t)
				at = append(at, i)
			}
		}
		return kept, at
	}
	ka, atA := keep(a, inB)
	kb, atB := keep(b, inA)
	kdel, kins := diffTokens(ka, kb)
	del = make([]bool, len(a))
	for i := range del {
		del[i] = true
	}
	for i, at := range atA {
		del[at] = kdel[i]
	}
	ins = make([]bool, len(b))
	for i := range ins {
		ins[i] = true
	}
	for i, at := range atB {
		ins[at] = kins[i]
	}
	return del, ins
}

// build turns the marks into ops. Tokens kept on both sides pair up in
// order; between two kept tokens come the deleted then the inserted ones.
// Each op is a run of neighbouring tokens of one text, so it is sliced
// from that text rather than concatenated.
func build(old, new string, a, b []string, del, ins []bool) []Op {
	var ops []Op
	i, j := 0, 0   // token indexes
	oa, ob := 0, 0 // byte offsets of tokens i and j
	for i < len(a) || j < len(b) {
		var k Kind
		start := oa
		switch {
		case i < len(a) && del[i]:
			k = Delete
			for ; i < len(a) && del[i]; i++ {
				oa += len(a[i])
			}
		case j < len(b) && ins[j]:
			k, start = Insert, ob
			for ; j < len(b) && ins[j]; j++ {
				ob += len(b[j])
			}
		case i == len(a) || j == len(b):
			// Unreachable with consistent marks; never loop forever.
			for _, op := range []Op{{Delete, old[oa:]}, {Insert, new[ob:]}} {
				if op.Text != "" {
					ops = append(ops, op)
				}
			}
			return ops
		default:
			k = Equal
			for ; i < len(a) && j < len(b) && !del[i] && !ins[j]; i, j = i+1, j+1 {
				oa += len(a[i])
				ob += len(b[j])
			}
		}
		switch k {
		case Insert:
			ops = append(ops, Op{k, new[start:ob]})
		default:
			ops = append(ops, Op{k, old[start:oa]})
		}
	}
	return ops
}

// cleanup makes the result readable: a run of spaces between two changes
// joins them into one replacement ("<del>der alte</del><ins>ein
// neuer</ins>" rather than two pairs around a kept space), and each
// change lists its deleted text before its inserted text. Line breaks
// are never absorbed, so changes in different lines stay apart.
func cleanup(ops []Op) []Op {
	var out []Op
	var del, ins strings.Builder
	pending := false
	equal := func(s string) {
		if s == "" {
			return
		}
		if n := len(out); n > 0 && out[n-1].Kind == Equal {
			out[n-1].Text += s
		} else {
			out = append(out, Op{Equal, s})
		}
	}
	flush := func() {
		d, i := del.String(), ins.String()
		// Spaces that open or close both sides are kept text:
		// "Preis <del>im</del><ins>auf den</ins> ersten".
		head := commonSpace(d, i, false)
		tail := commonSpace(d[len(head):], i[len(head):], true)
		d, i = d[len(head):len(d)-len(tail)], i[len(head):len(i)-len(tail)]
		equal(head)
		if d != "" {
			out = append(out, Op{Delete, d})
		}
		if i != "" {
			out = append(out, Op{Insert, i})
		}
		equal(tail)
		del.Reset()
		ins.Reset()
		pending = false
	}
	for i, op := range ops {
		switch {
		case op.Kind == Delete:
			del.WriteString(op.Text)
			pending = true
		case op.Kind == Insert:
			ins.WriteString(op.Text)
			pending = true
		case pending && i+1 < len(ops) && blank(op.Text):
			del.WriteString(op.Text)
			ins.WriteString(op.Text)
		default:
			flush()
			equal(op.Text)
		}
	}
	flush()
	return out
}

// commonSpace is the longest run of whitespace that both a and b start
// with (end with, if suffix).
func commonSpace(a, b string, suffix bool) string {
	n := 0
	for n < len(a) && n < len(b) {
		var ca, cb byte
		if suffix {
			ca, cb = a[len(a)-1-n], b[len(b)-1-n]
		} else {
			ca, cb = a[n], b[n]
		}
		if ca != cb || !isSpace(rune(ca)) || ca >= utf8.RuneSelf {
			break
		}
		n++
	}
	if suffix {
		return a[len(a)-n:]
	}
	return a[:n]
}

// blank is true for spaces and tabs without a line break.
func blank(s string) bool {
	for _, r := range s {
		if r == '\n' || r == '\r' || !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// HTML renders ops as escaped text with deletions in <del> and insertions
// in <ins>, which browsers strike through and underline: readable without
// colour. Invalid UTF-8 becomes U+FFFD.
func HTML(ops []Op) string {
	var sb strings.Builder
	for _, op := range ops {
		text := html.EscapeString(strings.ToValidUTF8(op.Text, "\uFFFD"))
		switch op.Kind {
		case Delete:
			sb.WriteString("<del>")
			sb.WriteString(text)
			sb.WriteString("</del>")
		case Insert:
			sb.WriteString("<ins>")
			sb.WriteString(text)
			sb.WriteString("</ins>")
		default:
			sb.WriteString(text)
		}
	}
	return sb.String()
}

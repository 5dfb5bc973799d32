// Package analysis turns text into search terms: it splits words, folds
// them (Unicode NFKD, case, accents, ß, German ae/oe/ue), stems them with
// Snowball and splits German compounds against a vocabulary.
//
// The browser client (themes/default/assets/search.js) repeats Words, Fold
// and Stem step by step; the shared vectors in ../testdata/vectors.json,
// checked by go test and node --test, keep the two identical.
//
// Folding rules, in order:
//  1. NFKD (compatibility decomposition: "ﬁ" → "fi", "²" → "2", "é" → "e"+U+0301).
//  2. Drop nonspacing marks (Mn) and format characters (Cf: soft hyphen, zero
//     width joiners), keep only letters, numbers and spacing marks.
//  3. Lower-case rune by rune (simple case mapping, no context).
//  4. Letters NFKD leaves alone: ß → ss, æ → ae, œ → oe, ø → o, ł → l, đ/ð → d,
//     þ → th, ı → i.
//  5. German only: ae → a, oe → o, ue → u, so "Loecher" meets "Löcher" and
//     "Locher". Not when the pair follows a vowel (a, e, i, o, u, y), which keeps
//     "Feuer", "teuer", "neue", "Bauer" intact, and not "ue" after q
//     ("Quelle", "bequem"). The false folds left ("aktuell" → "aktull",
//     "Poet" → "pot") are harmless: index and query fold alike, and no
//     common word collides.
package analysis

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxWordRunes is the longest folded word kept; longer ones (hashes, URLs
// run together, garbage) are dropped.
const MaxWordRunes = 60

// Fold normalises one raw word for lang ("de" folds ae/oe/ue, any other
// value does not).
func Fold(lang, raw string) string {
	if isFolded(raw) {
		if lang == "de" {
			return foldDigraphs(raw)
		}
		return raw
	}
	return string(AppendFold(nil, lang, raw))
}

// AppendFold appends Fold(lang, raw) to dst: the hot loop of indexing folds
// into one buffer and looks words up without allocating.
func AppendFold(dst []byte, lang, raw string) []byte {
	start := len(dst)
	// ASCII, the common case, in one pass that also notes whether a
	// digraph can occur (an e after a, o or u).
	digraph := false
	i := 0
	for ; i < len(raw); i++ {
		c := raw[i]
		switch {
		case c >= utf8.RuneSelf:
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		default:
			continue
		}
		if c >= utf8.RuneSelf {
			break
		}
		if c == 'e' && len(dst) > start {
			if p := dst[len(dst)-1]; p == 'a' || p == 'o' || p == 'u' {
				digraph = true
			}
		}
		dst = append(dst, c)
	}
	if i < len(raw) {
		dst, digraph = dst[:start], true
		if latin, _ := scanLatin(raw); latin {
			// Latin letters only: fold rune by rune from the table, which
			// holds exactly what the NFKD path gives for each of them.
			for _, r := range raw {
				dst = append(dst, latinFold[r]...)
			}
		} else {
			var b strings.Builder
			foldSlow(&b, raw)
			dst = append(dst, b.String()...)
		}
	}
	if lang == "de" && digraph {
		dst = foldDigraphsAt(dst, start)
	}
	return dst
}

// foldSlow applies rules 1–4 through NFKD.
func foldSlow(b *strings.Builder, raw string) {
	for _, r := range norm.NFKD.String(raw) {
		if !keepRune(r) {
			continue
		}
		r = unicode.ToLower(r)
		if s, ok := letterFolds[r]; ok {
			b.WriteString(s)
			continue
		}
		b.WriteRune(r)
	}
}

// letterFolds maps letters that NFKD does not decompose.
var letterFolds = map[rune]string{
	'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'ł': "l",
	'đ': "d", 'ð': "d", 'þ': "th", 'ı': "i",
}

// keepRune reports whether a rune of a decomposed word survives folding.
func keepRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	if unicode.Is(unicode.Mn, r) {
		return false
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

// latinEnd bounds the table: below U+0250 no rune is a combining mark, so
// folding rune by rune equals folding the NFKD of the whole word.
const latinEnd = 0x250

// latinFold holds the folded form of every rune below latinEnd (rules 1–4).
var latinFold = func() [latinEnd]string {
	var t [latinEnd]string
	for r := rune(0); r < latinEnd; r++ {
		var b strings.Builder
		foldSlow(&b, string(r))
		t[r] = b.String()
	}
	return t
}()

// latinWord marks the runes below latinEnd that are word runes.
var latinWord = func() [latinEnd]bool {
	var t [latinEnd]bool
	for r := rune(0); r < latinEnd; r++ {
		t[r] = isWordRune(r)
	}
	return t
}()

// LatinEnd bounds the runes FoldLatin knows.
const LatinEnd = latinEnd

// FoldLatin returns, for a rune below LatinEnd, whether it belongs to a
// word and what it folds to (rules 1–4): the fast path of indexing folds
// Latin text rune by rune with it.
func FoldLatin(r rune) (fold string, word bool) {
	return latinFold[r], latinWord[r]
}

// FoldDigraphs applies rule 5 to a folded word in place.
func FoldDigraphs(b []byte) []byte { return foldDigraphsAt(b, 0) }

// isFolded reports whether raw is already lower-case ASCII letters and digits.
func isFolded(raw string) bool {
	for i := 0; i < len(raw); i++ {
		if c := raw[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// scanLatin reports whether every rune of s is below latinEnd, and whether
// s is ASCII. Invalid UTF-8 decodes to U+FFFD and takes the NFKD path.
func scanLatin(s string) (latin, ascii bool) {
	ascii = true
	for _, r := range s {
		if r >= utf8.RuneSelf {
			ascii = false
			if r >= latinEnd {
				return false, false
			}
		}
	}
	return true, ascii
}

// foldDigraphs applies rule 5 of the package comment.
func foldDigraphs(s string) string {
	if !strings.Contains(s, "ae") && !strings.Contains(s, "oe") && !strings.Contains(s, "ue") {
		return s
	}
	return string(foldDigraphsAt([]byte(s), 0))
}

// foldDigraphsAt folds the digraphs of b[start:] in place. It works on
// bytes: every byte it looks at is ASCII, and multi-byte runes never contain
// ASCII bytes, so it cannot cut a rune. Writes trail reads, so the input
// ahead is intact; the byte before a digraph is kept in prev.
func foldDigraphsAt(b []byte, start int) []byte {
	w := start
	var prev byte // the input byte before i, 0 at the start
	for i := start; i < len(b); i++ {
		c := b[i]
		b[w] = c
		w++
		if (c == 'a' || c == 'o' || c == 'u') && i+1 < len(b) && b[i+1] == 'e' && (i == start || foldsAfter(prev, c)) {
			prev = b[i+1]
			i++
			continue
		}
		prev = c
	}
	return b[:w]
}

// foldsAfter reports whether a digraph starting with c may fold after the
// byte p.
func foldsAfter(p, c byte) bool {
	switch p {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return false
	case 'q':
		return c != 'u'
	}
	return true
}

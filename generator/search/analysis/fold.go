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
	var b strings.Builder
	b.Grow(len(raw))
	if latin, ascii := scanLatin(raw); latin && !ascii {
		// Latin letters only: fold rune by rune from the table, which holds
		// exactly what the NFKD path below gives for each of them.
		for _, r := range raw {
			b.WriteString(latinFold[r])
		}
	} else if ascii {
		for i := 0; i < len(raw); i++ {
			c := raw[i]
			switch {
			case c >= 'A' && c <= 'Z':
				b.WriteByte(c + 'a' - 'A')
			case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
				b.WriteByte(c)
			}
		}
	} else {
		foldSlow(&b, raw)
	}
	s := b.String()
	if lang == "de" {
		s = foldDigraphs(s)
	}
	return s
}

// foldSlow applies rules 1–4 through NFKD.
func foldSlow(b *strings.Builder, raw string) {
	{
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
// s is ASCII.
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

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// foldDigraphs applies rule 5 of the package comment. It works on bytes:
// every byte it looks at is ASCII, and multi-byte runes never contain ASCII
// bytes, so it cannot cut a rune.
func foldDigraphs(s string) string {
	if !strings.Contains(s, "e") {
		return s
	}
	var b []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c == 'a' || c == 'o' || c == 'u') && i+1 < len(s) && s[i+1] == 'e' && foldsAfter(s, i, c) {
			if b == nil {
				b = make([]byte, 0, len(s))
				b = append(b, s[:i]...)
			}
			b = append(b, c)
			i++
			continue
		}
		if b != nil {
			b = append(b, c)
		}
	}
	if b == nil {
		return s
	}
	return string(b)
}

// foldsAfter reports whether the digraph starting at i may fold, judged by
// the byte before it.
func foldsAfter(s string, i int, c byte) bool {
	if i == 0 {
		return true
	}
	switch p := s[i-1]; p {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return false
	case 'q':
		return c != 'u'
	}
	return true
}

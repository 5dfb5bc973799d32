package analysis

import (
	"unicode"
	"unicode/utf8"
)

// Word is one word found in a text.
type Word struct {
	// Start and End are byte offsets of the raw word in the text.
	Start, End int
	// Folded is the word after Fold.
	Folded string
	// Part marks one part of a hyphenated word; the whole word, parts joined,
	// comes first with Part false.
	Part bool
}

// Words calls fn for every word of text, in order. A word is a run of
// letters, numbers and marks; format characters (soft hyphen, zero-width
// joiners) inside it are ignored. Words joined by a hyphen (-, U+2010,
// U+2011) are reported whole, then part by part when parts is true. Words
// that fold to nothing or to more than MaxWordRunes runes are skipped.
func Words(lang, text string, parts bool, fn func(Word)) {
	Scan(text, parts, func(raw string, start, end int, part bool) {
		if f := Fold(lang, raw); KeepFolded(f) {
			fn(Word{Start: start, End: end, Folded: f, Part: part})
		}
	})
}

// Scan is Words before folding: fn gets each raw word (hyphenated words
// joined without their hyphens) with its byte span.
func Scan(text string, parts bool, fn func(raw string, start, end int, part bool)) {
	i := 0
	for i < len(text) {
		if c := text[i]; c < utf8.RuneSelf && !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			i += size
			continue
		}
		i = ScanAt(text, i, parts, fn)
	}
}

// IsWordRune reports whether r belongs to a word: a letter, number or mark.
func IsWordRune(r rune) bool { return isWordRune(r) }

// ScanAt is Scan for the one word starting at text[i], which must be a
// word rune where Scan would start a word (after a non-word rune). It
// returns where Scan goes on: after the word and any format characters
// that follow it.
func ScanAt(text string, i int, parts bool, fn func(raw string, start, end int, part bool)) int {
	var buf [4][2]int
	spans := buf[:0]
	start := i
	for {
		end := i
		for i < len(text) {
			if c := text[i]; c < utf8.RuneSelf {
				// ASCII: a letter or digit continues the word, anything
				// else ends it (ASCII has no format characters).
				if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
					i++
					end = i
					continue
				}
				break
			}
			r, size := utf8.DecodeRuneInString(text[i:])
			if isWordRune(r) {
				i += size
				end = i
			} else if unicode.Is(unicode.Cf, r) {
				i += size
			} else {
				break
			}
		}
		spans = append(spans, [2]int{start, end})
		// i is past any format characters after the word, so a soft
		// hyphen before a hyphen still joins.
		if i < len(text) {
			r, size := utf8.DecodeRuneInString(text[i:])
			if isJoiner(r) && i+size < len(text) {
				if next, _ := utf8.DecodeRuneInString(text[i+size:]); isWordRune(next) {
					i += size
					start = i
					continue
				}
			}
		}
		break
	}
	emit(text, spans, parts, fn)
	return i
}

func emit(text string, spans [][2]int, parts bool, fn func(raw string, start, end int, part bool)) {
	if len(spans) == 1 {
		s := spans[0]
		fn(text[s[0]:s[1]], s[0], s[1], false)
		return
	}
	raw := make([]byte, 0, spans[len(spans)-1][1]-spans[0][0])
	for _, s := range spans {
		raw = append(raw, text[s[0]:s[1]]...)
	}
	fn(string(raw), spans[0][0], spans[len(spans)-1][1], false)
	if !parts {
		return
	}
	for _, s := range spans {
		fn(text[s[0]:s[1]], s[0], s[1], true)
	}
}

// KeepFolded reports whether a folded word is kept: not empty, at most
// MaxWordRunes runes.
func KeepFolded(f string) bool {
	return f != "" && (len(f) <= MaxWordRunes || utf8.RuneCountInString(f) <= MaxWordRunes)
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

func isJoiner(r rune) bool {
	return r == '-' || r == '\u2010' || r == '\u2011'
}

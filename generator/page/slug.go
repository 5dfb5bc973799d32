package page

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Slug turns a file, folder or term name into the form used in URLs.
//
// The rule, step by step:
//
//  1. Letters become lower case.
//  2. German umlauts and ß are spelled out: ä → ae, ö → oe, ü → ue, ß → ss.
//     A few letters without an accent to strip are spelled out too:
//     æ → ae, œ → oe, ø → o, ł → l, đ → d.
//  3. Other accents are removed: é → e, ç → c, ñ → n.
//  4. Spaces, underscores and dots become "-".
//  5. Anything else that is not a-z, 0-9 or "-" is dropped
//     (punctuation, emoji, letters of other scripts).
//  6. Runs of "-" become one "-", and "-" at either end is removed.
//  7. If nothing is left, the slug is "page".
//
// Examples: "Kein Budget" → "kein-budget", "Zu teuer?" → "zu-teuer",
// "Größe & Preis" → "groesse-preis", "Café_Crème" → "cafe-creme",
// "v2.1" → "v2-1".
func Slug(s string) string {
	// Compose first, so "u" + combining diaeresis (as macOS stores file
	// names) is treated like "ü" and spelled "ue".
	s = norm.NFC.String(s)
	var spelled strings.Builder
	spelled.Grow(len(s))
	for _, r := range s {
		r = unicode.ToLower(r)
		switch r {
		case 'ä':
			spelled.WriteString("ae")
		case 'ö':
			spelled.WriteString("oe")
		case 'ü':
			spelled.WriteString("ue")
		case 'ß':
			spelled.WriteString("ss")
		case 'æ':
			spelled.WriteString("ae")
		case 'œ':
			spelled.WriteString("oe")
		case 'ø':
			spelled.WriteByte('o')
		case 'ł':
			spelled.WriteByte('l')
		case 'đ':
			spelled.WriteByte('d')
		default:
			spelled.WriteRune(r)
		}
	}
	// Decompose so accents become separate marks that fall out below.
	d := norm.NFD.String(spelled.String())
	out := make([]byte, 0, len(d))
	dash := false // a dash is pending; written only before the next kept char
	for _, r := range d {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if dash && len(out) > 0 {
				out = append(out, '-')
			}
			dash = false
			out = append(out, byte(r))
		case r == '-' || r == '_' || r == '.' || unicode.IsSpace(r):
			dash = true
		}
	}
	if len(out) == 0 {
		return "page"
	}
	return string(out)
}

// URLFor is the site-relative URL of a content file: its path without ".md",
// each segment passed through Slug, with a leading and trailing "/". A
// folder's "_index.md" stands for the folder itself.
//
//	"objections/preis/zu-teuer.md" → "/objections/preis/zu-teuer/"
//	"objections/_index.md"         → "/objections/"
//	"_index.md"                    → "/"
//	"Kein Budget.md"               → "/kein-budget/"
func URLFor(source string) string {
	source = strings.TrimSuffix(source, ".md")
	segs := strings.Split(source, "/")
	if segs[len(segs)-1] == "_index" {
		segs = segs[:len(segs)-1]
	}
	var b strings.Builder
	b.WriteByte('/')
	for _, s := range segs {
		if s == "" {
			continue
		}
		b.WriteString(Slug(s))
		b.WriteByte('/')
	}
	return b.String()
}

package search

import (
	"hash/maphash"
	"strings"
	"unicode/utf8"

	"playbook/generator/search/analysis"
)

// docKey identifies what a page gives the analyser: its language and the
// text of every indexed field, under two independent 64-bit hashes. Equal
// keys share one analysis, kept in the Index from build to build.
type docKey [2]uint64

// Analyser languages, as stored per page and per word.
const (
	langDE = iota
	langEN
	numLangs
)

var langNames = [numLangs]string{"de", "en"}

func langIndex(tag string) uint8 {
	if analysis.Lang(tag) == "de" {
		return langDE
	}
	return langEN
}

// hashDoc computes a page's key: each string is hashed whole (fast for
// long texts) and folded into the running key with its length, so moving
// text between fields changes the key.
func hashDoc(seeds *[2]maphash.Seed, lang uint8, d *Doc) docKey {
	k := docKey{uint64(lang) + 1, uint64(lang) + 1}
	str := func(s string) {
		for i := range k {
			k[i] = mix(k[i], maphash.String(seeds[i], s)^uint64(len(s)))
		}
	}
	list := func(ss []string) {
		for i := range k {
			k[i] = mix(k[i], uint64(len(ss)))
		}
		for _, s := range ss {
			str(s)
		}
	}
	str(d.Title)
	str(d.Objection)
	list(d.Tags)
	list(d.Personas)
	str(d.KindLabel)
	str(d.Summary)
	for i := range k {
		k[i] = mix(k[i], uint64(len(d.Sections)))
	}
	for i := range d.Sections {
		str(d.Sections[i].Heading)
		str(d.Sections[i].Text)
	}
	return k
}

// mix folds v into the running hash h, order-dependently.
func mix(h, v uint64) uint64 {
	h ^= v + 0x9E3779B97F4A7C15 + h<<6 + h>>2
	return h * 0xBF58476D1CE4E5B9
}

// docAnalysis is one page split into distinct folded words with their
// counts per field. It depends on the page alone, so it is computed once
// per content and never changed.
type docAnalysis struct {
	lang uint8
	// text holds each distinct word's folded form, followed by its surface
	// (as first written) when that lower-cases to something else.
	text    string
	entries []docEntry // in order of first occurrence
	lens    [numFields]int32
}

type docEntry struct {
	hash uint32 // of the folded word: picks its vocabulary partition
	off  uint32 // folded word: text[off : off+n]
	n    uint16
	sn   uint16 // surface: text[off+n : off+n+sn], 0 when it displays as the folded word
	tf   [numFields]uint16
}

func (a *docAnalysis) word(k int) string {
	e := &a.entries[k]
	return a.text[e.off : e.off+uint32(e.n)]
}

// display is how word k is shown in suggestions: its surface lower-cased,
// without soft hyphens and other invisible characters.
func (a *docAnalysis) display(k int) string {
	e := &a.entries[k]
	if e.sn == 0 {
		return a.word(k)
	}
	s := a.text[e.off+uint32(e.n) : e.off+uint32(e.n)+uint32(e.sn)]
	return strings.Map(dropFormat, strings.ToLower(s))
}

// dropFormat removes soft hyphens and zero-width characters from a surface.
func dropFormat(r rune) rune {
	if r == '\u00ad' || (r >= '\u200b' && r <= '\u200f') || r == '\u2060' || r == '\ufeff' {
		return -1
	}
	return r
}

// analyser is one worker's reusable buffers: a page's words are counted
// in an open-addressing table over a byte arena, so a token costs no
// allocation and a page about three.
type analyser struct {
	arena   []byte
	entries []docEntry
	table   []int32 // entry index + 1, 0 empty
	key     []byte
}

// fnv32 is FNV-1a: cheap for short words and the same in every build.
func fnv32(b []byte) uint32 {
	h := uint32(2166136261)
	for _, c := range b {
		h ^= uint32(c)
		h *= 16777619
	}
	return h
}

func (an *analyser) analyse(lang uint8, d *Doc) *docAnalysis {
	an.arena = an.arena[:0]
	an.entries = an.entries[:0]
	if len(an.table) == 0 {
		an.table = make([]int32, 1024)
	} else {
		clear(an.table)
	}
	var lens [numFields]int32
	ln := langNames[lang]
	for field, text := range docTexts(d) {
		an.scan(ln, field, text, &lens)
	}
	a := &docAnalysis{lang: lang, text: string(an.arena), entries: make([]docEntry, len(an.entries)), lens: lens}
	copy(a.entries, an.entries)
	return a
}

// docTexts yields a page's texts with their fields, in the order words
// are first seen (which decides the surface kept and the order scores are
// summed in).
func docTexts(d *Doc) func(yield func(int, string) bool) {
	return func(yield func(int, string) bool) {
		if !yield(fieldTitle, d.Title) || !yield(fieldObjection, d.Objection) {
			return
		}
		for _, t := range d.Tags {
			if !yield(fieldTags, t) {
				return
			}
		}
		for _, p := range d.Personas {
			if !yield(fieldTags, p) {
				return
			}
		}
		if !yield(fieldKind, d.KindLabel) || !yield(fieldSummary, d.Summary) {
			return
		}
		for _, s := range d.Sections {
			if !yield(fieldHeadings, s.Heading) || !yield(fieldBody, s.Text) {
				return
			}
		}
	}
}

// scan counts the words of one text. Words of Latin letters and digits
// that end in anything but a hyphen or a format character, nearly all,
// are folded here in one pass; the others go through analysis.ScanAt.
func (an *analyser) scan(lang string, field int, text string, lens *[numFields]int32) {
	var slow func(raw string, start, end int, part bool)
	de := lang == "de"
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf && !isAlnum(c) {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(text[i:])
			if !analysis.IsWordRune(r) {
				i += size
				continue
			}
		}
		if key, j, h, ok := foldLatinWord(an.key[:0], text, i); ok {
			if de && hasDigraph(key) {
				key = analysis.FoldDigraphs(key)
				h = fnv32(key)
			}
			an.key = key
			if len(key) > 0 && (len(key) <= analysis.MaxWordRunes || utf8.RuneCount(key) <= analysis.MaxWordRunes) {
				lens[field]++
				e := &an.entries[an.find(key, h, text[i:j])]
				if e.tf[field] < 0xffff {
					e.tf[field]++
				}
			}
			i = j
			continue
		}
		if slow == nil {
			slow = func(raw string, start, end int, part bool) {
				key := analysis.AppendFold(an.key[:0], lang, raw)
				an.key = key
				if len(key) == 0 || len(key) > analysis.MaxWordRunes && !analysis.KeepFolded(string(key)) {
					return
				}
				if !part {
					lens[field]++
				}
				e := &an.entries[an.find(key, fnv32(key), text[start:end])]
				if e.tf[field] < 0xffff {
					e.tf[field]++
				}
			}
		}
		i = analysis.ScanAt(text, i, true, slow)
	}
}

// foldLatinWord folds the word starting at text[i] into dst (rules 1–4)
// if it is made of ASCII letters and digits and word runes below
// analysis.LatinEnd, and ends where no hyphen or format character could
// carry it on. It returns the folded word, where the word ends, and the
// FNV-1a hash of the folded word.
func foldLatinWord(dst []byte, text string, i int) ([]byte, int, uint32, bool) {
	h := uint32(2166136261)
	j := i
	for j < len(text) {
		c := text[j]
		if c < utf8.RuneSelf {
			switch {
			case c >= 'A' && c <= 'Z':
				c += 'a' - 'A'
			case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			case c == '-':
				return dst, j, h, false // may join the next word
			default:
				return dst, j, h, true
			}
			dst = append(dst, c)
			h = (h ^ uint32(c)) * 16777619
			j++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[j:])
		if r >= analysis.LatinEnd {
			return dst, j, h, false
		}
		fold, word := analysis.FoldLatin(r)
		if !word {
			// U+00AD, the soft hyphen, is the one format character here.
			return dst, j, h, r != '\u00ad'
		}
		for k := 0; k < len(fold); k++ {
			h = (h ^ uint32(fold[k])) * 16777619
		}
		dst = append(dst, fold...)
		j += size
	}
	return dst, j, h, true
}

// hasDigraph reports whether a folded word has an e after a, o or u,
// where the German ae/oe/ue rule may apply.
func hasDigraph(key []byte) bool {
	for k := 1; k < len(key); k++ {
		if key[k] == 'e' {
			if p := key[k-1]; p == 'a' || p == 'o' || p == 'u' {
				return true
			}
		}
	}
	return false
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// find returns the entry of key, adding it with its surface if new.
func (an *analyser) find(key []byte, h uint32, surface string) int {
	mask := uint32(len(an.table) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		k := an.table[i]
		if k == 0 {
			an.table[i] = int32(len(an.entries) + 1)
			break
		}
		e := &an.entries[k-1]
		if e.hash == h && int(e.n) == len(key) && string(an.arena[e.off:e.off+uint32(e.n)]) == string(key) {
			return int(k - 1)
		}
	}
	e := docEntry{hash: h, off: uint32(len(an.arena)), n: uint16(len(key))}
	an.arena = append(an.arena, key...)
	if len(surface) <= 0xffff && !displaysAs(surface, key) {
		e.sn = uint16(len(surface))
		an.arena = append(an.arena, surface...)
	}
	an.entries = append(an.entries, e)
	if 2*len(an.entries) > len(an.table) {
		an.grow()
	}
	return len(an.entries) - 1
}

func (an *analyser) grow() {
	an.table = make([]int32, 2*len(an.table))
	mask := uint32(len(an.table) - 1)
	for k := range an.entries {
		i := an.entries[k].hash & mask
		for an.table[i] != 0 {
			i = (i + 1) & mask
		}
		an.table[i] = int32(k + 1)
	}
}

// displaysAs reports whether surface lower-cases to folded as it is: the
// common case of ASCII words, whose surface then need not be kept.
func displaysAs(surface string, folded []byte) bool {
	if len(surface) != len(folded) {
		return false
	}
	for i := 0; i < len(surface); i++ {
		c := surface[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != folded[i] {
			return false
		}
	}
	return true
}

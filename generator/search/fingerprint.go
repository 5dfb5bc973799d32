package search

import (
	"strings"
	"unsafe"
)

// Watch mode rebuilds after an edit to one page, and the caller hands in
// the same strings for the pages it did not parse again. A page whose
// strings are the very ones of the last build (same data pointer and
// length: strings never change) is the same page, known without hashing
// its text. The state keeps each page's strings (so the memory cannot be
// reused for other text), copied out of the Doc, whose slices the caller
// may change in place. (Strings made over mutable bytes with package
// unsafe would defeat this; nothing in the generator makes them.)

// docPrint is a page's strings in a fixed order, and its language.
type docPrint []string

func sameString(a, b string) bool {
	return len(a) == len(b) && (len(a) == 0 || unsafe.StringData(a) == unsafe.StringData(b))
}

// walkDoc calls fn with every string of d in a fixed order, each list
// after a mark of its length, until fn returns false.
func walkDoc(d *Doc, lang string, fn func(s string) bool) bool {
	for _, s := range [...]string{lang, d.URL, d.Title, d.Kind, d.KindLabel, d.Summary, d.Objection, d.Stage} {
		if !fn(s) {
			return false
		}
	}
	for _, list := range [...][]string{d.Tags, d.Personas} {
		if !fn(lenMark(len(list))) {
			return false
		}
		for _, s := range list {
			if !fn(s) {
				return false
			}
		}
	}
	if !fn(lenMark(len(d.Sections))) {
		return false
	}
	for i := range d.Sections {
		s := &d.Sections[i]
		if !fn(s.Anchor) || !fn(s.Heading) || !fn(s.Text) {
			return false
		}
	}
	return true
}

// lenMarks are fixed strings that stand for list lengths: the same
// length gives the same string, pointer and all.
var lenMarks = func() [64]string {
	var m [64]string
	for i := range m {
		m[i] = string(rune('0' + i))
	}
	return m
}()

func lenMark(n int) string {
	if n < len(lenMarks) {
		return lenMarks[n]
	}
	// A new string each time: never the same as the last build's, so
	// such a page is hashed.
	return strings.Repeat("#", n)
}

// matches reports whether d (analysed in lang) is made of exactly the
// strings of the print.
func (p docPrint) matches(d *Doc, lang string) bool {
	if p == nil {
		return false
	}
	k := 0
	return walkDoc(d, lang, func(s string) bool {
		if k >= len(p) || !sameString(p[k], s) {
			return false
		}
		k++
		return true
	}) && k == len(p)
}

// sameFacets reports whether d has the kind, its label, stage, tags and
// personas of the print, by value.
func (p docPrint) sameFacets(d *Doc) bool {
	// Layout: lang, URL, Title, Kind, KindLabel, Summary, Objection, Stage,
	// then the tags and the personas, each list after its length mark.
	if len(p) < 9 || p[3] != d.Kind || p[4] != d.KindLabel || p[7] != d.Stage {
		return false
	}
	k := 8
	for _, list := range [...][]string{d.Tags, d.Personas} {
		if k >= len(p) || p[k] != lenMark(len(list)) || k+len(list) >= len(p) {
			return false
		}
		k++
		for _, s := range list {
			if p[k] != s {
				return false
			}
			k++
		}
	}
	return true
}

func printOf(d *Doc, lang string) docPrint {
	var p docPrint
	walkDoc(d, lang, func(s string) bool {
		p = append(p, s)
		return true
	})
	return p
}

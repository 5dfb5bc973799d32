// Package search builds the static search index of a playbook and answers
// queries from it. The index is a set of JSON files under search/: a small
// manifest with a fixed name, and content-hashed shards of terms, prefix
// unions, page metadata and filter sets, so that a query in the browser
// fetches only what it needs (see README.md beside this file). Search in Go
// and the browser client (themes/default/assets/search.js) read the same
// files the same way and rank identically.
package search

// Doc is one page to index.
type Doc struct {
	URL       string // site-relative, e.g. "/objections/preis/zu-teuer/"
	Title     string
	Kind      string // "objection", ...
	KindLabel string // "Einwand"
	Summary   string
	Objection string // what the prospect literally says (objections)
	Stage     string
	Lang      string // the page's own language; "" means Options.Lang
	Tags      []string
	Personas  []string
	Sections  []Section
}

// Section is the plain text under one heading. The first section may have
// an empty Anchor and Heading: the text before any heading.
type Section struct {
	Anchor, Heading, Text string
}

// Options are fixed for a build.
type Options struct {
	// Lang is the site language ("de", "en", "de-AT"...): the analyser of
	// pages without a language of their own.
	Lang string
	// BasePath is the site's base path ("/" or "/playbook/"); it is written
	// to the manifest for tools, the browser client uses <body data-base>.
	BasePath string
	// Previous, when set, is the index of the last build: pages keep their
	// ids, so an edit rewrites only the shards it touches, and the build
	// only analyses and scores the pages that changed (watch mode). The
	// output equals a build from scratch with the same ids. Previous still
	// answers queries afterwards; building from it a second time works but
	// scores every page again, as its derived state moved to the new index.
	// Two builds must not use the same Previous at the same time.
	Previous *Index

	// limits overrides the shard and list limits in tests, so a small
	// corpus exercises split prefixes and shared-score lists.
	limits *limits
}

type limits struct {
	shardTarget, restFrom, headLen int
	cardBudget                     int // 0: cardBudget
}

// File is one file of the index, Path relative to the output root.
type File struct {
	Path string
	Data []byte
}

// Filter restricts results: values within one field are alternatives,
// fields are all required. Empty fields do not filter.
type Filter struct {
	Kinds, Stages, Personas, Tags []string
}

// Result is one ranked page.
type Result struct {
	ID        int
	URL       string
	Title     string
	Kind      string
	KindLabel string
	Summary   string
	// Matched is how many query words the page matches; pages matching all
	// come first.
	Matched int
	Score   int
	// Snippet is a short text of the page with the matched words at the
	// byte ranges in Marks.
	Snippet string
	Marks   [][2]int
	// Anchor and Section name the best-matching section, when a heading or
	// a section's text matched.
	Anchor, Section string
}

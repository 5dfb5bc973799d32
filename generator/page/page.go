// Package page turns a split source file into a typed Page: its kind, its
// front-matter fields checked against that kind, and its URL.
package page

import "time"

// Kind is the closed set of page kinds.
type Kind string

const (
	KindPage      Kind = "page"
	KindObjection Kind = "objection"
	KindPitch     Kind = "pitch"
	KindCadence   Kind = "cadence"
	KindVoicemail Kind = "voicemail"
	KindRetention Kind = "retention"
	KindChecklist Kind = "checklist"
	KindWorkshop  Kind = "workshop"
)

// Kinds lists every kind, in the order used for navigation.
var Kinds = []Kind{KindObjection, KindPitch, KindCadence, KindVoicemail, KindRetention, KindChecklist, KindWorkshop, KindPage}

// Page is one content page (or a folder's own page) with typed front matter.
type Page struct {
	// Source is the slash path relative to content/, e.g. "objections/preis/zu-teuer.md".
	// For a folder page without text of its own it is the folder path + "/_index.md" (not on disk).
	Source string
	// URL is the site-relative URL, e.g. "/objections/preis/zu-teuer/" ("/" for the home page).
	URL string
	// Section is the top folder ("objections"), "" for pages at the root.
	Section string
	// IsFolder is true for a folder's own page (_index.md, or x.md beside x/).
	IsFolder bool

	Kind     Kind
	Title    string
	Summary  string // from front matter; site fills it from the first paragraph when empty
	Tags     []string
	Personas []string
	Stage    string
	Owner    string
	Version  string
	Updated  time.Time // zero when not set
	ReviewBy time.Time // zero when not set
	Draft    bool
	Weight   int
	Aliases  []string // site-relative paths, normalised to "/old/path/"

	Objection *Objection // set for KindObjection
	Pitch     *Pitch     // set for KindPitch
	Voicemail *Voicemail // set for KindVoicemail
	Cadence   *Cadence   // set for KindCadence
	Retention *Retention // set for KindRetention
	Workshop  *Workshop  // set for KindWorkshop

	// Params holds front-matter fields this struct does not know, for templates.
	Params map[string]any

	// Body is the Markdown body; BodyLine its first line in the file.
	Body     []byte
	BodyLine int
	// FieldLines maps a front-matter field name to its line in the file, for diagnostics.
	FieldLines map[string]int
}

// Objection fields.
type Objection struct {
	Objection string // what the prospect literally says
	Category  string
}

// Pitch fields.
type Pitch struct {
	Duration     time.Duration // 0 when not set
	DurationText string        // as written, e.g. "2min"
	Audience     string
}

// Voicemail fields.
type Voicemail struct {
	MaxSeconds int
}

// Cadence fields.
type Cadence struct {
	Steps []Step
}

// Step is one cadence step.
type Step struct {
	Day      int    // from day 1
	Channel  string // call, email, voicemail, linkedin, visit, letter, ...
	Template string // a page path such as "voicemails/erstkontakt" (without .md), "" when none
	Note     string
	Line     int // file line of the step, for diagnostics
}

// Retention fields.
type Retention struct {
	Trigger string
	Signals []string
}

// Workshop fields.
type Workshop struct {
	Pages []string // page paths such as "checklists/erstgespraech", in handout order
}

// Package config loads playbook.toml into a Config. Unknown keys are errors
// that name the key and its line, so a typo never passes silently.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"playbook/generator/diag"
)

// FileName is the config file at the playbook root.
const FileName = "playbook.toml"

// DefaultStages is the sales-stage list used when playbook.toml has no [stages].
var defaultStages = []Stage{
	{"prospecting", "Prospecting", "Akquise"},
	{"discovery", "Discovery", "Bedarfsanalyse"},
	{"demo", "Demo", "Demo"},
	{"negotiation", "Negotiation", "Verhandlung"},
	{"closing", "Closing", "Abschluss"},
	{"onboarding", "Onboarding", "Onboarding"},
	{"renewal", "Renewal", "Verlängerung"},
}

// Stage is one sales stage: its id as written in front matter and its label.
type Stage struct {
	ID      string
	LabelEN string
	LabelDE string
}

// Label returns the stage's label in the given interface language.
func (s Stage) Label(lang string) string {
	if lang == "de" && s.LabelDE != "" {
		return s.LabelDE
	}
	if s.LabelEN != "" {
		return s.LabelEN
	}
	return s.ID
}

// Config is the decoded playbook.toml.
type Config struct {
	Title    string
	Language string // "de" or "en"
	BaseURL  string // always ends in "/" when set
	Theme    string
	Output   string

	// Placeholders maps a script placeholder name to its description.
	Placeholders map[string]string
	// Stages is the ordered list of allowed sales stages.
	Stages []Stage

	Markdown Markdown
	Reading  Reading
	Search   Search
	Offline  Offline

	// Params holds the free-form [params] table for templates.
	Params map[string]any
}

// Markdown holds the [markdown] table.
type Markdown struct {
	// UnsafeHTML passes raw HTML in content through. Off by default: content is untrusted.
	UnsafeHTML bool `toml:"unsafe_html"`
}

// Reading holds the [reading] table.
type Reading struct {
	// WordsPerMinute is the speaking rate used to time scripts; 0 means the
	// language default (DefaultWPM).
	WordsPerMinute int `toml:"words_per_minute"`
}

// Search holds the [search] table.
type Search struct {
	Enabled bool `toml:"enabled"`
}

// Offline holds the [offline] table.
type Offline struct {
	// Enabled turns the service worker on (default true).
	Enabled bool `toml:"enabled"`
}

// WPM returns the effective speaking rate for scripts.
func (c *Config) WPM() int {
	if c.Reading.WordsPerMinute > 0 {
		return c.Reading.WordsPerMinute
	}
	return DefaultWPM(c.Language)
}

// DefaultWPM is a calm presenting pace: German words are longer, so fewer per minute.
func DefaultWPM(lang string) int {
	if lang == "de" {
		return 130
	}
	return 150
}

// HasStage reports whether id is a configured stage.
func (c *Config) HasStage(id string) bool {
	_, ok := c.Stage(id)
	return ok
}

// Stage looks up a configured stage by id.
func (c *Config) Stage(id string) (Stage, bool) {
	for _, s := range c.Stages {
		if s.ID == id {
			return s, true
		}
	}
	return Stage{}, false
}

// Default returns the configuration used for keys playbook.toml leaves out.
func Default() *Config {
	return &Config{
		Title:        "Playbook",
		Language:     "de",
		Theme:        "default",
		Output:       "public",
		Placeholders: map[string]string{},
		Stages:       append([]Stage(nil), defaultStages...),
		Search:       Search{Enabled: true},
		Offline:      Offline{Enabled: true},
		Params:       map[string]any{},
	}
}

// file mirrors playbook.toml for decoding.
type file struct {
	Title        string            `toml:"title"`
	Language     string            `toml:"language"`
	BaseURL      string            `toml:"base_url"`
	Theme        string            `toml:"theme"`
	Output       string            `toml:"output"`
	Placeholders map[string]string `toml:"placeholders"`
	Stages       toml.Primitive    `toml:"stages"`
	Markdown     *Markdown         `toml:"markdown"`
	Reading      *Reading          `toml:"reading"`
	Search       *Search           `toml:"search"`
	Offline      *Offline          `toml:"offline"`
	Params       map[string]any    `toml:"params"`
}

// Parse decodes playbook.toml. name is the path used in diagnostics.
// All problems are returned at once as a diag.List.
func Parse(name string, data []byte) (*Config, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	cfg := Default()
	var f file
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&f)
	if err != nil {
		return nil, diag.List{tomlError(name, 0, err)}
	}
	var errs diag.List
	pos := func(key ...string) diag.Pos {
		return diag.Pos{File: name, Line: KeyLine(data, key)}
	}

	if md.IsDefined("title") {
		cfg.Title = f.Title
	}
	if md.IsDefined("language") {
		switch f.Language {
		case "de", "en":
			cfg.Language = f.Language
		default:
			errs.Errorf(pos("language"), "language must be \"de\" or \"en\", not %q", f.Language)
		}
	}
	if md.IsDefined("base_url") && f.BaseURL != "" {
		u, perr := url.Parse(f.BaseURL)
		if perr != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			errs.Errorf(pos("base_url"), "base_url must be an absolute http(s) URL, not %q", f.BaseURL)
		} else {
			cfg.BaseURL = strings.TrimSuffix(f.BaseURL, "/") + "/"
		}
	}
	if md.IsDefined("theme") {
		if !validName(f.Theme) {
			errs.Errorf(pos("theme"), "theme must be a plain folder name under themes/, not %q", f.Theme)
		} else {
			cfg.Theme = f.Theme
		}
	}
	if md.IsDefined("output") {
		if strings.TrimSpace(f.Output) == "" {
			errs.Errorf(pos("output"), "output must not be empty")
		} else {
			cfg.Output = f.Output
		}
	}
	for k, v := range f.Placeholders {
		if !ValidPlaceholder(k) {
			errs.Errorf(pos("placeholders", k), "placeholder name %q may hold only letters, digits, '_' and '-'", k)
			continue
		}
		cfg.Placeholders[k] = v
	}
	if md.IsDefined("stages") {
		st, serr := decodeStages(md, f.Stages)
		if serr != nil {
			errs.Errorf(pos("stages"), "%v", serr)
		} else {
			cfg.Stages = st
		}
	}
	if f.Markdown != nil {
		cfg.Markdown = *f.Markdown
	}
	if f.Reading != nil {
		if f.Reading.WordsPerMinute < 0 || f.Reading.WordsPerMinute > 1000 {
			errs.Errorf(pos("reading", "words_per_minute"), "words_per_minute must be between 1 and 1000")
		} else {
			cfg.Reading = *f.Reading
		}
	}
	if f.Search != nil {
		cfg.Search = *f.Search
	}
	if f.Offline != nil {
		cfg.Offline = *f.Offline
	}
	if f.Params != nil {
		cfg.Params = f.Params
	}

	for _, k := range md.Undecoded() {
		// Keys below [params] and a table-form [stages] are free-form.
		if len(k) > 0 && (k[0] == "params" || k[0] == "stages") {
			continue
		}
		errs.Errorf(pos(k...), "unknown key %q", k.String())
	}
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	return cfg, nil
}

// decodeStages accepts either a list of ids (stages = ["a", "b"]) or a table
// of id = "label" pairs, kept in file order.
func decodeStages(md toml.MetaData, prim toml.Primitive) ([]Stage, error) {
	var list []string
	if err := md.PrimitiveDecode(prim, &list); err == nil {
		var out []Stage
		seen := map[string]bool{}
		for _, id := range list {
			if !validName(id) {
				return nil, fmt.Errorf("stage %q may hold only letters, digits, '_' and '-'", id)
			}
			if seen[id] {
				return nil, fmt.Errorf("stage %q is listed twice", id)
			}
			seen[id] = true
			out = append(out, Stage{ID: id})
		}
		if len(out) == 0 {
			return nil, errors.New("stages must not be empty")
		}
		return out, nil
	}
	var table map[string]string
	if err := md.PrimitiveDecode(prim, &table); err != nil {
		return nil, errors.New(`stages must be a list of names or a table of name = "label"`)
	}
	var out []Stage
	for _, k := range md.Keys() {
		if len(k) == 2 && k[0] == "stages" {
			id := k[1]
			if !validName(id) {
				return nil, fmt.Errorf("stage %q may hold only letters, digits, '_' and '-'", id)
			}
			out = append(out, Stage{ID: id, LabelEN: table[id], LabelDE: table[id]})
		}
	}
	if len(out) == 0 {
		return nil, errors.New("stages must not be empty")
	}
	return out, nil
}

// ValidPlaceholder reports whether name can be a script placeholder: {{Name}}.
func ValidPlaceholder(name string) bool {
	return validName(name)
}

func validName(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for _, r := range s {
		switch {
		case r == '_' || r == '-':
		case r >= '0' && r <= '9':
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		case r > 127 && isLetter(r):
		default:
			return false
		}
	}
	return s != "." && s != ".."
}

func isLetter(r rune) bool {
	return strings.ContainsRune("äöüÄÖÜßéèêàáâçñøåÉÈÀ", r)
}

// tomlError turns a BurntSushi error into a positioned diagnostic. lineOffset is
// added to the line (for TOML front matter inside a page).
func tomlError(name string, lineOffset int, err error) diag.Diagnostic {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		line := pe.Position.Line
		msg := pe.Message
		if msg == "" {
			msg = pe.Error()
		}
		return diag.Errorf(diag.Pos{File: name, Line: line + lineOffset}, "invalid TOML: %s", msg)
	}
	// Type mismatches come as plain errors: "toml: line 3 (last key "weight"): incompatible types: ..."
	msg := strings.TrimPrefix(err.Error(), "toml: ")
	line := 0
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		n := 0
		i := 0
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			n = n*10 + int(rest[i]-'0')
			i++
		}
		if i > 0 && n < 1<<30 {
			line = n + lineOffset
			msg = strings.TrimLeft(rest[i:], " ")
			if k, after, ok := strings.Cut(msg, "): "); ok && strings.HasPrefix(k, "(last key ") {
				msg = strings.Trim(strings.TrimPrefix(k, "(last key "), `"`) + ": " + after
			}
		}
	}
	msg = strings.Replace(msg, "incompatible types: TOML value has type ", "wrong type: the value is ", 1)
	msg = strings.Replace(msg, "; destination has type ", ", expected ", 1)
	return diag.Errorf(diag.Pos{File: name, Line: line}, "invalid TOML: %s", msg)
}

// TOMLError is tomlError for other packages decoding TOML (front matter).
func TOMLError(name string, lineOffset int, err error) diag.Diagnostic {
	return tomlError(name, lineOffset, err)
}

// KeyLine finds the 1-based line where a dotted key is set in TOML source, or 0.
// BurntSushi/toml keeps key positions private, so we scan: good enough for
// pointing an author at a typo.
func KeyLine(data []byte, key []string) int {
	if len(key) == 0 {
		return 0
	}
	table := ""
	want := strings.Join(key[:len(key)-1], ".")
	last := key[len(key)-1]
	for i, line := range strings.Split(string(data), "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "[") {
			name := strings.Trim(t, "[] \t\r")
			if j := strings.Index(name, "]"); j >= 0 {
				name = name[:j]
			}
			name = strings.ReplaceAll(name, " ", "")
			name = strings.ReplaceAll(name, `"`, "")
			table = name
			if table == strings.Join(key, ".") {
				return i + 1
			}
			continue
		}
		eq := strings.Index(t, "=")
		if eq < 0 {
			continue
		}
		k := strings.Trim(strings.TrimSpace(t[:eq]), `"'`)
		full := k
		if table != "" {
			full = table + "." + k
		}
		if full == strings.Join(key, ".") || (table == want && k == last) {
			return i + 1
		}
	}
	return 0
}

// SortedPlaceholders returns the declared placeholder names in order.
func (c *Config) SortedPlaceholders() []string {
	out := make([]string, 0, len(c.Placeholders))
	for k := range c.Placeholders {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// BasePath is the path part of base_url ("/" when unset or at the host root),
// always with a leading and trailing slash. Links in the site are rooted here.
func (c *Config) BasePath() string {
	if c.BaseURL == "" {
		return "/"
	}
	u, err := url.Parse(c.BaseURL)
	if err != nil {
		return "/"
	}
	p := strings.Trim(u.Path, "/")
	if p == "" {
		return "/"
	}
	return "/" + p + "/"
}

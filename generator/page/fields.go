package page

import (
	"math"
	"strconv"
	"strings"
	"time"

	"playbook/generator/diag"
)

// builder fills a Page from decoded front matter, collecting diagnostics.
type builder struct {
	file string
	errs diag.List
}

func (b *builder) errorf(line int, format string, args ...any) {
	b.errs.Errorf(diag.Pos{File: b.file, Line: line}, format, args...)
}

func (b *builder) warnf(line int, format string, args ...any) {
	b.errs.Warnf(diag.Pos{File: b.file, Line: line}, format, args...)
}

// text reads a text field. Any single value is accepted as written, so
// `version: 2.1` and `title: 2024` in YAML mean what they look like.
// ok is false when the field is empty or has the wrong shape (reported).
func (b *builder) text(name string, v *value) (string, bool) {
	switch v.kind {
	case vNull:
		return "", false
	case vList, vMap:
		b.errorf(v.line, "%s must be text, not %s", name, v.describe())
		return "", false
	}
	return strings.TrimSpace(v.text), true
}

// whole reads a whole number. A number in quotes is refused with a hint:
// quietly converting it would make TOML and YAML typing mean nothing.
func (b *builder) whole(name string, v *value) (int64, bool) {
	switch v.kind {
	case vNull:
		return 0, false
	case vInt:
		return v.i, true
	case vFloat:
		if v.f == math.Trunc(v.f) && math.Abs(v.f) < 1<<53 {
			return int64(v.f), true
		}
	case vString:
		if _, err := strconv.ParseInt(strings.TrimSpace(v.text), 10, 64); err == nil {
			b.errorf(v.line, "%s must be a whole number, not %s: write it without quotes", name, v.describe())
			return 0, false
		}
	}
	b.errorf(v.line, "%s must be a whole number, not %s", name, v.describe())
	return 0, false
}

func (b *builder) boolean(name string, v *value) (bool, bool) {
	switch v.kind {
	case vNull:
		return false, false
	case vBool:
		return v.b, true
	case vString:
		if s := strings.ToLower(strings.TrimSpace(v.text)); s == "true" || s == "false" {
			b.errorf(v.line, "%s must be true or false, not %s: write it without quotes", name, v.describe())
			return false, false
		}
	}
	b.errorf(v.line, "%s must be true or false, not %s", name, v.describe())
	return false, false
}

// date accepts a TOML or YAML date or date-time, or text in the form
// YYYY-MM-DD (or a full RFC 3339 date-time).
func (b *builder) date(name string, v *value) (time.Time, bool) {
	switch v.kind {
	case vNull:
		return time.Time{}, false
	case vTime:
		return v.t, true
	case vString:
		s := strings.TrimSpace(v.text)
		if t, err := time.Parse(time.DateOnly, s); err == nil {
			return t, true
		}
		if t, err := time.Parse(time.RFC3339, s); err == nil {
			return t, true
		}
	}
	b.errorf(v.line, "%s must be a date like 2025-03-31, not %s", name, v.describe())
	return time.Time{}, false
}

// list reads a list of text values; a single value counts as a one-entry
// list. Entries are trimmed, and empty and repeated entries are dropped.
// lines holds each kept entry's line.
func (b *builder) list(name string, v *value) (out []string, lines []int) {
	var items []*value
	switch v.kind {
	case vNull:
		return nil, nil
	case vList:
		items = v.items
	case vMap:
		b.errorf(v.line, "%s must be a list of text values, not %s", name, v.describe())
		return nil, nil
	default:
		items = []*value{v}
	}
	seen := make(map[string]bool, len(items))
	for i, it := range items {
		if !it.isScalar() {
			b.errorf(it.line, "%s: entry %d must be text, not %s", name, i+1, it.describe())
			continue
		}
		if it.kind == vNull {
			continue
		}
		s := strings.TrimSpace(it.text)
		if s == "" || seen[s] {
			continue
		}
		seen[s] = true
		out = append(out, s)
		lines = append(lines, it.line)
	}
	return out, lines
}

// pagePath normalises a reference to another page as written in front
// matter ("voicemails/erstkontakt", "/voicemails/erstkontakt.md") to the
// form without slashes at the ends and without ".md". Whether the page
// exists is checked once all pages are known.
func pagePath(s string) string {
	s = strings.TrimSpace(s)
	s = strings.Trim(s, "/")
	s = strings.TrimSuffix(s, ".md")
	return strings.Trim(s, "/")
}

// normalizeAlias turns an old URL into the "/a/b/" form, or returns a reason
// it cannot be one: aliases become files in the output, so they must stay
// plain paths inside the site.
func normalizeAlias(s string) (string, string) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return "", "is empty"
	case strings.ContainsRune(s, 0):
		return "", "contains a NUL character"
	case strings.ContainsRune(s, '\\'):
		return "", `contains a backslash: use "/" between folders`
	case hasScheme(s):
		return "", "is a full URL: write only the path, such as /alt/preise/"
	case strings.ContainsAny(s, "?#"):
		return "", `contains "?" or "#": write only the path`
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f {
			return "", "contains a control character"
		}
	}
	var segs []string
	for seg := range strings.SplitSeq(s, "/") {
		switch seg {
		case "", ".":
			continue
		case "..":
			return "", `contains ".." segments: write the path from the site root`
		}
		segs = append(segs, seg)
	}
	if len(segs) == 0 {
		return "", "is the site root, which is the home page"
	}
	return "/" + strings.Join(segs, "/") + "/", ""
}

// hasScheme reports whether s starts with "scheme:" as in a URL.
func hasScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		case c == ':':
			return i > 0
		default:
			return false
		}
	}
	return false
}

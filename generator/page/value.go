package page

import (
	"strconv"
	"time"
)

// vkind is the type of a front-matter value after decoding, the same for
// TOML and YAML so that both formats go through one set of field checks.
type vkind int

const (
	vNull vkind = iota
	vString
	vInt
	vFloat
	vBool
	vTime
	vList
	vMap
)

// value is one decoded front-matter value with the file line it sits on.
type value struct {
	kind vkind
	line int
	// text is a string's content, or any other scalar as written in the
	// file (YAML) or as formatted from its value (TOML, where the parser
	// does not keep the source text).
	text     string
	i        int64
	f        float64
	b        bool
	t        time.Time
	dateOnly bool // a date without time of day (t is midnight UTC)
	items    []*value
	keys     []string // map keys in file order (TOML: by line, then name)
	vals     []*value
}

func (v *value) isScalar() bool { return v.kind != vList && v.kind != vMap }

// get returns the value of key in a map, or nil.
func (v *value) get(key string) *value {
	for i, k := range v.keys {
		if k == key {
			return v.vals[i]
		}
	}
	return nil
}

// describe shows a value in an error message, the way the author wrote it.
func (v *value) describe() string {
	switch v.kind {
	case vNull:
		return "empty"
	case vString:
		return strconv.Quote(clip(v.text))
	case vList:
		return "a list"
	case vMap:
		return "a table of fields"
	}
	return clip(v.text)
}

// clip keeps error messages short when a value is long.
func clip(s string) string {
	const max = 60
	n := 0
	for i := range s {
		if n == max {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// toAny converts a value to the plain Go types templates see in Params:
// string, int64, float64, bool, time.Time, []any, map[string]any, nil.
func (v *value) toAny() any {
	switch v.kind {
	case vString:
		return v.text
	case vInt:
		return v.i
	case vFloat:
		return v.f
	case vBool:
		return v.b
	case vTime:
		return v.t
	case vList:
		out := make([]any, len(v.items))
		for i, it := range v.items {
			out[i] = it.toAny()
		}
		return out
	case vMap:
		out := make(map[string]any, len(v.keys))
		for i, k := range v.keys {
			out[k] = v.vals[i].toAny()
		}
		return out
	}
	return nil
}

// timeValue builds a time value; a date alone is kept as midnight UTC so
// that TOML and YAML dates compare equal.
func timeValue(t time.Time, dateOnly bool, line int) *value {
	v := &value{kind: vTime, t: t, dateOnly: dateOnly, line: line}
	if dateOnly {
		v.t = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
		v.text = v.t.Format(time.DateOnly)
	} else {
		v.text = t.Format(time.RFC3339Nano)
	}
	return v
}

// parseTimestamp reads the date forms both formats write as text: a plain
// date ("2025-03-31", also with one-digit month or day as YAML allows) or a
// date with time. ok is false for anything else.
func parseTimestamp(s string) (t time.Time, dateOnly, ok bool) {
	if len(s) < 8 || len(s) > 40 || s[0] < '0' || s[0] > '9' {
		return time.Time{}, false, false
	}
	if t, err := time.Parse("2006-1-2", s); err == nil {
		return t, true, true
	}
	for _, layout := range []string{
		time.RFC3339Nano,
		"2006-1-2T15:4:5.999999999Z07:00",
		"2006-1-2t15:4:5.999999999Z07:00",
		"2006-1-2 15:4:5.999999999Z07:00",
		"2006-1-2 15:4:5.999999999 -7",
		"2006-1-2T15:4:5.999999999",
		"2006-1-2 15:4:5.999999999",
	} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, false, true
		}
	}
	return time.Time{}, false, false
}

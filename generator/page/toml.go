package page

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"playbook/generator/config"
	"playbook/generator/content"
	"playbook/generator/diag"
)

func decodeTOML(src content.Source, file string) (*value, diag.List) {
	off := src.FrontLine - 1 // front line n is file line n+off
	// BurntSushi/toml keeps key positions private, so one scan of our own
	// finds them (and refuses input that would make the parser crawl).
	layout, line, msg := scanTOML(src.Front)
	if msg != "" {
		return nil, diag.List{diag.Errorf(diag.Pos{File: file, Line: line + off}, "%s", msg)}
	}
	var m map[string]any
	if _, err := toml.NewDecoder(bytes.NewReader(src.Front)).Decode(&m); err != nil {
		return nil, diag.List{config.TOMLError(file, off, err)}
	}
	root := &value{kind: vMap, line: max(off, 1)}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	lineOf := func(k string) int {
		if l := layout.keys[k]; l > 0 {
			return l + off
		}
		return max(off, 1)
	}
	// The decoded map has no order; the file's order is what authors expect.
	sort.Slice(keys, func(a, b int) bool {
		la, lb := lineOf(keys[a]), lineOf(keys[b])
		if la != lb {
			return la < lb
		}
		return keys[a] < keys[b]
	})
	for _, k := range keys {
		line := lineOf(k)
		v := fromTOML(m[k], line)
		if v.kind == vInt || v.kind == vFloat {
			if raw := tomlRaw(src.Front, line-off); raw != "" {
				v.text = raw // "2.10" stays "2.10"
			}
		}
		if v.kind == vList {
			// Give each entry of an array of tables its own line, so a
			// cadence step can be pointed at.
			lines := layout.tables[k]
			if len(lines) != len(v.items) {
				lines = inlineTableLines(src.Front, line-off, len(v.items))
			}
			if len(lines) == len(v.items) {
				for i, it := range v.items {
					setLine(it, lines[i]+off)
				}
			}
		}
		root.keys = append(root.keys, k)
		root.vals = append(root.vals, v)
	}
	return root, nil
}

// fromTOML converts what BurntSushi/toml decodes into map[string]any. Nested
// values share line, the line of their top-level key.
func fromTOML(x any, line int) *value {
	switch x := x.(type) {
	case string:
		return &value{kind: vString, text: x, line: line}
	case int64:
		return &value{kind: vInt, i: x, text: strconv.FormatInt(x, 10), line: line}
	case float64:
		return &value{kind: vFloat, f: x, text: strconv.FormatFloat(x, 'f', -1, 64), line: line}
	case bool:
		return &value{kind: vBool, b: x, text: strconv.FormatBool(x), line: line}
	case time.Time:
		// The parser marks local dates and times with special zones.
		switch x.Location().String() {
		case "date-local":
			return timeValue(x, true, line)
		case "datetime-local":
			t := time.Date(x.Year(), x.Month(), x.Day(), x.Hour(), x.Minute(), x.Second(), x.Nanosecond(), time.UTC)
			return timeValue(t, false, line)
		case "time-local":
			// A time of day alone is no date; keep it as text.
			return &value{kind: vString, text: x.Format("15:04:05.999999999"), line: line}
		}
		return timeValue(x, false, line)
	case []any:
		v := &value{kind: vList, line: line}
		for _, it := range x {
			v.items = append(v.items, fromTOML(it, line))
		}
		return v
	case []map[string]any:
		v := &value{kind: vList, line: line}
		for _, it := range x {
			v.items = append(v.items, fromTOML(it, line))
		}
		return v
	case map[string]any:
		v := &value{kind: vMap, line: line}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			v.keys = append(v.keys, k)
			v.vals = append(v.vals, fromTOML(x[k], line))
		}
		return v
	}
	return &value{kind: vString, text: fmt.Sprint(x), line: line}
}

func setLine(v *value, line int) {
	v.line = line
	for _, it := range v.items {
		setLine(it, line)
	}
	for _, it := range v.vals {
		setLine(it, line)
	}
}

// tomlRaw returns a number as written on front line n, or "" when the line
// does not look like a plain key = number.
func tomlRaw(front []byte, n int) string {
	line := nthLine(front, n)
	_, val, ok := strings.Cut(line, "=")
	if !ok {
		return ""
	}
	val, _, _ = strings.Cut(val, "#")
	val = strings.TrimSpace(val)
	if val == "" || strings.ContainsAny(val, "\"'[]{},= \t") {
		return ""
	}
	return val
}

func nthLine(b []byte, n int) string {
	for i := 1; i < n; i++ {
		j := bytes.IndexByte(b, '\n')
		if j < 0 {
			return ""
		}
		b = b[j+1:]
	}
	if j := bytes.IndexByte(b, '\n'); j >= 0 {
		b = b[:j]
	}
	return string(b)
}

// inlineTableLines finds the front lines of the n inline tables in an
// array written as key = [{...}, {...}] from front line keyLine on: each
// "{" at brace depth 0 starts one. It returns nil when the count differs.
func inlineTableLines(front []byte, keyLine, n int) []int {
	var lines []int
	depth, line := 0, 1
	for i := 0; i < len(front) && len(lines) < n; i++ {
		c := front[i]
		switch {
		case c == '\n':
			line++
		case line < keyLine:
		case c == '"' || c == '\'':
			i = skipTOMLString(front, i, &line)
		case c == '#':
			for i+1 < len(front) && front[i+1] != '\n' {
				i++
			}
		case c == '{':
			if depth == 0 {
				lines = append(lines, line)
			}
			depth++
		case c == '}':
			depth--
		}
	}
	if len(lines) == n {
		return lines
	}
	return nil
}

// tomlLayout is where things are in TOML front matter, by 1-based line.
type tomlLayout struct {
	keys   map[string]int   // a top-level key or table name → its first line
	tables map[string][]int // a top-level [[name]] → the line of each header
}

// scanTOML finds the lines of top-level keys and array-of-tables headers,
// and guards the parser: nesting deeper than maxDepth or dotted keys longer
// than maxKeyParts make BurntSushi/toml slow (its cost grows with the square
// of either), so they are refused with a line and a message.
func scanTOML(b []byte) (layout tomlLayout, errLine int, msg string) {
	layout = tomlLayout{keys: map[string]int{}, tables: map[string][]int{}}
	line, depth, parts := 1, 0, 0
	inKey, inTable := true, false // reading a key; below a [table] header
	keyStart := 0
	var stack []byte
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c == '\n':
			line++
			if depth == 0 {
				inKey, parts, keyStart = true, 0, i+1
			}
		case c == '#':
			for i+1 < len(b) && b[i+1] != '\n' {
				i++
			}
		case c == '"' || c == '\'':
			i = skipTOMLString(b, i, &line)
		case c == '[' && depth == 0 && inKey && len(bytes.TrimSpace(b[keyStart:i])) == 0:
			// A table header: [name] or [[name]].
			end := bytes.IndexByte(b[i:], '\n')
			if end < 0 {
				end = len(b) - i
			}
			hdr := string(b[i : i+end])
			double := strings.HasPrefix(hdr, "[[")
			name := strings.TrimLeft(hdr, "[")
			if j := strings.IndexByte(name, ']'); j >= 0 {
				name = name[:j]
			}
			if n := strings.Count(name, "."); n >= maxKeyParts {
				return layout, line, fmt.Sprintf("a front-matter key has more than %d dotted parts", maxKeyParts)
			}
			top, whole := firstKeyPart(name)
			if _, seen := layout.keys[top]; !seen && top != "" {
				layout.keys[top] = line
			}
			if double && whole {
				layout.tables[top] = append(layout.tables[top], line)
			}
			inTable, inKey = true, false
			i += end - 1
		case c == '[' || c == '{':
			depth++
			stack = append(stack, c)
			if depth > maxDepth {
				return layout, line, fmt.Sprintf("front matter nests lists or tables more than %d levels deep", maxDepth)
			}
			inKey, parts = c == '{', 0
		case c == ']' || c == '}':
			if depth > 0 {
				depth--
				stack = stack[:len(stack)-1]
			}
			inKey = depth > 0 && stack[len(stack)-1] == '{'
		case c == ',':
			inKey, parts = depth > 0 && stack[len(stack)-1] == '{', 0
		case c == '=':
			if depth == 0 && inKey && !inTable {
				if top, _ := firstKeyPart(string(b[keyStart:i])); top != "" {
					if _, seen := layout.keys[top]; !seen {
						layout.keys[top] = line
					}
				}
			}
			inKey, parts = false, 0
		case c == '.' && inKey:
			parts++
			if parts >= maxKeyParts {
				return layout, line, fmt.Sprintf("a front-matter key has more than %d dotted parts", maxKeyParts)
			}
		}
	}
	return layout, 0, ""
}

// firstKeyPart returns the first part of a dotted TOML key, unquoted, and
// whether the key has only that part.
func firstKeyPart(k string) (string, bool) {
	k = strings.TrimSpace(k)
	if k == "" {
		return "", false
	}
	if q := k[0]; q == '"' || q == '\'' {
		if j := strings.IndexByte(k[1:], q); j >= 0 {
			part := k[1 : j+1]
			if q == '"' {
				if u, err := strconv.Unquote(k[:j+2]); err == nil {
					part = u
				}
			}
			return part, strings.TrimSpace(k[j+2:]) == ""
		}
		return "", false
	}
	part, rest, dotted := strings.Cut(k, ".")
	return strings.TrimSpace(part), !dotted && strings.TrimSpace(rest) == ""
}

// skipTOMLString returns the index of the last byte of the string starting
// at b[i], counting the lines inside multi-line strings.
func skipTOMLString(b []byte, i int, line *int) int {
	q := b[i]
	if i+2 < len(b) && b[i+1] == q && b[i+2] == q {
		end := bytes.Index(b[i+3:], []byte{q, q, q})
		if end < 0 {
			end = len(b) - (i + 3)
		}
		*line += bytes.Count(b[i:i+3+end], []byte{'\n'})
		// Up to two more quotes may close the string ("""a""""").
		j := min(i+3+end+2, len(b)-1)
		for j+1 < len(b) && b[j+1] == q {
			j++
		}
		return j
	}
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			if q == '"' {
				j++
			}
		case '\n':
			return j - 1 // unterminated; the parser reports it
		case q:
			return j
		}
	}
	return len(b) - 1
}

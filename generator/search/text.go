package search

import (
	"fmt"
	"io"
	"strings"
)

// WriteText prints the ranked results for q as plain text, matched words in
// [brackets]: what `playbook search [DIR] QUERY` shows. Pages matching only
// some query words follow under their own heading; when no page matches
// them all, the closest index terms are suggested.
func (ix *Index) WriteText(w io.Writer, q string, f Filter, limit int) error {
	rs := ix.Search(q, f, limit)
	words := ix.Words(q)
	full := 0
	for full < len(rs) && rs[full].Matched == words {
		full++
	}
	var b strings.Builder
	switch {
	case words == 0:
		b.WriteString("Nothing to search for.\n")
	case full == 0:
		fmt.Fprintf(&b, "No results for %q.", q)
		if s := ix.Suggest(q, 5); len(s) > 0 {
			fmt.Fprintf(&b, " Did you mean: %s?", strings.Join(s, ", "))
		}
		b.WriteString("\n")
	}
	for i, r := range rs {
		if i == full && full < len(rs) {
			b.WriteString("Partly matching:\n")
		}
		fmt.Fprintf(&b, "%2d. %s", i+1, oneLine(r.Title))
		if r.KindLabel != "" {
			fmt.Fprintf(&b, "  (%s)", oneLine(r.KindLabel))
		}
		fmt.Fprintf(&b, "\n    %s\n", r.URL)
		if r.Snippet != "" {
			fmt.Fprintf(&b, "    %s\n", oneLine(marked(r.Snippet, r.Marks)))
		}
		if r.Anchor != "" {
			fmt.Fprintf(&b, "    § %s: %s#%s\n", oneLine(r.Section), r.URL, r.Anchor)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func marked(s string, marks [][2]int) string {
	var b strings.Builder
	at := 0
	for _, m := range marks {
		if m[0] < at || m[1] > len(s) {
			continue
		}
		b.WriteString(s[at:m[0]])
		b.WriteString("[" + s[m[0]:m[1]] + "]")
		at = m[1]
	}
	b.WriteString(s[at:])
	return b.String()
}

// oneLine keeps a terminal line a line: control characters become spaces.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return ' '
		}
		return r
	}, s)
}

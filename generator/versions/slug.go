package versions

import (
	"strconv"
	"strings"
)

// assignSlugs gives every earlier version its URL segment and URL below
// the page's URL. vs is oldest first. The segment is the label without
// its "v" or "#" ("v3" -> "3", "#2" -> "2"), so a printed handout can cite
// /pitches/elevator/v/3/. When two versions share a segment (the author
// kept the version field, or "v2" meets "#2") the oldest keeps it and the
// later ones get "-<short hash>": a new commit never changes an old URL.
func assignSlugs(vs []*Version, pageURL string) {
	used := make(map[string]bool, len(vs))
	for _, v := range vs {
		s := slug(v.Label, v.N)
		if used[s] {
			s += "-" + v.Short
			for used[s] {
				s += "x" // the same short hash twice: only in a crafted history
			}
		}
		used[s] = true
		v.Slug = s
		v.URL = pageURL + "v/" + s + "/"
	}
}

// slug turns a label into a URL segment of lower-case letters, digits,
// '.', '-' and '_'. A label that leaves nothing usable is numbered.
func slug(label string, n int) string {
	s := strings.TrimPrefix(label, "#")
	if len(s) > 1 && (s[0] == 'v' || s[0] == 'V') && s[1] >= '0' && s[1] <= '9' {
		s = s[1:]
	}
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		ok := r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '_'
		if !ok {
			// Anything else, umlauts included, becomes one dash: labels are
			// short codes, not prose, so no transliteration.
			dash = b.Len() > 0
			continue
		}
		if dash {
			b.WriteByte('-')
			dash = false
		}
		b.WriteRune(r)
		if b.Len() >= 40 {
			break
		}
	}
	out := b.String()
	if strings.Trim(out, ".") == "" {
		// "", "." and ".." are no segments of their own.
		return strconv.Itoa(n)
	}
	return out
}

package pdf

import (
	"fmt"
	"net/url"
	"path"
	"sort"
	"strings"

	"playbook/generator/site"
)

// NotFoundError is a PAGE argument that names no page of the site.
type NotFoundError struct {
	Page string
	// Close are the nearest pages, as PAGE arguments ("workshops/akquise"), best first.
	Close []string
}

func (e *NotFoundError) Error() string {
	msg := fmt.Sprintf("no page %q in this playbook", e.Page)
	if len(e.Close) > 0 {
		msg += "; did you mean " + strings.Join(e.Close, ", ") + "?"
	}
	return msg
}

// Resolve finds the page arg names. arg may be a content path with or
// without ".md" and "content/" ("workshops/akquise-werkstatt",
// "content/objections/_index.md"), a URL path with or without the site's
// base path ("/workshops/akquise-werkstatt/", "/team/workshops/x/"), or a
// whole URL. An unknown page gives a *NotFoundError listing close matches.
func Resolve(s *site.Site, arg string) (*site.Page, error) {
	q := strings.TrimSpace(strings.ReplaceAll(arg, `\`, "/"))
	if u, err := url.Parse(q); err == nil && u.Scheme != "" && u.Host != "" {
		q = u.Path
	}
	if q == "" {
		return nil, &NotFoundError{Page: arg}
	}
	if p := bySource(s, q); p != nil {
		return p, nil
	}
	for _, u := range urlCandidates(q, basePath(s)) {
		if p := s.ByURL[u]; p != nil {
			return p, nil
		}
	}
	return nil, &NotFoundError{Page: arg, Close: closeMatches(s, q, 5)}
}

func basePath(s *site.Site) string {
	if s.Config == nil {
		return "/"
	}
	return s.Config.BasePath()
}

// bySource matches arg as a file path below content/.
func bySource(s *site.Site, q string) *site.Page {
	q = strings.TrimPrefix(path.Clean(strings.TrimPrefix(q, "./")), "/")
	q = strings.TrimPrefix(q, "content/")
	if !strings.HasSuffix(q, ".md") {
		q += ".md"
	}
	if p := s.BySource[q]; p != nil {
		return p
	}
	// "objections" or "objections/_index.md" for a folder's own page.
	if strings.HasSuffix(q, "/_index.md") {
		return s.ByURL["/"+strings.TrimSuffix(q, "_index.md")]
	}
	return nil
}

// urlCandidates are the site-relative URLs q may mean: as given, and with
// the base path, "index.html" or "content/" taken off.
func urlCandidates(q, base string) []string {
	q = path.Clean("/" + q)
	q = strings.TrimSuffix(q, "/index.html")
	q = strings.TrimSuffix(q, ".md")
	norm := func(p string) string {
		p = strings.Trim(p, "/")
		if p == "" || p == "." || p == "index" || p == "_index" {
			return "/"
		}
		p = strings.TrimSuffix(p, "/_index")
		return "/" + p + "/"
	}
	out := []string{norm(q)}
	if base != "/" {
		if rest, ok := strings.CutPrefix(q+"/", base); ok {
			out = append(out, norm(rest))
		}
	}
	if rest, ok := strings.CutPrefix(q, "/content/"); ok {
		out = append(out, norm(rest))
	}
	return out
}

// closeMatches ranks every page against q: pages whose path contains the
// last part of q first, then by edit distance; at most n, none far off.
func closeMatches(s *site.Site, q string, n int) []string {
	want := strings.ToLower(strings.Trim(strings.TrimSuffix(strings.TrimPrefix(strings.Trim(q, "/"), "content/"), ".md"), "/"))
	if len(want) > 200 { // an argument this long matches nothing; keep the ranking cheap
		want = want[:200]
	}
	last := path.Base(want)
	type cand struct {
		arg      string
		contains bool
		dist     int
	}
	var list []cand
	for _, p := range s.Pages {
		arg := strings.Trim(p.URL, "/")
		if arg == "" {
			continue
		}
		low := strings.ToLower(arg)
		c := cand{arg: arg, contains: len(last) >= 3 && strings.Contains(path.Base(low), last), dist: distance(want, low)}
		limit := max(2, len(want)/3)
		if c.contains || c.dist <= limit || distance(last, path.Base(low)) <= max(1, len(last)/4) {
			list = append(list, c)
		}
	}
	sort.Slice(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if a.contains != b.contains {
			return a.contains
		}
		if a.dist != b.dist {
			return a.dist < b.dist
		}
		return a.arg < b.arg
	})
	out := make([]string, 0, n)
	for i := 0; i < len(list) && i < n; i++ {
		out = append(out, list[i].arg)
	}
	return out
}

// distance is the Levenshtein distance over runes, in two rows of memory.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

package render

import (
	"bytes"
	"encoding/xml"
	"sort"
	"strings"
	"time"
)

// sitemap lists every page, taxonomy and term listing (not search, 404 or
// aliases). Locations are absolute when base_url is set, else rooted at the
// base path; lastmod comes from a page's updated date.
func (e *env) sitemap() []byte {
	type entry struct {
		url     string
		lastmod time.Time
	}
	entries := make([]entry, 0, len(e.s.Pages)+16)
	for _, p := range e.s.Pages {
		entries = append(entries, entry{p.URL, p.Updated})
	}
	for _, tax := range e.s.Taxonomies {
		if len(tax.Terms) == 0 {
			continue
		}
		entries = append(entries, entry{url: tax.URL})
		for _, t := range tax.Terms {
			entries = append(entries, entry{url: t.URL})
		}
	}
	sort.SliceStable(entries, func(i, j int) bool { return entries[i].url < entries[j].url })

	var b bytes.Buffer
	b.Grow(len(entries) * 96)
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, en := range entries {
		loc := e.canonical(en.url)
		if loc == "" {
			loc = e.base + strings.TrimPrefix(en.url, "/")
		}
		b.WriteString("<url><loc>")
		_ = xml.EscapeText(&b, []byte(loc)) // a bytes.Buffer never fails
		b.WriteString("</loc>")
		if !en.lastmod.IsZero() {
			b.WriteString("<lastmod>")
			b.WriteString(en.lastmod.Format("2006-01-02"))
			b.WriteString("</lastmod>")
		}
		b.WriteString("</url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}

package site

import (
	"crypto/sha256"
	"strings"
)

// Cache carries work from one Assemble to the next. Its zero value is ready;
// it must not be shared by concurrent calls.
type Cache struct {
	relatedKey [32]byte
	related    map[string][]string // page URL -> related page URLs
}

// relatedCached restores every page's related pages from the cache when
// nothing they depend on changed, else computes and stores them. Related
// pages depend only on each page's URL, title, stage, tags and folderness.
func (a *assembler) relatedCached() {
	c := a.cache
	if c == nil {
		a.related()
		return
	}
	h := sha256.New()
	for _, p := range a.site.Pages {
		h.Write([]byte(p.URL + "\x00" + p.Title + "\x00" + p.Stage + "\x00" + strings.Join(p.Tags, "\x01") + "\x00"))
		if p.IsFolder {
			h.Write([]byte{1})
		}
	}
	var key [32]byte
	h.Sum(key[:0])
	if c.related != nil && key == c.relatedKey {
		for _, p := range a.site.Pages {
			urls := c.related[p.URL]
			if len(urls) == 0 {
				continue
			}
			p.Related = make([]*Page, len(urls))
			for i, u := range urls {
				p.Related[i] = a.site.ByURL[u]
			}
		}
		return
	}
	a.related()
	c.relatedKey = key
	c.related = make(map[string][]string, len(a.site.Pages))
	for _, p := range a.site.Pages {
		if len(p.Related) == 0 {
			continue
		}
		urls := make([]string, len(p.Related))
		for i, r := range p.Related {
			urls[i] = r.URL
		}
		c.related[p.URL] = urls
	}
}

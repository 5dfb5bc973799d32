package site

import (
	"net/url"
	"path"
	"strings"

	"playbook/generator/page"
)

// Page implements markdown.Resolver: the URL, rooted at the configured base
// path, of the page whose source is p ("objections/x.md"). A folder's
// "_index.md" and the folder path itself ("objections/preis") reach the
// folder page, whichever file holds its text.
func (ix *Index) Page(p string) (string, bool) {
	pg := ix.lookup(p)
	if pg == nil {
		return "", false
	}
	return ix.link(pg.URL), true
}

// File implements markdown.Resolver: the URL of a non-Markdown file in
// content/, copied to the site at the same path.
func (ix *Index) File(p string) (string, bool) {
	p = strings.TrimPrefix(p, "/")
	if !ix.fileSet[p] {
		return "", false
	}
	return ix.link("/" + p), true
}

// link roots a site-relative URL at the base path and escapes it for an href.
func (ix *Index) link(siteURL string) string {
	u := url.URL{Path: strings.TrimSuffix(ix.cfg.BasePath(), "/") + siteURL}
	return u.EscapedPath()
}

// lookup finds a page by source path, folder path or folder "_index.md".
func (ix *Index) lookup(p string) *page.Page {
	p = strings.Trim(p, "/")
	if p == "" || p == "." {
		return ix.folders[""]
	}
	if pg := ix.bySource[p]; pg != nil {
		return pg
	}
	if strings.HasSuffix(p, ".md") {
		return nil
	}
	return ix.folders[path.Clean(p)]
}

// lookupRef finds the page named in front matter ("voicemails/erstkontakt",
// with or without ".md"), as cadence templates and workshop pages do.
func (ix *Index) lookupRef(ref string) *page.Page {
	ref = strings.Trim(strings.TrimSpace(ref), "/")
	if ref == "" {
		return nil
	}
	if !strings.HasSuffix(ref, ".md") {
		if pg := ix.bySource[ref+".md"]; pg != nil {
			return pg
		}
	}
	return ix.lookup(ref)
}

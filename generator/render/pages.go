package render

import (
	"fmt"

	"playbook/generator/output"
	"playbook/generator/site"
	"playbook/generator/theme"
)

// RenderPages renders only the outputs that belong to the given pages, for
// watch mode when an edit provably changed nothing else: each page's own
// file, a folder page's filter pages, the pages of its earlier versions and
// the redirect pages of its aliases. Every file is byte for byte the file
// Render makes of the same site. The pages must belong to s; sitemap.xml,
// listings elsewhere, content files and theme assets are not rendered.
//
// Shared setup stays small: templates bound earlier are reused (see
// theme.Templates.Release), and entries are made only for the pages the
// views show.
func RenderPages(s *site.Site, th *theme.Theme, pages []*site.Page) ([]output.File, error) {
	return RenderSome(s, th, Selection{Pages: pages})
}

// Selection names the outputs RenderSome renders.
type Selection struct {
	Pages      []*site.Page    // as RenderPages renders them
	Terms      map[string]bool // term listing pages, by URL
	Taxonomies bool            // the taxonomy overview pages
	Changes    bool            // the "what changed" pages
	Sitemap    bool            // sitemap.xml
}

// RenderSome renders the selected outputs, each byte for byte the file
// Render makes of the same site: watch mode re-renders what an edit
// reaches and keeps the rest.
func RenderSome(s *site.Site, th *theme.Theme, sel Selection) ([]output.File, error) {
	pages := sel.Pages
	e, err := newEnv(s, th)
	if err != nil {
		return nil, err
	}
	defer e.ts.Release()
	e.entries = map[*site.Page]*entry{}
	e.kindLabel = map[string]string{}
	e.buildNav()
	e.memo = true // views are built here, one after the other
	var jobs []job
	seen := map[*site.Page]bool{}
	for _, p := range pages {
		if p == nil || seen[p] {
			continue
		}
		seen[p] = true
		if s.ByURL[p.URL] != p {
			return nil, fmt.Errorf("render: page %s (%s) is not in the site", p.Source, p.URL)
		}
		pj, err := e.pageJobs(p)
		if err != nil {
			return nil, err
		}
		vj, err := e.versionJobsOf(p)
		if err != nil {
			return nil, err
		}
		jobs = append(append(jobs, pj...), vj...)
		for _, a := range s.Aliases {
			if a.Page == p {
				j, err := e.aliasJob(a)
				if err != nil {
					return nil, err
				}
				jobs = append(jobs, j)
			}
		}
	}
	if len(sel.Terms) > 0 || sel.Taxonomies {
		tj, err := e.taxonomyJobs(sel.Taxonomies, func(t *site.Term) bool { return sel.Terms[t.URL] })
		if err != nil {
			return nil, err
		}
		jobs = append(jobs, tj...)
	}
	if sel.Changes {
		jobs = append(jobs, e.changesJobs()...)
	}
	for i := range jobs {
		if jobs[i].v == nil {
			jobs[i].v = jobs[i].mk()
		}
	}
	e.memo = false // the workers only read
	if err := e.check(jobs); err != nil {
		return nil, err
	}
	files, err := e.run(jobs)
	if err != nil {
		return nil, err
	}
	if sel.Sitemap {
		files = append(files, output.File{Path: "sitemap.xml", Data: e.sitemap()})
	}
	return sorted(files)
}

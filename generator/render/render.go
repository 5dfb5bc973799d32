// Package render turns an assembled site and a theme into the files of the
// built site, in memory: every page, the taxonomy and term listings, the
// filter pages of folder lists (listing.go), the search page, 404.html,
// sitemap.xml, alias redirects, the content files and the theme's assets. It
// writes nothing to disk. RenderPages (pages.go) renders only some pages'
// files, for watch mode.
//
// Speed: template actions (reflection) are what rendering spends its time
// on, so each page's card, list item and link line are rendered once and
// joined into every listing (parts.go), views carry ready-made strings, and
// the theme folds constant strings into its templates when binding them
// (theme/fold.go) and keeps bound templates for the next render.
package render

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"sort"
	"strings"

	"playbook/generator/output"
	"playbook/generator/site"
	"playbook/generator/theme"
	"playbook/generator/workers"
)

// job renders one output file.
type job struct {
	path string // output path
	what string // for errors: "objections/x.md (/objections/x/)"
	tmpl string // page template file
	v    *view
	mk   func() *view // builds v in the worker when v is nil: views of content pages
	size int          // expected size, to size the buffer once
}

// Render renders the whole site. Output is sorted by path, so the same input
// always gives the same result; two outputs claiming one path are an error.
func Render(s *site.Site, th *theme.Theme) ([]output.File, error) {
	e, err := newEnv(s, th)
	if err != nil {
		return nil, err
	}
	defer e.ts.Release()
	e.buildEntries()
	jobs, err := e.jobs()
	if err != nil {
		return nil, err
	}
	files := make([]output.File, 0, len(jobs)+len(s.Files)+len(th.Assets())+1)
	rendered, err := e.run(jobs)
	if err != nil {
		return nil, err
	}
	files = append(files, rendered...)
	files = append(files, output.File{Path: "sitemap.xml", Data: e.sitemap()})
	for _, f := range s.Files {
		files = append(files, output.File{Path: f.Path, Data: f.Data})
	}
	for _, a := range th.Assets() {
		files = append(files, output.File{Path: a.Path, Data: a.Data})
	}
	return sorted(files)
}

// newEnv checks the input and binds the theme; the caller releases e.ts.
func newEnv(s *site.Site, th *theme.Theme) (*env, error) {
	if s == nil || s.Config == nil {
		return nil, errors.New("render: site without config")
	}
	if th == nil {
		return nil, errors.New("render: no theme")
	}
	lang := s.Config.Language
	if lang == "" {
		lang = "de"
	}
	base := s.Config.BasePath()
	ts, err := th.Bind(lang, base)
	if err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	e := &env{s: s, th: th, lang: lang, base: base, search: s.Config.Search.Enabled, ts: ts, hasPart: map[string]bool{}}
	for _, name := range partNames {
		e.hasPart[name] = ts.HasPart(name)
	}
	for _, tax := range s.Taxonomies {
		if len(tax.Terms) > 0 {
			e.taxLink = append(e.taxLink, e.link(e.tr("taxonomy."+tax.Name, tax.Name), tax.URL))
		}
	}
	return e, nil
}

// sorted sorts files by path and refuses two files with one path.
func sorted(files []output.File) ([]output.File, error) {
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	for i := 1; i < len(files); i++ {
		if files[i].Path == files[i-1].Path {
			return nil, fmt.Errorf("render: two outputs for %s (a page, alias, content file or theme asset clash)", files[i].Path)
		}
	}
	return files, nil
}

// jobs lists every templated output.
func (e *env) jobs() ([]job, error) {
	s := e.s
	var jobs []job
	for _, p := range s.Pages {
		pj, err := e.pageJobs(p)
		if err != nil {
			return nil, err
		}
		jobs = append(jobs, pj...)
	}
	tj, err := e.taxonomyJobs(true, func(*site.Term) bool { return true })
	if err != nil {
		return nil, err
	}
	jobs = append(jobs, tj...)
	if e.search {
		v := e.view("search", e.tr("search.title", "Search"), "/search/")
		v.NoIndex = true
		v.Crumbs = []link{e.homeCrumb()}
		jobs = append(jobs, job{path: "search/index.html", what: "search page", tmpl: "search.html", v: v, size: 8 << 10})
	}
	vjobs, err := e.versionJobs()
	if err != nil {
		return nil, err
	}
	jobs = append(append(jobs, vjobs...), e.changesJobs()...)
	nf := e.view("404", e.tr("notfound.title", "Not found"), "/404.html")
	nf.NoIndex, nf.Canonical = true, ""
	jobs = append(jobs, job{path: "404.html", what: "404 page", tmpl: "404.html", v: nf, size: 8 << 10})

	for _, a := range s.Aliases {
		j, err := e.aliasJob(a)
		if err != nil {
			return nil, err
		}
		jobs = append(jobs, j)
	}
	return jobs, e.check(jobs)
}

// taxonomyJobs lists the taxonomy overview pages (with index) and the term
// pages that term accepts.
func (e *env) taxonomyJobs(index bool, term func(*site.Term) bool) ([]job, error) {
	var jobs []job
	for _, tax := range e.s.Taxonomies {
		if len(tax.Terms) == 0 {
			continue
		}
		if index {
			out, err := outPath(tax.URL)
			if err != nil {
				return nil, fmt.Errorf("render taxonomy %s: %w", tax.Name, err)
			}
			v := e.view("taxonomy", e.tr("taxonomy."+tax.Name, tax.Name), tax.URL)
			v.Taxonomy = tax
			v.Crumbs = []link{e.homeCrumb()}
			jobs = append(jobs, job{path: out, what: "taxonomy " + tax.URL, tmpl: "taxonomy.html", v: v, size: 8 << 10})
		}
		single := e.tr("taxonomy."+strings.TrimSuffix(tax.Name, "s"), tax.Name)
		for _, t := range tax.Terms {
			if !term(t) {
				continue
			}
			out, err := outPath(t.URL)
			if err != nil {
				return nil, fmt.Errorf("render term %s: %w", t.Name, err)
			}
			v := e.view("term", t.Name, t.URL)
			v.Taxonomy, v.Term, v.TaxonomyTitle = tax, t, single
			v.TermPages = e.list(t.Pages)
			v.Crumbs = []link{e.homeCrumb(), e.link(e.tr("taxonomy."+tax.Name, tax.Name), tax.URL)}
			jobs = append(jobs, job{path: out, what: "term " + t.URL, tmpl: "term.html", v: v, size: 8 << 10})
		}
	}
	return jobs, nil
}

// pageJobs lists the outputs of a content, folder or home page: its own and
// a folder's filter pages.
func (e *env) pageJobs(p *site.Page) ([]job, error) {
	out, err := outPath(p.URL)
	if err != nil {
		return nil, fmt.Errorf("render %s: %w", p.Source, err)
	}
	j := job{path: out, what: p.Source + " (" + p.URL + ")", tmpl: e.th.Lookup(string(p.Kind)), size: 8 << 10}
	if p.Doc != nil {
		j.size += len(p.Doc.HTML)
	}
	switch pageKind(e.s, p) {
	case "home":
		j.tmpl, j.v = "home.html", e.pageView(p)
	case "section":
		j.tmpl, j.v = "section.html", e.pageView(p)
		fl := e.folderList(p)
		j.v.List = fl.view(e, "", nil)
		fjobs, err := e.filterJobs(fl, j.v)
		if err != nil {
			return nil, err
		}
		return append([]job{j}, fjobs...), nil
	default:
		// Built in the worker: most of a big site's views.
		j.mk = func() *view { return e.pageView(p) }
	}
	return []job{j}, nil
}

func (e *env) aliasJob(a site.Alias) (job, error) {
	out, err := outPath(a.From)
	if err != nil {
		return job{}, fmt.Errorf("render alias %s: %w", a.From, err)
	}
	title := a.To
	if a.Page != nil {
		title = a.Page.Title
	}
	v := e.view("alias", title, a.From)
	v.Target = e.base + strings.TrimPrefix(a.To, "/")
	v.Canonical = e.canonical(a.To)
	if v.Canonical == "" {
		v.Canonical = v.Target
	}
	v.NoIndex = true
	return job{path: out, what: "alias " + a.From, tmpl: "alias.html", v: v, size: 1 << 10}, nil
}

// check refuses jobs whose page template the theme lacks.
func (e *env) check(jobs []job) error {
	for _, j := range jobs {
		if !e.ts.Has(j.tmpl) {
			return fmt.Errorf("render %s: theme has no templates/%s", j.what, j.tmpl)
		}
	}
	return nil
}

// run executes the jobs on GOMAXPROCS workers; each writes its own slot, so
// the result order is the job order whatever the scheduling.
func (e *env) run(jobs []job) ([]output.File, error) {
	files := make([]output.File, len(jobs))
	errs := make([]error, len(jobs))
	workers.Each(len(jobs), func(k int) {
		j := &jobs[k]
		v := j.v
		if v == nil {
			v = j.mk()
		}
		if err := e.finish(v); err != nil {
			errs[k] = fmt.Errorf("render %s: %w", j.what, err)
			return
		}
		var buf bytes.Buffer
		buf.Grow(j.size + v.listSize())
		if err := e.ts.Execute(&buf, j.tmpl, v); err != nil {
			errs[k] = fmt.Errorf("render %s: %w", j.what, err)
			return
		}
		files[k] = output.File{Path: j.path, Data: buf.Bytes()}
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return files, nil
}

// outPath maps a site-relative URL to its output file: "/a/b/" -> "a/b/index.html",
// "/" -> "index.html", "/x.html" -> "x.html". URLs that would leave the output
// folder are refused.
func outPath(u string) (string, error) {
	if !strings.HasPrefix(u, "/") {
		return "", fmt.Errorf("URL %q is not site-relative", u)
	}
	p := strings.TrimPrefix(u, "/")
	if p == "" {
		return "index.html", nil
	}
	if strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	if c := path.Clean(p); c != p || strings.HasPrefix(c, "../") || c == ".." || strings.Contains(p, "\\") {
		return "", fmt.Errorf("URL %q is not a clean path", u)
	}
	return p, nil
}

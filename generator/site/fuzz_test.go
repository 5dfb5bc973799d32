package site

import (
	"path"
	"strings"
	"testing"
	"time"

	"playbook/generator/config"
	"playbook/generator/markdown"
	"playbook/generator/page"
)

// FuzzAssemble feeds arbitrary sets of source paths (one a line, with
// "|tag,tag|stage|alias|link" after the path) through both steps and checks
// that nothing panics and the tree holds together.
func FuzzAssemble(f *testing.F) {
	f.Add("objections/preis.md\nobjections/preis/zu-teuer.md|Preis,kein budget|demo|/alt/|objections/preis.md")
	f.Add("_index.md\na/_index.md\na.md\nA.md|x||/a/|")
	f.Add("a/Preis/x.md\na/preis/y.md\ntags/x.md|x\nÜber uns.md|ä,Ä,ae|closing")
	f.Add("a/b/c/d.md|t|demo||a/b.md\nx.md|t|demo||a/b\ny.md|T|demo|/x/|missing.md")
	f.Add("a/.md\n.md\na/_index.md/b.md\nwerkstatt/ü .md|, ,|")
	f.Fuzz(func(t *testing.T, input string) {
		var pages []*page.Page
		docs := map[string]*markdown.Document{}
		for line := range strings.SplitSeq(input, "\n") {
			parts := strings.Split(line, "|")
			src := path.Clean(parts[0])
			// content.Read only ever hands over clean relative .md paths.
			if !strings.HasSuffix(src, ".md") || strings.HasPrefix(src, "/") || strings.HasPrefix(src, "../") {
				continue
			}
			p := mk(src, path.Base(src))
			if len(parts) > 1 && parts[1] != "" {
				p.Tags = strings.Split(parts[1], ",")
			}
			if len(parts) > 2 {
				p.Stage = parts[2]
			}
			if len(parts) > 3 && parts[3] != "" {
				p.Aliases = []string{parts[3]}
			}
			if len(parts) > 4 {
				docs[src] = &markdown.Document{Links: []markdown.Link{{Target: parts[4], Anchor: "x", Line: 1}}}
			}
			pages = append(pages, p)
		}
		ix, errs := NewIndex(config.Default(), pages, nil)
		s, errs2 := Assemble(ix, docs, time.Now())
		for _, d := range append(errs, errs2...) {
			if d.Pos.File == "" || d.Msg == "" {
				t.Errorf("diagnostic without file or message: %v", d)
			}
		}
		if s.Home == nil || s.Home.URL != "/" {
			t.Fatalf("no home page")
		}
		for i, p := range s.Pages {
			if i > 0 && s.Pages[i-1].URL >= p.URL {
				t.Errorf("pages not sorted by unique URL: %s, %s", s.Pages[i-1].URL, p.URL)
			}
			if s.ByURL[p.URL] != p {
				t.Errorf("ByURL[%s] is another page", p.URL)
			}
			if p == s.Home {
				continue
			}
			if p.Parent == nil {
				t.Fatalf("%s (%s) has no parent", p.URL, p.Source)
			}
			if !containsPage(p.Parent.Children, p) {
				t.Errorf("%s missing from its parent's children", p.URL)
			}
			if len(p.Breadcrumbs) == 0 || p.Breadcrumbs[0] != s.Home || p.Breadcrumbs[len(p.Breadcrumbs)-1] != p.Parent {
				t.Errorf("%s: breadcrumbs %q", p.URL, urls(p.Breadcrumbs))
			}
			if len(p.Related) > maxRelated || containsPage(p.Related, p) {
				t.Errorf("%s: related %q", p.URL, urls(p.Related))
			}
			for _, r := range p.Related {
				if r.IsFolder {
					t.Errorf("%s: folder page %s is related", p.URL, r.URL)
				}
			}
		}
	})
}

func containsPage(ps []*Page, p *Page) bool {
	for _, q := range ps {
		if q == p {
			return true
		}
	}
	return false
}

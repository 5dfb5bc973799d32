package render

import (
	"bytes"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"playbook/generator/output"
	"playbook/generator/site"
)

// TestRenderPages: RenderPages gives exactly the files of the pages asked
// for (a page with versions and an alias, a folder with filter pages, the
// home page, a cadence, a workshop), each byte for byte as Render makes it,
// whatever the order and however often the theme was bound before.
func TestRenderPages(t *testing.T) {
	s := listSite()
	s.Now = time.Date(2024, 3, 20, 0, 0, 0, 0, time.UTC)
	budget := s.ByURL["/objections/kein-budget/"]
	withVersions(budget, 3)
	th := loadTheme(t)
	all, err := Render(s, th)
	if err != nil {
		t.Fatal(err)
	}
	full := map[string][]byte{}
	for _, f := range all {
		full[f.Path] = f.Data
	}

	tests := []struct {
		urls []string
		want []string // output paths
	}{
		{[]string{"/objections/kein-budget/"}, []string{
			"alt/budget/index.html", "objections/kein-budget/index.html",
			"objections/kein-budget/v/1/index.html", "objections/kein-budget/v/2/index.html"}},
		{[]string{"/objections/"}, []string{"objections/index.html",
			"personas/cfo/objections/index.html", "personas/it-leitung/objections/index.html",
			"stages/negotiation/objections/index.html", "stages/prospecting/objections/index.html"}},
		{[]string{"/workshops/onboarding/", "/", "/cadences/neukunde/", "/"}, []string{
			"cadences/neukunde/index.html", "index.html", "workshops/onboarding/index.html"}},
	}
	for _, tt := range tests {
		var pages []*site.Page
		for _, u := range tt.urls {
			p := s.ByURL[u]
			if p == nil {
				t.Fatalf("fixture has no page %s", u)
			}
			pages = append(pages, p)
		}
		files, err := RenderPages(s, th, pages)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range files {
			got = append(got, f.Path)
			if want, ok := full[f.Path]; !ok {
				t.Errorf("%v: %s is not an output of Render", tt.urls, f.Path)
			} else if !bytes.Equal(f.Data, want) {
				t.Errorf("%v: %s differs from Render's:\n%s\n---\n%s", tt.urls, f.Path, f.Data, want)
			}
		}
		if !sort.StringsAreSorted(got) || !slices.Equal(got, tt.want) {
			t.Errorf("RenderPages(%v) = %v, want %v", tt.urls, got, tt.want)
		}
	}
}

// TestRenderPagesErrors: a page from another site is refused.
func TestRenderPagesErrors(t *testing.T) {
	s, other := testSite(), testSite()
	_, err := RenderPages(s, loadTheme(t), []*site.Page{other.ByURL["/objections/kein-budget/"]})
	if err == nil || !strings.Contains(err.Error(), "not in the site") {
		t.Errorf("foreign page: err = %v", err)
	}
	files, err := RenderPages(s, loadTheme(t), nil)
	if err != nil || len(files) != 0 {
		t.Errorf("no pages: %d files, %v", len(files), err)
	}
}

// TestRenderReusesTheme: renders of different sites with one theme share
// bound templates (theme.Templates.Release) but never cached HTML: the
// header a render caches must not show up in the next.
func TestRenderReusesTheme(t *testing.T) {
	th := loadTheme(t)
	a, b := testSite(), testSite()
	b.Config.Title = "Anderes Playbook"
	for range 2 {
		for _, s := range []*site.Site{a, b} {
			files, err := RenderPages(s, th, []*site.Page{s.ByURL["/objections/kein-budget/"]})
			if err != nil {
				t.Fatal(err)
			}
			brand := `<a class="brand" href="/team/">` + s.Config.Title + `</a>`
			i := slices.IndexFunc(files, func(f output.File) bool { return f.Path == "objections/kein-budget/index.html" })
			if i < 0 || !bytes.Contains(files[i].Data, []byte(brand)) {
				t.Errorf("%s: no page or the header of another render", s.Config.Title)
			}
		}
	}
}

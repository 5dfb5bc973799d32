package pdf

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"playbook/generator/config"
	"playbook/generator/page"
	"playbook/generator/site"
)

// testSite is a small site as site.Assemble would index it.
func testSite(baseURL string) *site.Site {
	s := &site.Site{Config: &config.Config{BaseURL: baseURL}, ByURL: map[string]*site.Page{}, BySource: map[string]*site.Page{}}
	add := func(src, url string, folder bool) {
		p := &site.Page{Page: &page.Page{Source: src, URL: url, Title: url, IsFolder: folder}}
		s.Pages = append(s.Pages, p)
		s.ByURL[url] = p
		s.BySource[src] = p
	}
	add("_index.md", "/", true)
	add("workshops/_index.md", "/workshops/", true)
	add("workshops/akquise-werkstatt.md", "/workshops/akquise-werkstatt/", false)
	add("workshops/bestandskunden-tag.md", "/workshops/bestandskunden-tag/", false)
	add("objections/preis.md", "/objections/preis/", true)
	add("objections/preis/zu-teuer.md", "/objections/preis/zu-teuer/", false)
	add("checklists/erstgespraech.md", "/checklists/erstgespraech/", false)
	s.Home = s.ByURL["/"]
	return s
}

func TestResolve(t *testing.T) {
	s := testSite("https://playbook.example.com/team/")
	tests := []struct {
		arg, want string // want is the page's URL
	}{
		{"workshops/akquise-werkstatt", "/workshops/akquise-werkstatt/"},
		{"workshops/akquise-werkstatt.md", "/workshops/akquise-werkstatt/"},
		{"content/workshops/akquise-werkstatt.md", "/workshops/akquise-werkstatt/"},
		{"./content/workshops/akquise-werkstatt.md", "/workshops/akquise-werkstatt/"},
		{`content\workshops\akquise-werkstatt.md`, "/workshops/akquise-werkstatt/"},
		{"/workshops/akquise-werkstatt/", "/workshops/akquise-werkstatt/"},
		{"/workshops/akquise-werkstatt", "/workshops/akquise-werkstatt/"},
		{"/workshops/akquise-werkstatt/index.html", "/workshops/akquise-werkstatt/"},
		{"/team/workshops/akquise-werkstatt/", "/workshops/akquise-werkstatt/"},
		{"https://playbook.example.com/team/workshops/akquise-werkstatt/", "/workshops/akquise-werkstatt/"},
		{"http://127.0.0.1:1313/workshops/akquise-werkstatt/#x", "/workshops/akquise-werkstatt/"},
		{" workshops/akquise-werkstatt ", "/workshops/akquise-werkstatt/"},
		{"workshops", "/workshops/"},
		{"workshops/_index.md", "/workshops/"},
		{"objections/preis.md", "/objections/preis/"},
		{"objections/preis", "/objections/preis/"},
		{"objections/preis/zu-teuer", "/objections/preis/zu-teuer/"},
		{"/", "/"},
		{"_index.md", "/"},
		{"content/_index.md", "/"},
	}
	for _, tt := range tests {
		p, err := Resolve(s, tt.arg)
		if err != nil {
			t.Errorf("Resolve(%q): %v", tt.arg, err)
			continue
		}
		if p.URL != tt.want {
			t.Errorf("Resolve(%q) = %s, want %s", tt.arg, p.URL, tt.want)
		}
	}
}

func TestResolveUnknown(t *testing.T) {
	s := testSite("")
	tests := []struct {
		arg   string
		close []string
	}{
		{"workshops/akquise", []string{"workshops/akquise-werkstatt"}},
		{"workshop/akquise-werkstat", []string{"workshops/akquise-werkstatt"}},
		{"/checklists/erstgesprach/", []string{"checklists/erstgespraech"}},
		{"zu-teuer", []string{"objections/preis/zu-teuer"}},
		{"xyzzy/nothing-like-it", nil},
		{"", nil},
		{strings.Repeat("a/", 5000), nil},
	}
	for _, tt := range tests {
		_, err := Resolve(s, tt.arg)
		var nf *NotFoundError
		if !errors.As(err, &nf) {
			t.Errorf("Resolve(%q) = %v, want a *NotFoundError", tt.arg, err)
			continue
		}
		name := tt.arg
		if len(name) > 40 {
			name = name[:40] + "…"
		}
		if len(tt.close) == 0 {
			if len(nf.Close) != 0 {
				t.Errorf("Resolve(%q) close = %q, want none", name, nf.Close)
			}
			continue
		}
		if len(nf.Close) < len(tt.close) || !reflect.DeepEqual(nf.Close[:len(tt.close)], tt.close) {
			t.Errorf("Resolve(%q) close = %q, want %q first", name, nf.Close, tt.close)
		}
		if tt.arg != "" && len(tt.arg) < 100 && !strings.Contains(err.Error(), tt.arg) {
			t.Errorf("error %q does not name %q", err, tt.arg)
		}
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"abc", "", 3}, {"", "ab", 2}, {"kitten", "sitting", 3},
		{"gespräch", "gesprach", 1}, {"abc", "abc", 0},
	}
	for _, tt := range tests {
		if got := distance(tt.a, tt.b); got != tt.want {
			t.Errorf("distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

// FuzzResolve: any argument resolves to a page of the site or to a
// NotFoundError whose suggestions are pages of the site; never a panic.
func FuzzResolve(f *testing.F) {
	for _, seed := range []string{"workshops/akquise-werkstatt", "/team/x/", "content/_index.md", "https://h/p?q#f", `a\b`, "../..", "\xff\xfe", "%zz"} {
		f.Add(seed)
	}
	s := testSite("https://playbook.example.com/team/")
	f.Fuzz(func(t *testing.T, arg string) {
		p, err := Resolve(s, arg)
		if err == nil {
			if s.ByURL[p.URL] != p {
				t.Fatalf("Resolve(%q) returned a page not in the site", arg)
			}
			return
		}
		var nf *NotFoundError
		if !errors.As(err, &nf) {
			t.Fatalf("Resolve(%q): %v", arg, err)
		}
		for _, c := range nf.Close {
			if s.ByURL["/"+c+"/"] == nil {
				t.Fatalf("suggestion %q is not a page", c)
			}
		}
	})
}

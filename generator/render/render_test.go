package render

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"playbook/generator/output"
	"playbook/generator/theme"
)

var update = flag.Bool("update", false, "rewrite golden files")

func loadTheme(t testing.TB) *theme.Theme {
	t.Helper()
	th, err := theme.Load(nil, "default")
	if err != nil {
		t.Fatal(err)
	}
	return th
}

func renderMap(t testing.TB) map[string][]byte {
	t.Helper()
	files, err := Render(testSite(), loadTheme(t))
	if err != nil {
		t.Fatal(err)
	}
	m := map[string][]byte{}
	for _, f := range files {
		m[f.Path] = f.Data
	}
	return m
}

// hashRE matches content hashes in asset names, so golden files do not change
// with every edit of a style sheet or script.
var hashRE = regexp.MustCompile(`\.[0-9a-f]{8}\.(css|js|svg)`)

var searchAssetRE = regexp.MustCompile(`(?m)^<(?:script|link)[^\n]*assets/search\.HASH\.(?:css|js)[^\n]*\n`)

func TestGolden(t *testing.T) {
	out := renderMap(t)
	for _, p := range []string{
		"index.html",
		"objections/index.html",
		"objections/kein-budget/index.html",
		"pitches/elevator/index.html",
		"voicemails/erstkontakt/index.html",
		"cadences/neukunde/index.html",
		"retention/kuendigung/index.html",
		"checklists/erstgespraech/index.html",
		"workshops/onboarding/index.html",
		"ueber/index.html",
		"tags/index.html",
		"tags/kein-budget/index.html",
		"search/index.html",
		"404.html",
		"sitemap.xml",
		"alt/budget/index.html",
	} {
		t.Run(p, func(t *testing.T) {
			got, ok := out[p]
			if !ok {
				t.Fatalf("no output %s", p)
			}
			got = hashRE.ReplaceAll(got, []byte(".HASH.$1"))
			// search.js and search.css belong to the search client: leave them out
			// so its edits do not churn these files.
			got = searchAssetRE.ReplaceAll(got, nil)
			golden := filepath.Join("testdata", strings.ReplaceAll(p, "/", "_")+".golden")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s (run with -update):\n%s", p, golden, got)
			}
		})
	}
}

func TestOutputs(t *testing.T) {
	out := renderMap(t)
	for _, p := range []string{
		"personas/index.html", "personas/cfo/index.html", "stages/negotiation/index.html", "tags/preis/index.html",
		"objections/bild.png",
	} {
		if _, ok := out[p]; !ok {
			t.Errorf("missing %s", p)
		}
	}
	var hashed int
	for p := range out {
		if strings.HasPrefix(p, "assets/") {
			hashed++
			if !hashRE.MatchString(p) {
				t.Errorf("asset %s has no content hash", p)
			}
		}
	}
	if hashed < 4 {
		t.Errorf("only %d assets written", hashed)
	}
}

// builtElsewhere are outputs that generator/build adds beside render's
// (the offline manifest and its icons), so links to them are not broken.
var builtElsewhere = map[string]bool{"manifest.webmanifest": true, "icons/apple-touch-icon.png": true, "sw.js": true}

// TestLinks: every base-rooted href and src in every page resolves to an output.
func TestLinks(t *testing.T) {
	out := renderMap(t)
	attr := regexp.MustCompile(`(?:href|src)="([^"]*)"`)
	for p, data := range out {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		for _, m := range attr.FindAllSubmatch(data, -1) {
			u := string(m[1])
			if i := strings.IndexAny(u, "#?"); i >= 0 {
				u = u[:i]
			}
			if u == "" || strings.HasPrefix(u, "https://playbook.example.com/") {
				continue
			}
			if !strings.HasPrefix(u, "/team/") {
				t.Errorf("%s: link %q is not rooted at the base path", p, m[1])
				continue
			}
			target, err := outPath("/" + strings.TrimPrefix(u, "/team/"))
			if err != nil {
				t.Errorf("%s: %v", p, err)
				continue
			}
			if _, ok := out[target]; !ok && !builtElsewhere[target] {
				t.Errorf("%s: link %q has no output %s", p, m[1], target)
			}
		}
	}
}

func TestDeterministic(t *testing.T) {
	th := loadTheme(t)
	a, err := Render(testSite(), th)
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		b, err := Render(testSite(), th)
		if err != nil {
			t.Fatal(err)
		}
		if len(a) != len(b) {
			t.Fatalf("%d files, then %d", len(a), len(b))
		}
		for i := range a {
			if a[i].Path != b[i].Path || !bytes.Equal(a[i].Data, b[i].Data) {
				t.Fatalf("file %d differs: %s vs %s", i, a[i].Path, b[i].Path)
			}
			if i > 0 && a[i-1].Path >= a[i].Path {
				t.Fatalf("not sorted: %s before %s", a[i-1].Path, a[i].Path)
			}
		}
	}
}

func TestSitemapRootRelative(t *testing.T) {
	s := testSite()
	s.Config.BaseURL = ""
	files, err := Render(s, loadTheme(t))
	if err != nil {
		t.Fatal(err)
	}
	sm := find(files, "sitemap.xml")
	if !bytes.Contains(sm, []byte("<loc>/objections/kein-budget/</loc><lastmod>2025-03-02</lastmod>")) {
		t.Errorf("sitemap:\n%s", sm)
	}
	if bytes.Contains(sm, []byte("http")) && bytes.Count(sm, []byte("http")) != 1 { // the xmlns only
		t.Errorf("sitemap has absolute URLs without base_url:\n%s", sm)
	}
	page := find(files, "objections/kein-budget/index.html")
	if bytes.Contains(page, []byte(`rel="canonical"`)) {
		t.Error("canonical link without base_url")
	}
	if !bytes.Contains(page, []byte(`href="/tags/kein-budget/"`)) {
		t.Error("term link not rooted at /")
	}
}

func find(files []output.File, p string) []byte {
	for _, f := range files {
		if f.Path == p {
			return f.Data
		}
	}
	return nil
}

func TestSearchDisabled(t *testing.T) {
	s := testSite()
	s.Config.Search.Enabled = false
	files, err := Render(s, loadTheme(t))
	if err != nil {
		t.Fatal(err)
	}
	if find(files, "search/index.html") != nil {
		t.Error("search page rendered while search is disabled")
	}
	if bytes.Contains(find(files, "index.html"), []byte("data-search")) {
		t.Error("search form rendered while search is disabled")
	}
}

func TestEnglish(t *testing.T) {
	s := testSite()
	s.Config.Language = "en"
	files, err := Render(s, loadTheme(t))
	if err != nil {
		t.Fatal(err)
	}
	p := string(find(files, "objections/kein-budget/index.html"))
	for _, want := range []string{`<html lang="en">`, "Review overdue", "Skip to content", `data-lang="en"`, "Fill in placeholders"} {
		if !strings.Contains(p, want) {
			t.Errorf("English page lacks %q", want)
		}
	}
}

func TestTemplateErrorNamesPage(t *testing.T) {
	disk := fstest.MapFS{
		"themes/broken/templates/pitch.html": {Data: []byte(`{{define "main"}}{{.Page.NoSuchField}}{{end}}`)},
	}
	th, err := theme.Load(disk, "broken")
	if err != nil {
		t.Fatal(err)
	}
	_, err = Render(testSite(), th)
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"pitch.html", "pitches/elevator.md", "NoSuchField"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}

func TestClash(t *testing.T) {
	s := testSite()
	s.Aliases = append(s.Aliases, s.Aliases[0])
	s.Aliases[1].From = "/ueber/"
	if _, err := Render(s, loadTheme(t)); err == nil || !strings.Contains(err.Error(), "ueber/index.html") {
		t.Errorf("clash error = %v", err)
	}
}

func TestOutPath(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"/", "index.html", true},
		{"/a/", "a/index.html", true},
		{"/a/b/", "a/b/index.html", true},
		{"/404.html", "404.html", true},
		{"a/", "", false},
		{"/../x/", "", false},
		{"/a/../../x/", "", false},
		{"/a//b/", "", false},
		{`/a\b/`, "", false},
	}
	for _, tt := range tests {
		got, err := outPath(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("outPath(%q) = %q, %v", tt.in, got, err)
		}
	}
}

// TestDiskTheme: a disk theme's partial and kind template take effect; the
// rest comes from the embedded default.
func TestDiskTheme(t *testing.T) {
	disk := fstest.MapFS{
		"themes/brand/templates/partials/footer.html": {Data: []byte(`{{define "footer"}}<footer>BRAND {{.Config.Title}}</footer>{{end}}`)},
		"themes/brand/templates/voicemail.html":       {Data: []byte(`{{define "main"}}<p>VM {{.Title}} {{.Front.Voicemail.MaxSeconds}}</p>{{end}}`)},
	}
	th, err := theme.Load(disk, "brand")
	if err != nil {
		t.Fatal(err)
	}
	files, err := Render(testSite(), th)
	if err != nil {
		t.Fatal(err)
	}
	vm := string(find(files, "voicemails/erstkontakt/index.html"))
	for _, want := range []string{"<footer>BRAND Vertriebs-Playbook</footer>", "<p>VM Erstkontakt 30</p>", `<a class="skip"`} {
		if !strings.Contains(vm, want) {
			t.Errorf("voicemail page lacks %q", want)
		}
	}
	if p := string(find(files, "pitches/elevator/index.html")); strings.Contains(p, "VM ") || !strings.Contains(p, "BRAND") {
		t.Error("pitch page: wrong template")
	}
}

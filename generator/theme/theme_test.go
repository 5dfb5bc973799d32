package theme

import (
	"bytes"
	"flag"
	"io/fs"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestLoadDefault(t *testing.T) {
	for _, disk := range []fs.FS{nil, fstest.MapFS{}} {
		th, err := Load(disk, "")
		if err != nil {
			t.Fatal(err)
		}
		if th.Name != "default" || th.Hash == "" {
			t.Errorf("name %q hash %q", th.Name, th.Hash)
		}
		for _, name := range []string{"page.html", "home.html", "section.html", "taxonomy.html", "term.html", "search.html", "404.html", "alias.html"} {
			if !th.Has(name) {
				t.Errorf("default theme lacks %s", name)
			}
		}
		if got := th.Lookup("objection"); got != "page.html" {
			t.Errorf("Lookup(objection) = %q, want page.html", got)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name string
		disk fs.FS
		want string
	}{
		{"missing", fstest.MapFS{}, "not found"},
		{"missing", nil, "not found"},
		{"../x", nil, "plain folder name"},
		{"bad", fstest.MapFS{"themes/bad/templates/page.html": {Data: []byte("{{if}}")}}, "templates/page.html"},
		{"bad", fstest.MapFS{"themes/bad/templates/partials/x.html": {Data: []byte("{{nosuchfunc}}")}}, "partials/x.html"},
		{"bad", fstest.MapFS{"themes/bad/i18n/de.toml": {Data: []byte("x = 1")}}, "must be a string"},
		{"bad", fstest.MapFS{"themes/bad/i18n/de.toml": {Data: []byte("x = ")}}, "i18n/de.toml"},
	}
	for _, tt := range tests {
		_, err := Load(tt.disk, tt.name)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Load(%q) error = %v, want it to mention %q", tt.name, err, tt.want)
		}
	}
}

// TestOverlay: a disk theme replaces one template and one asset, adds a kind
// template and overrides a single string; everything else stays embedded.
func TestOverlay(t *testing.T) {
	disk := fstest.MapFS{
		"themes/brand/templates/partials/footer.html": {Data: []byte(`{{define "footer"}}<footer>BRAND {{t "skip"}}</footer>{{end}}`)},
		"themes/brand/templates/objection.html":       {Data: []byte(`{{define "main"}}OBJECTION {{.}}{{end}}`)},
		"themes/brand/assets/style.css":               {Data: []byte("body{color:red}")},
		"themes/brand/i18n/de.toml":                   {Data: []byte(`skip = "Weiter zum Inhalt"`)},
		"content/x.md":                                {Data: []byte("not a theme file")},
	}
	th, err := Load(disk, "brand")
	if err != nil {
		t.Fatal(err)
	}
	if err := fstest.TestFS(th.FS(), "templates/page.html", "templates/objection.html", "templates/partials/footer.html",
		"assets/style.css", "assets/playbook.js", "i18n/de.toml", "i18n/en.toml"); err != nil {
		t.Fatal(err)
	}
	if got := th.Origin("templates/partials/footer.html"); got != "disk" {
		t.Errorf("footer origin %q", got)
	}
	if got := th.Origin("templates/page.html"); got != "embedded" {
		t.Errorf("page origin %q", got)
	}
	if got := th.Lookup("objection"); got != "objection.html" {
		t.Errorf("Lookup(objection) = %q", got)
	}
	if got := th.Lookup("pitch"); got != "page.html" {
		t.Errorf("Lookup(pitch) = %q", got)
	}
	p, ok := th.AssetPath("style.css")
	if !ok || p != "assets/"+hashedName("style.css", []byte("body{color:red}")) {
		t.Errorf("style.css -> %q", p)
	}
	// Key-wise i18n merge: the overridden string changes, the others stay.
	if s, _ := th.Translate("de", "skip"); s != "Weiter zum Inhalt" {
		t.Errorf("skip = %q", s)
	}
	if s, _ := th.Translate("de", "meta.overdue"); s != "Review überfällig" {
		t.Errorf("meta.overdue = %q", s)
	}
	ts, err := th.Bind("de", "/")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := ts.Execute(&buf, "objection.html", map[string]any{}); err == nil {
		// baseof needs page data; a plain map is missing fields: the error must name the template.
		t.Log("executed without error")
	} else if !strings.Contains(err.Error(), "objection.html") {
		t.Errorf("error %v does not name the template", err)
	}
}

func TestHashedName(t *testing.T) {
	data := []byte("x")
	h := hashedName("style.css", data)
	if !regexp.MustCompile(`^style\.[0-9a-f]{8}\.css$`).MatchString(h) {
		t.Errorf("hashedName = %q", h)
	}
	if hashedName("style.css", []byte("y")) == h {
		t.Error("different content, same name")
	}
	if got := hashedName("icons/a.b.svg", data); !strings.HasPrefix(got, "icons/a.b.") || !strings.HasSuffix(got, ".svg") {
		t.Errorf("nested = %q", got)
	}
}

// TestI18nKeys: de and en have the same keys, and every key the templates
// use with t or tn exists.
func TestI18nKeys(t *testing.T) {
	th, err := Load(nil, "default")
	if err != nil {
		t.Fatal(err)
	}
	de, en := th.Keys("de"), th.Keys("en")
	if strings.Join(de, ",") != strings.Join(en, ",") {
		t.Errorf("de and en keys differ:\nde %v\nen %v", de, en)
	}
	used := regexp.MustCompile(`\{\{-?\s*(?:[^}]*\()?\s*(tn?) "([^"]+)"`)
	err = fs.WalkDir(th.FS(), "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, _ := fs.ReadFile(th.FS(), p)
		for _, m := range used.FindAllStringSubmatch(string(data), -1) {
			keys := []string{m[2]}
			if m[1] == "tn" {
				keys = []string{m[2] + ".one", m[2] + ".other"}
			}
			for _, k := range keys {
				for _, lang := range []string{"de", "en"} {
					if _, ok := th.Translate(lang, k); !ok {
						t.Errorf("%s uses %q, missing in %s", p, k, lang)
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestFuncs(t *testing.T) {
	th, err := Load(nil, "default")
	if err != nil {
		t.Fatal(err)
	}
	b := &binding{theme: th, lang: "de", base: "/docs/"}
	if got := b.url("/tags/"); got != "/docs/tags/" {
		t.Errorf("url = %q", got)
	}
	if got := b.url("https://x.example/"); got != "https://x.example/" {
		t.Errorf("url external = %q", got)
	}
	if got := b.url("//evil.example/"); got != "//evil.example/" {
		t.Errorf("url protocol-relative = %q", got)
	}
	if got, err := b.asset("style.css"); err != nil || !strings.HasPrefix(got, "/docs/assets/style.") {
		t.Errorf("asset = %q, %v", got, err)
	}
	if _, err := b.asset("nope.css"); err == nil {
		t.Error("unknown asset: no error")
	}
	if _, err := b.t("no.such.key"); err == nil {
		t.Error("unknown key: no error")
	}
	if got, _ := b.tn("count.pages", 1); got != "1 Seite" {
		t.Errorf("tn 1 = %q", got)
	}
	if got, _ := b.tn("count.pages", 3); got != "3 Seiten" {
		t.Errorf("tn 3 = %q", got)
	}
	for n, want := range map[int]string{0: "0 s", 42: "42 s", 60: "1:00 min", 90: "1:30 min"} {
		if got := b.seconds(n); got != want {
			t.Errorf("seconds(%d) = %q, want %q", n, got, want)
		}
	}
	day := time.Date(2025, 3, 2, 0, 0, 0, 0, time.UTC)
	if got := b.date(day); got != "02.03.2025" {
		t.Errorf("date de = %q", got)
	}
	b.lang = "en"
	if got := b.date(day); got != "2 Mar 2025" {
		t.Errorf("date en = %q", got)
	}
	if _, err := th.Bind("fr", "/"); err == nil {
		t.Error("Bind(fr): no error")
	}
	if _, err := th.Bind("de", "docs"); err == nil {
		t.Error("Bind with bad base: no error")
	}
}

package scaffold

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"playbook/generator/build"
	"playbook/generator/config"
	"playbook/generator/content"
	"playbook/generator/diag"
	"playbook/generator/page"
)

var today = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

func cfgFor(t *testing.T, toml string) *config.Config {
	t.Helper()
	cfg, err := config.Parse("playbook.toml", []byte(toml))
	if err != nil {
		t.Fatalf("config: %v", err)
	}
	return cfg
}

// typed splits and types data as content/rel with cfg, as a build would.
func typed(t *testing.T, rel string, data []byte, cfg *config.Config) (*page.Page, diag.List) {
	t.Helper()
	src, d := content.Split(rel, data)
	if d.HasErrors() {
		t.Fatalf("Split %s: %v\n%s", rel, d, data)
	}
	return page.New(src, cfg)
}

func TestPageEveryKind(t *testing.T) {
	de := cfgFor(t, "title = \"T\"\n[placeholders]\nVorname = \"x\"\n")
	tests := []struct {
		kind   page.Kind
		path   string
		errMsg string // the one error a fresh page may have
	}{
		{page.KindObjection, "objections/zu-teuer-fuer-uns.md", ""},
		{page.KindPitch, "pitches/zu-teuer-fuer-uns.md", ""},
		{page.KindCadence, "cadences/zu-teuer-fuer-uns.md", ""},
		{page.KindVoicemail, "voicemails/zu-teuer-fuer-uns.md", ""},
		{page.KindRetention, "retention/zu-teuer-fuer-uns.md", ""},
		{page.KindChecklist, "checklists/zu-teuer-fuer-uns.md", ""},
		// A handout without pages cannot be printed: the skeleton says which
		// field to fill, and the build insists.
		{page.KindWorkshop, "workshops/zu-teuer-fuer-uns.md", "a workshop needs pages"},
		{page.KindPage, "zu-teuer-fuer-uns.md", ""},
	}
	for _, tt := range tests {
		t.Run(string(tt.kind), func(t *testing.T) {
			rel, err := PagePath(nil, tt.kind, "", "Zu teuer für uns")
			if err != nil || rel != tt.path {
				t.Fatalf("PagePath = %q, %v; want %q", rel, err, tt.path)
			}
			data, err := Page(tt.kind, "Zu teuer für uns", rel, de, today)
			if err != nil {
				t.Fatal(err)
			}
			p, d := typed(t, rel, data, de)
			switch {
			case tt.errMsg == "" && len(d) > 0:
				t.Errorf("fresh page has problems: %v\n%s", d, data)
			case tt.errMsg != "" && (len(d) != 1 || !strings.Contains(d[0].Msg, tt.errMsg)):
				t.Errorf("got %v, want one error %q", d, tt.errMsg)
			}
			if p.Kind != tt.kind || p.Title != "Zu teuer für uns" {
				t.Errorf("kind %q title %q, want %q %q", p.Kind, p.Title, tt.kind, "Zu teuer für uns")
			}
			if !p.Updated.Equal(today) {
				t.Errorf("updated = %v, want %v", p.Updated, today)
			}
			if strings.Contains(string(data), "<no value>") {
				t.Errorf("template left a hole:\n%s", data)
			}
			if tt.kind == page.KindObjection && p.Objection.Objection != "Zu teuer für uns" {
				t.Errorf("objection = %q", p.Objection.Objection)
			}
			if tt.kind == page.KindVoicemail && !strings.Contains(string(data), "Guten Tag {{Vorname}}") {
				t.Errorf("voicemail script does not greet with the declared placeholder:\n%s", data)
			}
		})
	}
}

func TestPageLanguage(t *testing.T) {
	en := cfgFor(t, "title = \"T\"\nlanguage = \"en\"\n[placeholders]\nFirstName = \"x\"\n")
	data, err := Page(page.KindObjection, "Too expensive", "objections/too-expensive.md", en, today)
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	for _, want := range []string{"## What is behind it", "## Response", "## Follow-up questions", "{{FirstName}}, ..."} {
		if !strings.Contains(s, want) {
			t.Errorf("English skeleton lacks %q:\n%s", want, s)
		}
	}
	for _, german := range []string{"Antwort", "Rückfragen", "Vorname"} {
		if strings.Contains(s, german) {
			t.Errorf("English skeleton holds German %q:\n%s", german, s)
		}
	}
	de, _ := Page(page.KindObjection, "Zu teuer", "objections/zu-teuer.md", config.Default(), today)
	if !strings.Contains(string(de), "## Antwort") {
		t.Errorf("German skeleton lacks ## Antwort:\n%s", de)
	}
}

// A new page names only what playbook.toml allows, so it adds no warning
// of its own: no undeclared placeholder, no unknown stage.
func TestPageFollowsConfig(t *testing.T) {
	cfg := cfgFor(t, "title = \"T\"\n[stages]\nlead = \"Lead\"\ndeal = \"Deal\"\n")
	if len(cfg.Stages) != 2 {
		t.Skipf("config has another [stages] syntax; stages: %v", cfg.Stages)
	}
	for _, k := range page.Kinds {
		rel, _ := PagePath(nil, k, "", "X")
		data, err := Page(k, "X", rel, cfg, today)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(data), "stage =") {
			t.Errorf("%s: unconfigured stage written:\n%s", k, data)
		}
		if strings.Contains(string(data), "{{") {
			t.Errorf("%s: placeholder written though none is declared:\n%s", k, data)
		}
	}
}

func TestPageHostileTitles(t *testing.T) {
	for _, title := range []string{
		`Sag "nein" \ oder`,
		"Zeile\nzwei\r\tTab\x7f",
		`{{.Title}} {{Vorname}} '''`,
		"+++\n---",
		"<script>alert(1)</script>",
		strings.Repeat("lang ", 2000),
	} {
		for _, k := range page.Kinds {
			rel, err := PagePath(nil, k, "", title)
			if err != nil {
				t.Fatalf("PagePath(%q): %v", title, err)
			}
			if strings.ContainsAny(rel, "\n\"\\<>{}") {
				t.Errorf("PagePath(%q) = %q", title, rel)
			}
			data, err := Page(k, title, rel, config.Default(), today)
			if err != nil {
				t.Fatalf("Page(%s, %q): %v", k, title, err)
			}
			p, d := typed(t, rel, data, config.Default())
			if errs := d.Errors(); len(errs) > 0 && k != page.KindWorkshop {
				t.Errorf("Page(%s, %q): %v\n%s", k, title, errs, data)
			}
			if p.Title != strings.TrimSpace(title) {
				t.Errorf("Page(%s): title %q, want %q", k, p.Title, title)
			}
		}
	}
}

func TestPagePath(t *testing.T) {
	fsys := fstest.MapFS{
		"objections/Preis/alt.md":   {Data: []byte("x")},
		"grundlagen/_index.md":      {Data: []byte("x")},
		"Über uns/team.md":          {Data: []byte("x")},
		"objections/kein-budget.md": {Data: []byte("x")},
	}
	tests := []struct {
		kind          page.Kind
		folder, title string
		want          string
	}{
		{page.KindObjection, "", "Zu teuer für uns", "objections/zu-teuer-fuer-uns.md"},
		{page.KindObjection, "", "Größe & Preis?", "objections/groesse-preis.md"},
		{page.KindObjection, "", "???", "objections/page.md"},
		{page.KindPage, "", "Über uns", "ueber-uns.md"},
		{page.KindPage, "grundlagen", "A", "grundlagen/a.md"},
		{page.KindPage, "/content/grundlagen/", "A", "grundlagen/a.md"},
		{page.KindPage, `grundlagen\tief`, "A", "grundlagen/tief/a.md"},
		{page.KindObjection, "objections/preis", "Zu teuer", "objections/Preis/zu-teuer.md"}, // reuses the folder that slugs alike
		{page.KindObjection, "objections/Neue Gruppe", "Zu teuer", "objections/neue-gruppe/zu-teuer.md"},
		{page.KindPage, "ueber-uns", "B", "Über uns/b.md"},
	}
	for _, tt := range tests {
		got, err := PagePath(fsys, tt.kind, tt.folder, tt.title)
		if err != nil || got != tt.want {
			t.Errorf("PagePath(%s, %q, %q) = %q, %v; want %q", tt.kind, tt.folder, tt.title, got, err, tt.want)
		}
	}
	for _, bad := range []string{"..", "../x", "objections/../../x"} {
		if got, err := PagePath(fsys, page.KindPage, bad, "A"); err == nil {
			t.Errorf("PagePath(folder %q) = %q, want an error", bad, got)
		}
	}
}

func TestCollision(t *testing.T) {
	fsys := fstest.MapFS{
		"objections/Zu Teuer.md":       {Data: []byte("x")},
		"objections/preis/_index.md":   {Data: []byte("x")},
		"objections/kein-budget.md":    {Data: []byte("x")},
		"objections/Kein Budget/a.md":  {Data: []byte("x")},
		"objections/bild-zu-gross.png": {Data: []byte("x")},
	}
	tests := map[string]string{
		"objections/zu-teuer.md":      "objections/Zu Teuer.md",
		"objections/preis.md":         "objections/preis/",
		"objections/kein-budget.md":   "objections/kein-budget.md",
		"objections/neu.md":           "",
		"objections/bild-zu-gross.md": "",
		"pitches/zu-teuer.md":         "",
		"zu-teuer.md":                 "",
	}
	for rel, want := range tests {
		if got := Collision(fsys, rel); got != want {
			t.Errorf("Collision(%q) = %q, want %q", rel, got, want)
		}
	}
}

func TestWriteNewRefusesOverwrite(t *testing.T) {
	name := filepath.Join(t.TempDir(), "content", "objections", "a.md")
	if err := WriteNew(name, []byte("first")); err != nil {
		t.Fatal(err)
	}
	err := WriteNew(name, []byte("second"))
	if !errors.Is(err, ErrExists) || !strings.Contains(err.Error(), name) {
		t.Fatalf("second write: %v, want ErrExists naming the file", err)
	}
	if data, _ := os.ReadFile(name); string(data) != "first" {
		t.Errorf("file overwritten: %q", data)
	}
}

// The starter playbook builds with no error and no warning (what
// `playbook check --strict` asks), with a page of every kind.
func TestInitBuilds(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "pb")
	written, kept, err := Init(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(kept) != 0 || len(written) < 10 {
		t.Errorf("written %d, kept %v", len(written), kept)
	}
	for _, f := range []string{"playbook.toml", "README.md", ".gitignore", "content/_index.md"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("init did not write %s", f)
		}
	}
	res, err := build.New().Build(context.Background(), build.Input{Dir: dir, Now: today})
	if err != nil {
		t.Fatalf("starter playbook does not build:\n%v", err)
	}
	if len(res.Warnings) > 0 {
		t.Errorf("starter playbook has warnings:\n%v", res.Warnings)
	}
	kinds := map[page.Kind]bool{}
	for _, p := range res.Site.Pages {
		if !p.IsFolder {
			kinds[p.Kind] = true
		}
	}
	for _, k := range page.Kinds {
		if !kinds[k] {
			t.Errorf("starter playbook has no example page of kind %s", k)
		}
	}
	// Years later the examples are still not overdue: no review_by is set.
	if res, err := build.New().Build(context.Background(), build.Input{Dir: dir, Now: today.AddDate(30, 0, 0), NoRender: true}); err != nil || len(res.Warnings) > 0 {
		t.Errorf("starter playbook in 30 years: %v %v", err, res)
	}
}

func TestInitRefuses(t *testing.T) {
	for _, existing := range []string{"playbook.toml", "content/", "content/objections/kein-interesse.md"} {
		t.Run(existing, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, filepath.FromSlash(existing))
			if strings.HasSuffix(existing, "/") {
				if err := os.MkdirAll(p, 0o755); err != nil {
					t.Fatal(err)
				}
			} else {
				os.MkdirAll(filepath.Dir(p), 0o755)
				if err := os.WriteFile(p, []byte("mine"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			_, _, err := Init(dir)
			if !errors.Is(err, ErrExists) {
				t.Fatalf("Init into a folder with %s: %v, want ErrExists", existing, err)
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 {
				t.Errorf("Init wrote files before refusing: %v", entries)
			}
		})
	}
}

func TestInitKeepsReadme(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "README.md"), []byte("# Our repo"), 0o644)
	written, kept, err := Init(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(kept) != 1 || filepath.Base(kept[0]) != "README.md" {
		t.Errorf("kept = %v", kept)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "README.md")); string(data) != "# Our repo" {
		t.Errorf("README overwritten: %q", data)
	}
	if len(written) == 0 {
		t.Error("nothing written")
	}
}

func TestTOMLString(t *testing.T) {
	for in, want := range map[string]string{
		`a"b`:    `a\"b`,
		`a\b`:    `a\\b`,
		"a\nb":   `a\u000Ab`,
		"ä\x7f":  `ä\u007F`,
		"normal": "normal",
	} {
		if got := tomlString(in); got != want {
			t.Errorf("tomlString(%q) = %q, want %q", in, got, want)
		}
	}
}

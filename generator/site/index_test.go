package site

import (
	"slices"
	"testing"

	"playbook/generator/config"
	"playbook/generator/content"
	"playbook/generator/page"
)

// want describes one page of the index.
type want struct {
	url, source, title string
	folder             bool
	kind               page.Kind
}

func TestNewIndexFolders(t *testing.T) {
	cfg := config.Default()
	cfg.Title = "Vertriebs-Playbook"
	tests := []struct {
		name  string
		pages []*page.Page
		want  []want
	}{
		{
			name: "folder text from _index.md, home from content/_index.md",
			pages: []*page.Page{
				mk("_index.md", "Start"),
				mk("objections/_index.md", "Einwände"),
				mk("objections/zu-teuer.md", "Zu teuer"),
			},
			want: []want{
				{"/", "_index.md", "Start", true, page.KindPage},
				{"/objections/", "objections/_index.md", "Einwände", true, page.KindObjection},
				{"/objections/zu-teuer/", "objections/zu-teuer.md", "Zu teuer", false, page.KindObjection},
			},
		},
		{
			name: "folder text from a page file beside the folder",
			pages: []*page.Page{
				mk("objections/preis.md", "Rund um den Preis"),
				mk("objections/preis/zu-teuer.md", "Zu teuer"),
			},
			want: []want{
				{"/", "_index.md", "Vertriebs-Playbook", true, page.KindPage},
				{"/objections/", "objections/_index.md", "Objections", true, page.KindObjection},
				{"/objections/preis/", "objections/preis.md", "Rund um den Preis", true, page.KindObjection},
				{"/objections/preis/zu-teuer/", "objections/preis/zu-teuer.md", "Zu teuer", false, page.KindObjection},
			},
		},
		{
			name: "synthesised folder pages at every level",
			pages: []*page.Page{
				mk("objections/preis/kein-budget/intern.md", "Intern"),
				mk("ueber.md", "Über"),
			},
			want: []want{
				{"/", "_index.md", "Vertriebs-Playbook", true, page.KindPage},
				{"/objections/", "objections/_index.md", "Objections", true, page.KindObjection},
				{"/objections/preis/", "objections/preis/_index.md", "Preis", true, page.KindObjection},
				{"/objections/preis/kein-budget/", "objections/preis/kein-budget/_index.md", "Kein budget", true, page.KindObjection},
				{"/objections/preis/kein-budget/intern/", "objections/preis/kein-budget/intern.md", "Intern", false, page.KindObjection},
				{"/ueber/", "ueber.md", "Über", false, page.KindPage},
			},
		},
		{
			name: "a page beside a folder-less name stays a plain page",
			pages: []*page.Page{
				mk("pitches/kurz.md", "Kurz"),
			},
			want: []want{
				{"/", "_index.md", "Vertriebs-Playbook", true, page.KindPage},
				{"/pitches/", "pitches/_index.md", "Pitches", true, page.KindPitch},
				{"/pitches/kurz/", "pitches/kurz.md", "Kurz", false, page.KindPitch},
			},
		},
		{
			name:  "empty playbook still has a home page",
			pages: nil,
			want:  []want{{"/", "_index.md", "Vertriebs-Playbook", true, page.KindPage}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := make([]page.Page, len(tt.pages))
			for i, p := range tt.pages {
				before[i] = *p
			}
			ix, errs := NewIndex(cfg, tt.pages, nil)
			checkDiags(t, errs, nil)
			var got []want
			for _, p := range ix.Pages() {
				got = append(got, want{p.URL, p.Source, p.Title, p.IsFolder, p.Kind})
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("pages:\n got %+v\nwant %+v", got, tt.want)
			}
			for i, p := range tt.pages {
				if p.IsFolder != before[i].IsFolder || p.Title != before[i].Title {
					t.Errorf("input page %s was modified", p.Source)
				}
			}
		})
	}
}

func TestNewIndexCollisions(t *testing.T) {
	tests := []struct {
		name  string
		pages []*page.Page
		want  []string
	}{
		{
			name: "two sources slug to one URL",
			pages: []*page.Page{
				mk("objections/zu-teuer.md", "b"),
				mk("objections/Zu Teuer.md", "a"),
			},
			want: []string{
				"content/objections/Zu Teuer.md: error: two pages for URL /objections/zu-teuer/: content/objections/Zu Teuer.md and content/objections/zu-teuer.md",
			},
		},
		{
			name: "_index.md and a page beside the folder",
			pages: []*page.Page{
				mk("objections/preis/_index.md", "Preis"),
				mk("objections/preis.md", "Preis"),
				mk("objections/preis/zu-teuer.md", "Zu teuer"),
			},
			want: []string{
				"content/objections/preis.md: error: two pages for URL /objections/preis/: content/objections/preis.md and content/objections/preis/_index.md",
			},
		},
		{
			name: "alias is a page URL",
			pages: []*page.Page{
				mk("objections/alt.md", "Alt"),
				mk("objections/neu.md", "Neu", aliases(4, "/objections/alt/")),
			},
			want: []string{
				"content/objections/neu.md:4: error: alias /objections/alt/ in content/objections/neu.md is already the URL of content/objections/alt.md",
			},
		},
		{
			name: "alias is a synthesised folder URL",
			pages: []*page.Page{
				mk("objections/preis/a.md", "A", aliases(3, "/objections/preis/")),
			},
			want: []string{
				"content/objections/preis/a.md:3: error: alias /objections/preis/ in content/objections/preis/a.md is already the URL of content/objections/preis/_index.md",
			},
		},
		{
			name: "two pages claim one alias",
			pages: []*page.Page{
				mk("b.md", "B", aliases(5, "/alt/")),
				mk("a.md", "A", aliases(2, "/alt/", "/alt/")),
			},
			want: []string{
				"content/b.md:5: error: alias /alt/ in content/b.md is already an alias in content/a.md",
			},
		},
		{
			name:  "alias is the page's own URL",
			pages: []*page.Page{mk("a.md", "A", aliases(2, "/a/"))},
			want:  []string{"content/a.md:2: error: alias /a/ is the page's own URL"},
		},
		{
			name: "two folders slug to one URL",
			pages: []*page.Page{
				mk("a/Preis/x.md", "X"),
				mk("a/preis/y.md", "Y"),
			},
			want: []string{
				"content/a/Preis/: error: two folders for URL /a/preis/: content/a/Preis/ and content/a/preis/",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix, errs := NewIndex(config.Default(), tt.pages, nil)
			checkDiags(t, errs, tt.want)
			// The index stays usable: every source still resolves.
			for _, p := range tt.pages {
				if _, ok := ix.Page(p.Source); !ok {
					t.Errorf("Page(%q) not found after collision", p.Source)
				}
			}
		})
	}
}

func TestResolver(t *testing.T) {
	pages := []*page.Page{
		mk("objections/zu-teuer.md", "Zu teuer"),
		mk("objections/preis.md", "Preis"),
		mk("objections/preis/kein-budget.md", "Kein Budget"),
		mk("Über uns.md", "Über uns"),
	}
	files := []content.File{{Path: "objections/bild.png"}, {Path: "objections/mein bild.png"}}
	tests := []struct {
		base, path string
		file       bool
		want       string
		ok         bool
	}{
		{"", "objections/zu-teuer.md", false, "/objections/zu-teuer/", true},
		{"https://x.example/", "objections/zu-teuer.md", false, "/objections/zu-teuer/", true},
		{"https://x.example/sales/playbook/", "objections/zu-teuer.md", false, "/sales/playbook/objections/zu-teuer/", true},
		{"https://x.example/pb/", "objections/_index.md", false, "/pb/objections/", true},
		{"https://x.example/pb/", "objections", false, "/pb/objections/", true},
		{"https://x.example/pb/", "objections/preis/_index.md", false, "/pb/objections/preis/", true},
		{"https://x.example/pb/", "objections/preis.md", false, "/pb/objections/preis/", true},
		{"https://x.example/pb/", "objections/preis", false, "/pb/objections/preis/", true},
		{"https://x.example/pb/", "_index.md", false, "/pb/", true},
		{"https://x.example/pb/", ".", false, "/pb/", true},
		{"https://x.example/pb/", "Über uns.md", false, "/pb/ueber-uns/", true},
		{"https://x.example/pb/", "objections/fehlt.md", false, "", false},
		{"https://x.example/pb/", "objections/fehlt", false, "", false},
		{"https://x.example/pb/", "objections/bild.png", false, "", false},
		{"https://x.example/pb/", "objections/bild.png", true, "/pb/objections/bild.png", true},
		{"https://x.example/pb/", "objections/mein bild.png", true, "/pb/objections/mein%20bild.png", true},
		{"", "objections/bild.png", true, "/objections/bild.png", true},
		{"", "objections/fehlt.png", true, "", false},
		{"", "objections/zu-teuer.md", true, "", false},
	}
	for _, tt := range tests {
		cfg := config.Default()
		cfg.BaseURL = tt.base
		ix, errs := NewIndex(cfg, pages, files)
		checkDiags(t, errs, nil)
		resolve := ix.Page
		if tt.file {
			resolve = ix.File
		}
		got, ok := resolve(tt.path)
		if got != tt.want || ok != tt.ok {
			t.Errorf("base %q, %q (file %v) = %q, %v; want %q, %v", tt.base, tt.path, tt.file, got, ok, tt.want, tt.ok)
		}
	}
}

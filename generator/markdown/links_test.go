package markdown

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
)

var hrefRE = regexp.MustCompile(`(?:href|src)="([^"]*)"`)

func TestLinkResolution(t *testing.T) {
	tests := []struct {
		name  string
		path  string // linking page, relative to content/
		src   string
		href  string // rendered href or src
		links []Link
		diag  string // the exact diagnostic line, "" for none
	}{
		{name: "page", path: "objections/preis/start.md", src: "[x](zu-teuer.md)",
			href: "/objections/preis/zu-teuer/", links: []Link{{Target: "objections/preis/zu-teuer.md", Line: 12}}},
		{name: "page with anchor", path: "objections/preis/start.md", src: "[x](zu-teuer.md#antwort-2)",
			href: "/objections/preis/zu-teuer/#antwort-2", links: []Link{{Target: "objections/preis/zu-teuer.md", Anchor: "antwort-2", Line: 12}}},
		{name: "page from another folder", path: "pitches/elevator.md", src: "[x](../objections/preis/zu-teuer.md)",
			href: "/objections/preis/zu-teuer/", links: []Link{{Target: "objections/preis/zu-teuer.md", Line: 12}}},
		{name: "dot segments", path: "pitches/elevator.md", src: "[x](./../objections/./preis/zu-teuer.md)",
			href: "/objections/preis/zu-teuer/", links: []Link{{Target: "objections/preis/zu-teuer.md", Line: 12}}},
		{name: "above the root", path: "a.md", src: "[x](../x.md)",
			href: "../x.md", diag: `content/a.md:12: error: link to "../x.md" points outside content/`},
		{name: "missing page in folder", path: "objections/a.md", src: "[x](preis/weg.md#a)",
			href: "preis/weg.md#a", diag: `content/objections/a.md:12: error: link to missing page "preis/weg.md#a"`},
		{name: "folder with _index.md", path: "pitches/elevator.md", src: "[x](../objections/)",
			href: "/objections/", links: []Link{{Target: "objections/_index.md", Line: 12}}},
		{name: "folder page beside the folder", path: "objections/_index.md", src: "[x](../pitches/)",
			href: "/pitches/", links: []Link{{Target: "pitches.md", Line: 12}}},
		{name: "folder without slash", path: "objections/_index.md", src: "[x](../pitches#oben)",
			href: "/pitches/#oben", links: []Link{{Target: "pitches.md", Anchor: "oben", Line: 12}}},
		{name: "root folder", path: "objections/_index.md", src: "[x](../)",
			href: "/", links: []Link{{Target: "_index.md", Line: 12}}},
		{name: "missing folder", path: "objections/_index.md", src: "[x](../weg/)",
			href: "../weg/", diag: `content/objections/_index.md:12: error: link to missing page "../weg/"`},
		{name: "percent-encoded space", path: "objections/a.md", src: "[x](kein%20budget.md)",
			href: "/objections/kein-budget/", links: []Link{{Target: "objections/kein budget.md", Line: 12}}},
		{name: "image", path: "objections/preis/start.md", src: "![Bild](bild.png)",
			href: "/objections/preis/bild.png"},
		{name: "missing image", path: "objections/preis/start.md", src: "![Bild](weg.png)",
			href: "weg.png", diag: `content/objections/preis/start.md:12: error: link to missing file "weg.png"`},
		{name: "file", path: "objections/preis/start.md", src: "[PDF](../../files/preisliste.pdf)",
			href: "/files/preisliste.pdf"},
		{name: "escaping content", path: "a.md", src: "[x](../../x.md)",
			href: "../../x.md", diag: `content/a.md:12: error: link to "../../x.md" points outside content/`},
		{name: "external", path: "a.md", src: "[x](https://example.com/x.md)", href: "https://example.com/x.md"},
		{name: "absolute", path: "a.md", src: "[x](/objections/)", href: "/objections/"},
		{name: "fragment only", path: "a.md", src: "[x](#oben)", href: "#oben", links: []Link{{Target: "a.md", Anchor: "oben", Line: 12}}},
		{name: "mailto", path: "a.md", src: "[x](mailto:vertrieb@example.com)", href: "mailto:vertrieb@example.com"},
		{name: "tel", path: "a.md", src: "[x](tel:+49301234)", href: "tel:+49301234"},
		{name: "javascript", path: "a.md", src: "[x](javascript:alert(1))", href: ""},
		{name: "javascript with leading space", path: "a.md", src: "[x](< javascript:alert(1)>)", href: ""},
	}
	c := New(Options{Lang: "de"})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := c.Convert([]byte(tt.src), Context{Path: tt.path, File: "content/" + tt.path, Line: 12, Resolver: testResolver})
			m := hrefRE.FindSubmatch(doc.HTML)
			if m == nil || string(m[1]) != tt.href {
				t.Errorf("href in %s, want %q", doc.HTML, tt.href)
			}
			if !reflect.DeepEqual(doc.Links, tt.links) {
				t.Errorf("Links = %+v, want %+v", doc.Links, tt.links)
			}
			if got := doc.Diags.Error(); got != tt.diag {
				t.Errorf("diag = %q, want %q", got, tt.diag)
			}
		})
	}
}

func TestLinkLines(t *testing.T) {
	src := "Eins\n\nZwei [a](weg.md) und\ndrei [b](auch-weg.md)\n\n> - [c][ref]\n\n[ref]: noch-weg.md\n"
	doc := New(Options{}).Convert([]byte(src), Context{Path: "a.md", File: "content/a.md", Line: 7, Resolver: testResolver})
	want := []string{
		`content/a.md:9: error: link to missing page "weg.md"`,
		`content/a.md:10: error: link to missing page "auch-weg.md"`,
		`content/a.md:12: error: link to missing page "noch-weg.md"`,
	}
	if got := strings.Split(doc.Diags.Error(), "\n"); !reflect.DeepEqual(got, want) {
		t.Errorf("diags:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestIsRelative(t *testing.T) {
	tests := map[string]bool{
		"a.md": true, "../a.md": true, "./x/": true, "bild.png": true, "a.md#x": true, "kein%20budget.md": true,
		"": false, "/a": false, "//host/a": false, "#x": false, "?q": false,
		"https://x": false, "mailto:a@b": false, "tel:+1": false, "ftp://x": false, "x+y.z-w:rest": false,
		"1abc:x": true, // a scheme must start with a letter
	}
	for in, want := range tests {
		if got := isRelative([]byte(in)); got != want {
			t.Errorf("isRelative(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestIsDangerousURL(t *testing.T) {
	tests := []struct {
		url   string
		image bool
		want  bool
	}{
		{"javascript:alert(1)", false, true},
		{"JavaScript:alert(1)", false, true},
		{"  javascript:x", false, true},
		{"java\tscript:x", false, true},
		{"java&#115;cript:x", false, true},
		{"vbscript:x", false, true},
		{"file:///etc/passwd", false, true},
		{"data:text/html,x", false, true},
		{"data:image/png;base64,AA", false, true},
		{"data:image/png;base64,AA", true, false},
		{"data:image/svg+xml,x", true, true},
		{"https://example.com", false, false},
		{"mailto:a@b", false, false},
		{"a.md", false, false},
	}
	for _, tt := range tests {
		if got := isDangerousURL([]byte(tt.url), tt.image); got != tt.want {
			t.Errorf("isDangerousURL(%q, image=%v) = %v, want %v", tt.url, tt.image, got, tt.want)
		}
	}
}

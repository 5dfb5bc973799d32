package markdown

import (
	"reflect"
	"strings"
	"testing"
)

func TestSlugify(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Übersicht", "uebersicht"},
		{"Größe & Preis", "groesse-preis"},
		{"Straße für Öl", "strasse-fuer-oel"},
		{"ÄÖÜ äöü ß", "aeoeue-aeoeue-ss"},
		{"  Viel   Platz  ", "viel-platz"},
		{"100 % sicher?!", "100-sicher"},
		{"a--b__c", "a-b-c"},
		{"Café Crème", "cafe-creme"},
		{"Cafe\u0301", "cafe"}, // combining accent
		{"Привет мир", "привет-мир"},
		{"???", "heading"},
		{"", "heading"},
		{"E-Mail-Vorlage: Erstkontakt (B2B)", "e-mail-vorlage-erstkontakt-b2b"},
		{strings.Repeat("wort ", 40), strings.TrimRight(strings.Repeat("wort-", 16), "-")},
	}
	for _, tt := range tests {
		if got := string(slugify(nil, tt.in)); got != tt.want {
			t.Errorf("slugify(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSlugifyLongNonASCIIStaysValid(t *testing.T) {
	got := slugify(nil, strings.Repeat("ж", 100))
	if len(got) > maxIDLen || !strings.HasPrefix(string(got), "жж") || strings.ContainsRune(string(got), '\uFFFD') {
		t.Errorf("slugify(long Cyrillic) = %q (%d bytes)", got, len(got))
	}
}

func TestHeadingIDsUnique(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"duplicates", "## A\n## A\n## A", []string{"a", "a-1", "a-2"}},
		{"explicit suffix taken first", "## A-1\n## A\n## A", []string{"a-1", "a", "a-2"}},
		{"suffix collides later", "## A\n## A\n## A-1", []string{"a", "a-1", "a-1-1"}},
		{"empty headings", "## !\n## ?", []string{"heading", "heading-1"}},
	}
	c := New(Options{Lang: "de"})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := c.Convert([]byte(tt.src), Context{Path: "x.md", Line: 1})
			var got []string
			for _, h := range doc.Headings {
				got = append(got, h.ID)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ids = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestManyEqualHeadingsStayLinear(t *testing.T) {
	src := strings.Repeat("## Gleich\n\n", 20000)
	doc := New(Options{}).Convert([]byte(src), Context{Path: "x.md"})
	if len(doc.Headings) != 20000 || doc.Headings[19999].ID != "gleich-19999" {
		t.Fatalf("got %d headings, last %+v", len(doc.Headings), doc.Headings[len(doc.Headings)-1])
	}
}

func TestDocumentText(t *testing.T) {
	src := `Erster **Absatz** mit [Link](https://example.com)
und zweiter Zeile.

## Einwand: "Zu teuer"

Antwort &amp; Nutzen.

` + "```json\n{\"code\": \"nicht im Text\"}\n```" + `

` + "```script\nHallo {{Vorname}}.\n```" + `

### Unterpunkt

- [ ] Aufgabe
| A | B |
|---|---|
| x | y |
`
	doc := New(Options{Lang: "de", Placeholders: map[string]string{"Vorname": ""}}).
		Convert([]byte(src), Context{Path: "a.md", File: "content/a.md", Line: 5})

	wantHeadings := []Heading{
		{Level: 2, ID: "einwand-zu-teuer", Text: `Einwand: "Zu teuer"`, Line: 8},
		{Level: 3, ID: "unterpunkt", Text: "Unterpunkt", Line: 20},
	}
	if !reflect.DeepEqual(doc.Headings, wantHeadings) {
		t.Errorf("Headings = %+v\nwant %+v", doc.Headings, wantHeadings)
	}
	wantSections := []Section{
		{ID: "", Heading: "", Text: "Erster Absatz mit Link und zweiter Zeile."},
		{ID: "einwand-zu-teuer", Heading: `Einwand: "Zu teuer"`, Text: "Antwort & Nutzen.\nHallo {{Vorname}}."},
		{ID: "unterpunkt", Heading: "Unterpunkt", Text: "Aufgabe\nA\nB\nx\ny"},
	}
	if !reflect.DeepEqual(doc.Sections, wantSections) {
		t.Errorf("Sections = %#v\nwant %#v", doc.Sections, wantSections)
	}
	if doc.Summary != "Erster Absatz mit Link und zweiter Zeile." {
		t.Errorf("Summary = %q", doc.Summary)
	}
	if strings.Contains(doc.Text, "nicht im Text") {
		t.Errorf("code leaked into Text: %q", doc.Text)
	}
	for _, s := range []string{"Erster Absatz", "Einwand", "Hallo {{Vorname}}.", "Aufgabe", "Unterpunkt"} {
		if !strings.Contains(doc.Text, s) {
			t.Errorf("Text lacks %q: %q", s, doc.Text)
		}
	}
}

func TestSummaryFirstTopLevelParagraph(t *testing.T) {
	long := strings.Repeat("Wort ", 100)
	tests := []struct{ name, src, want string }{
		{"after heading", "# Titel\n\nDer erste Absatz.\n\nDer zweite.", "Der erste Absatz."},
		{"skips nested paragraphs", "> Zitat\n\n- Liste\n\nOben.", "Oben."},
		{"none", "# Nur Titel", ""},
		{"cut at a word", long, strings.TrimSpace(strings.Repeat("Wort ", 60)) + "…"},
	}
	c := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := c.Convert([]byte(tt.src), Context{}).Summary
			if got != tt.want {
				t.Errorf("Summary = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCutAtWord(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"kurz", 10, "kurz"},
		{"eins zwei drei", 9, "eins zwei…"},
		{"eins zwei drei", 8, "eins…"},
		{"eins, zwei drei", 11, "eins, zwei…"},
		{"einlangeswort", 5, "einla…"},
		{"äöü äöü äöü", 6, "äöü…"},
	}
	for _, tt := range tests {
		if got := cutAtWord(tt.in, tt.max); got != tt.want {
			t.Errorf("cutAtWord(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
		}
	}
}

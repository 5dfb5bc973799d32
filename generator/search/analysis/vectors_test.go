package analysis

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

const vectorsFile = "../testdata/vectors.json"

// vectors is shared with the browser client: node --test runs the same file
// through search.js (generator/search/js_test/analysis.test.mjs).
type vectors struct {
	// Stem rows are [lang, raw word, folded, term].
	Stem [][4]string `json:"stem"`
	// Fold rows are [lang, raw, folded].
	Fold [][3]string `json:"fold"`
	// Words rows are [lang, text, [[raw, folded, "part"|""]...]].
	Words []wordsCase `json:"words"`
}

type wordsCase struct {
	Lang  string      `json:"lang"`
	Text  string      `json:"text"`
	Words [][3]string `json:"words"`
}

var foldInputs = [][2]string{
	{"de", "Löcher"}, {"de", "Locher"}, {"de", "Loecher"}, {"de", "LOECHER"}, {"de", "Lo\u0308cher"},
	{"de", "Straße"}, {"de", "STRASSE"}, {"de", "Stra\u1e9ee"}, {"de", "Größe"}, {"de", "Groesse"},
	{"de", "Feuer"}, {"de", "teuer"}, {"de", "neue"}, {"de", "Bauer"}, {"de", "Quelle"}, {"de", "bequem"},
	{"de", "Übergabe"}, {"de", "Uebergabe"}, {"de", "Mädchen"}, {"de", "Maedchen"}, {"de", "aktuell"},
	{"de", "Kündigung"}, {"de", "Kuendigung"}, {"de", "Äpfel"}, {"de", "Aepfel"}, {"de", "Goethe"},
	{"de", "Mar\u00adke\u00adting"}, {"de", "Café"}, {"de", "naïve"}, {"de", "Æther"}, {"de", "Œuvre"},
	{"de", "Øresund"}, {"de", "Łódź"}, {"de", "ﬁnal"}, {"de", "x²"}, {"de", "ＡＢＣ"}, {"de", "İstanbul"},
	{"de", "ΣΟΦΙΑ"}, {"de", "Привет"}, {"de", "日本語"}, {"de", "B2B"}, {"de", "Saeule"}, {"de", "Baeume"},
	{"en", "Löcher"}, {"en", "Loecher"}, {"en", "Straße"}, {"en", "Café"}, {"en", "Queue"}, {"en", "Michael"},
	{"de", "Zoë"}, {"de", "Señor"}, {"de", "Ça"}, {"de", "Đuro"}, {"de", "Þór"}, {"de", "ıi"}, {"de", "ǄUNGLA"},
}

var wordsInputs = [][2]string{
	{"de", "Wir haben kein Budget."},
	{"de", "Das Marketing-Budget ist weg, sagt der Chef."},
	{"de", "E-Mail an die Vor-Ort-Termin-Liste"},
	{"de", "Mar\u00adke\u00adting\u00ad-Bud\u00adget"},
	{"de", "Trennung – mit Gedankenstrich - und  -Minus-"},
	{"de", "Preis: 2.500 € (zzgl. MwSt.), d.h. 10% Rabatt"},
	{"de", "„Das ist zu teuer.“ – ‚Wirklich?‘"},
	{"de", "Rückruf\u200bbitte; Straße/Hausnummer"},
	{"de", "Lo\u0308cher und Lö\u00adcher"},
	{"en", "Don't call the vendor's mailbox before 9am."},
	{"en", "state-of-the-art follow\u2010up non\u2011stop"},
	{"de", "ﬁnanzielle Gründe, x² und ½ Liter"},
	{"de", "Emoji 😀 dazwischen😀ohne Leerzeichen"},
	{"de", "日本語のテキスト и русский текст"},
	{"de", strings.Repeat("a", 61) + " kurz " + strings.Repeat("b", 60)},
	{"de", "--- -x- x- -x a--b"},
}

func stemWords(t *testing.T, file string) []string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Fields(string(data))
}

var suffixes = map[string][]string{
	"de": {"e", "en", "er", "ern", "em", "es", "s", "est", "st", "lich", "ig", "ung", "heit", "keit", "isch", "end", "nis", "nisse", "ik", "igkeit", "lichen"},
	"en": {"s", "es", "ed", "ing", "ly", "ness", "ful", "ation", "ational", "izer", "ement", "ment", "able", "ible", "ive", "ize", "iti", "al", "er", "ous", "ance", "ence", "li", "bli", "ogi", "y", "eed", "eedly", "ingly", "edly", "ies", "ied", "sses", "fulness", "ousness", "iveness", "aliti", "biliti", "alli", "entli", "ousli", "icate", "ative", "alize", "iciti", "ical"},
}

func buildVectors(t *testing.T) vectors {
	var v vectors
	for _, lang := range []string{"de", "en"} {
		words := stemWords(t, "../testdata/words-"+lang+".txt")
		seen := map[string]bool{}
		add := func(w string) {
			if seen[w] {
				return
			}
			seen[w] = true
			f := Fold(lang, w)
			v.Stem = append(v.Stem, [4]string{lang, w, f, Stem(lang, f)})
		}
		for _, w := range words {
			add(w)
		}
		// Suffix variants reach every rule of the stemmers.
		for i, w := range words {
			if i%6 != 0 {
				continue
			}
			f := Fold(lang, w)
			for _, s := range suffixes[lang] {
				add(f + s)
			}
		}
	}
	for _, in := range foldInputs {
		v.Fold = append(v.Fold, [3]string{in[0], in[1], Fold(in[0], in[1])})
	}
	for _, in := range wordsInputs {
		c := wordsCase{Lang: in[0], Text: in[1], Words: [][3]string{}}
		Words(in[0], in[1], true, func(w Word) {
			part := ""
			if w.Part {
				part = "part"
			}
			c.Words = append(c.Words, [3]string{in[1][w.Start:w.End], w.Folded, part})
		})
		v.Words = append(v.Words, c)
	}
	return v
}

// TestVectors checks the committed vectors against this package; with
// -update it rewrites them. The same file is run through the JS client.
func TestVectors(t *testing.T) {
	got := buildVectors(t)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(got); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(vectorsFile, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(vectorsFile)
	if err != nil {
		t.Fatal(err)
	}
	var want vectors
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	if len(want.Stem) < 300 {
		t.Fatalf("only %d stem vectors", len(want.Stem))
	}
	for _, row := range want.Stem {
		if f := Fold(row[0], row[1]); f != row[2] {
			t.Errorf("Fold(%s, %q) = %q, want %q", row[0], row[1], f, row[2])
		}
		if s := Stem(row[0], row[2]); s != row[3] {
			t.Errorf("Stem(%s, %q) = %q, want %q", row[0], row[2], s, row[3])
		}
	}
	for _, row := range want.Fold {
		if f := Fold(row[0], row[1]); f != row[2] {
			t.Errorf("Fold(%s, %q) = %q, want %q", row[0], row[1], f, row[2])
		}
	}
	if !bytes.Equal(buf.Bytes(), data) {
		t.Errorf("%s is stale: run go test -update", vectorsFile)
	}
}

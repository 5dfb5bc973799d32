package analysis

import (
	"reflect"
	"strings"
	"testing"
)

func TestFold(t *testing.T) {
	tests := []struct {
		lang, in, want string
	}{
		{"de", "Löcher", "locher"},
		{"de", "Loecher", "locher"},
		{"de", "LOECHER", "locher"},
		{"de", "Lo\u0308cher", "locher"}, // decomposed umlaut
		{"de", "Straße", "strasse"},
		{"de", "STRASSE", "strasse"},
		{"de", "Stra\u1e9ee", "strasse"}, // capital sharp s
		{"de", "Kuendigung", "kundigung"},
		{"de", "Übergabe", "ubergabe"},
		{"de", "Äpfel", "apfel"},
		{"de", "Feuer", "feuer"},   // ue after a vowel stays
		{"de", "teuer", "teuer"},   // so "zu teuer" is not folded to "teur"
		{"de", "Bauer", "bauer"},   // au-e
		{"de", "Quelle", "quelle"}, // ue after q stays
		{"de", "bequem", "bequem"},
		{"de", "Saeule", "saule"},
		{"de", "Mar\u00adke\u00adting", "marketing"}, // soft hyphens vanish
		{"de", "Café", "cafe"},
		{"de", "ﬁnal", "final"},
		{"de", "ＡＢＣ", "abc"},
		{"de", "Øre", "ore"},
		{"de", "Þór", "thor"},
		{"en", "Loecher", "loecher"}, // no digraph folding in English
		{"en", "Queue", "queue"},
		{"en", "Löcher", "locher"},
		{"de", "日本語", "日本語"},
		{"de", "", ""},
		{"de", "\xff\xfe", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.lang, tt.in); got != tt.want {
			t.Errorf("Fold(%s, %q) = %q, want %q", tt.lang, tt.in, got, tt.want)
		}
	}
}

func TestThreeSpellingsMeet(t *testing.T) {
	for _, group := range [][]string{
		{"Löcher", "Locher", "Loecher"},
		{"Kündigung", "Kuendigung", "Kundigung", "KÜNDIGUNG"},
		{"Größe", "Groesse", "Grösse", "GROESSE"},
		{"Außendienst", "Aussendienst", "AUSSENDIENST"},
		{"Einwände", "Einwaende", "Einwande"},
	} {
		want := Term("de", group[0])
		for _, w := range group[1:] {
			if got := Term("de", w); got != want {
				t.Errorf("Term(%q) = %q, Term(%q) = %q", group[0], want, w, got)
			}
		}
	}
}

func TestStem(t *testing.T) {
	tests := []struct{ lang, in, want string }{
		{"de", "budgets", "budget"},
		{"de", "einwande", "einwand"},
		{"de", "kundigungen", "kundig"},
		{"de", "keine", "kein"},
		{"de", "b2b", "b2b"},       // digits: not stemmed
		{"de", "привет", "привет"}, // other scripts: not stemmed
		{"en", "running", "run"},
		{"en", "objections", "object"},
		{"en", "generously", "generous"},
	}
	for _, tt := range tests {
		if got := Stem(tt.lang, tt.in); got != tt.want {
			t.Errorf("Stem(%s, %q) = %q, want %q", tt.lang, tt.in, got, tt.want)
		}
	}
}

func collect(lang, text string) []string {
	var out []string
	Words(lang, text, true, func(w Word) {
		s := w.Folded
		if w.Part {
			s = "+" + s
		}
		out = append(out, s)
	})
	return out
}

func TestWords(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Wir haben kein Budget.", []string{"wir", "haben", "kein", "budget"}},
		{"Marketing-Budget", []string{"marketingbudget", "+marketing", "+budget"}},
		{"Vor-Ort-Termin", []string{"vororttermin", "+vor", "+ort", "+termin"}},
		{"Mar\u00adke\u00adting\u00ad-Budget", []string{"marketingbudget", "+marketing", "+budget"}},
		{"follow\u2010up", []string{"followup", "+follow", "+up"}},
		{"Gedanken – Strich", []string{"gedanken", "strich"}}, // en dash separates
		{"-x- a--b", []string{"x", "a", "b"}},
		{"zu teuer!", []string{"zu", "teuer"}},
		{"Rück\u200bruf", []string{"ruckruf"}}, // zero-width space is a format char
		{"", nil},
		{strings.Repeat("x", MaxWordRunes+1) + " ok", []string{"ok"}},
	}
	for _, tt := range tests {
		if got := collect("de", tt.text); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Words(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestWordsOffsets(t *testing.T) {
	text := "„Das ist zu teuer“ – Löcher-Prüfung"
	Words("de", text, true, func(w Word) {
		if w.Start < 0 || w.End > len(text) || w.Start >= w.End {
			t.Fatalf("bad span %d:%d", w.Start, w.End)
		}
		if got := Fold("de", strings.ReplaceAll(text[w.Start:w.End], "-", "")); got != w.Folded {
			t.Errorf("span %q folds to %q, word says %q", text[w.Start:w.End], got, w.Folded)
		}
	})
}

func TestSplit(t *testing.T) {
	vocab := map[string]string{}
	for _, w := range strings.Fields("marketing budget budgets jahr analyse bedarf kunde termin preis verhandlung netz gerat netzgerat partner ansprech arbeit zusammen box mail schrift unter") {
		vocab[w] = Stem("de", w)
	}
	s := NewSplitter(vocab)
	tests := []struct {
		in   string
		want []string
	}{
		{"marketingbudget", []string{"marketing", "budget"}},
		{"marketingbudgets", []string{"marketing", "budgets"}},
		{"marketingbudgeten", []string{"marketing", "budgeten"}}, // inflected last part, by stem
		{"bedarfsanalyse", []string{"bedarf", "analyse"}},        // linking s
		{"kundentermin", []string{"kunde", "termin"}},            // linking n
		{"preisverhandlung", []string{"preis", "verhandlung"}},
		{"ansprechpartner", []string{"ansprech", "partner"}},
		{"zusammenarbeit", []string{"zusammen", "arbeit"}},
		{"hochspannungsnetzgerat", []string{"netzgerat"}}, // unknown modifier: head only
		{"unterschrift", []string{"unter", "schrift"}},
		{"mailbox", nil},     // too short to split
		{"budget", nil},      // a known word alone is no compound
		{"verhandlung", nil}, // no known parts
		{"xyzbudget", nil},   // rest shorter than MinPart... "xyz" (3) + head
		{"kündigung", nil},   // not folded: ignored
		{"", nil},
	}
	for _, tt := range tests {
		if got := s.Split(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Split(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLang(t *testing.T) {
	for in, want := range map[string]string{"de": "de", "de-AT": "de", "DE_ch": "de", "en": "en", "": "en", "dex": "en", "fr": "en"} {
		if got := Lang(in); got != want {
			t.Errorf("Lang(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzWords(f *testing.F) {
	for _, s := range []string{"Wir haben kein Budget", "Marketing-Budget", "a\u00ad-b", "Lo\u0308cher", "\xff-\xfe", "x-\u200b-y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, lang := range []string{"de", "en"} {
			Words(lang, text, true, func(w Word) {
				if w.Start < 0 || w.End > len(text) || w.Start >= w.End || w.Folded == "" {
					t.Fatalf("bad word %+v in %q", w, text)
				}
				_ = Stem(lang, w.Folded)
			})
		}
	})
}

// referenceFold is the plain definition of Fold: NFKD for every word and a
// string-based digraph rule, without the fast paths.
func referenceFold(lang, raw string) string {
	var b strings.Builder
	foldSlow(&b, raw)
	s := b.String()
	if lang != "de" {
		return s
	}
	var out []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		out = append(out, c)
		if (c == 'a' || c == 'o' || c == 'u') && i+1 < len(s) && s[i+1] == 'e' && (i == 0 || foldsAfter(s[i-1], c)) {
			i++
		}
	}
	return string(out)
}

func FuzzFoldPaths(f *testing.F) {
	for _, s := range []string{"Loecher", "aeae", "uee", "queue", "Bäume", "Straße", "ÆØÅ", "Ǆ", "x\u0308", "\xff", "İ", "aaee", "ouee"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		for _, lang := range []string{"de", "en"} {
			if got, want := Fold(lang, raw), referenceFold(lang, raw); got != want {
				t.Fatalf("Fold(%s, %q) = %q, reference %q", lang, raw, got, want)
			}
		}
	})
}

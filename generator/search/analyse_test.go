package search

import (
	"slices"
	"strings"
	"testing"

	"playbook/generator/search/analysis"
)

// refAnalyse is the page analysis done the plain way, word by word through
// analysis.Scan and AppendFold: what the fast path must equal.
func refAnalyse(lang uint8, d *Doc) (words []string, displays []string, tfs [][numFields]uint16, lens [numFields]int32) {
	index := map[string]int{}
	for field, text := range docTexts(d) {
		analysis.Scan(text, true, func(raw string, start, end int, part bool) {
			key := analysis.AppendFold(nil, langNames[lang], raw)
			if len(key) == 0 || !analysis.KeepFolded(string(key)) {
				return
			}
			if !part {
				lens[field]++
			}
			k, ok := index[string(key)]
			if !ok {
				k = len(words)
				index[string(key)] = k
				words = append(words, string(key))
				displays = append(displays, dropFormatLower(text[start:end]))
				tfs = append(tfs, [numFields]uint16{})
			}
			if tfs[k][field] < 0xffff {
				tfs[k][field]++
			}
		})
	}
	return
}

func dropFormatLower(s string) string {
	return strings.Map(dropFormat, strings.ToLower(s))
}

func FuzzAnalyse(f *testing.F) {
	for _, s := range []string{
		"Kein Budget für das Marketing-Budget", "Löcher Loecher Locher", "Straße STRASSE straße", "neue Feuer Quelle",
		"Bud\u00adget Bud\u00ad-get a-\u00adb", "x-", "-x", "a--b", "ﬁnden ²", "Ærø œuvre ı", "Ça va? «Oui» ±3", "日本語 テキスト",
		"\xff\xfe bad utf8", "Zeit\u200bpunkt", "ab\u0301c", "Ende-", "e-Mail E-Mail-Adresse", "aeoeue AE OE UE qu que",
	} {
		f.Add(s, s+" zwei", true)
	}
	f.Fuzz(func(t *testing.T, title, body string, de bool) {
		lang := uint8(langEN)
		if de {
			lang = langDE
		}
		d := &Doc{Title: title, Sections: []Section{{Heading: body, Text: title + " " + body}}}
		a := (&analyser{}).analyse(lang, d)
		words, displays, tfs, lens := refAnalyse(lang, d)
		if a.lens != lens {
			t.Fatalf("lens %v, want %v", a.lens, lens)
		}
		if len(a.entries) != len(words) {
			t.Fatalf("%d words, want %d", len(a.entries), len(words))
		}
		for k := range words {
			if a.word(k) != words[k] || a.display(k) != displays[k] || a.entries[k].tf != tfs[k] {
				t.Fatalf("word %d: %q %q %v, want %q %q %v", k, a.word(k), a.display(k), a.entries[k].tf, words[k], displays[k], tfs[k])
			}
			if a.entries[k].hash != fnv32([]byte(words[k])) {
				t.Fatalf("word %q: wrong hash", words[k])
			}
		}
	})
}

func TestAnalyseTable(t *testing.T) {
	d := &Doc{Title: "Kein Budget", Summary: "Marketing-Budget und BUDGET", Sections: []Section{{Heading: "Löcher", Text: "Loecher, Zeit\u00adpunkt."}}}
	a := (&analyser{}).analyse(langDE, d)
	var got []string
	for k := range a.entries {
		got = append(got, a.word(k)+"/"+a.display(k))
	}
	want := []string{"kein/kein", "budget/budget", "marketingbudget/marketing-budget", "marketing/marketing", "und/und", "locher/löcher", "zeitpunkt/zeitpunkt"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

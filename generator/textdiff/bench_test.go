package textdiff

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// script is a German-looking text of n words with punctuation, line
// breaks and placeholders.
func script(rng *rand.Rand, n int) string {
	words := strings.Fields("der die das und ist nicht Kunde Preis Angebot Nutzen Termin Frage " +
		"Lösung Einwand verstehe gern Ihnen wir Sie schicke Übersicht Monat Zeit sparen " +
		"Vertrag Laufzeit günstig teuer Rabatt Qualität Service schnell Team Woche")
	var sb strings.Builder
	for i := range n {
		switch {
		case rng.IntN(40) == 0:
			sb.WriteString("{{Vorname}}")
		case rng.IntN(3) == 0:
			// A rarer word, so that texts are not built from 30 words only.
			sb.WriteString(words[rng.IntN(len(words))])
			sb.WriteString(strings.Repeat("e", rng.IntN(4)))
		default:
			sb.WriteString(words[rng.IntN(len(words))])
		}
		switch {
		case i%12 == 11:
			sb.WriteString(".\n")
		case rng.IntN(8) == 0:
			sb.WriteString(", ")
		default:
			sb.WriteByte(' ')
		}
	}
	return sb.String()
}

// edit replaces a share of the words of s with others.
func edit(rng *rand.Rand, s string, share float64) string {
	toks := tokenize(s)
	other := tokenize(script(rng, len(toks)))
	for i := range toks {
		if isWord([]rune(toks[i])[0]) && rng.Float64() < share {
			toks[i] = other[rng.IntN(len(other))]
		}
	}
	return strings.Join(toks, "")
}

// BenchmarkWords diffs 2,000-word scripts.
func BenchmarkWords(b *testing.B) {
	rng := rand.New(rand.NewPCG(5, 6))
	old := script(rng, 2000)
	for _, bc := range []struct {
		name string
		new  string
	}{
		{"few-edits", edit(rng, old, 0.01)},
		{"half-rewritten", edit(rng, old, 0.5)},
		{"unrelated", script(rng, 2000)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				Words(old, bc.new)
			}
		})
	}
}

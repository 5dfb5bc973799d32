package analysis

import (
	snowball "github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"
	"github.com/blevesearch/snowballstem/german"
)

// Stem reduces a folded word to its search term with the Snowball stemmer
// of lang ("de" German, anything else English). Only words of the letters
// a–z are stemmed; words with digits or other scripts stay as they are, so
// the client's stemmer only ever sees ASCII.
func Stem(lang, folded string) string {
	if !isLowerAlpha(folded) {
		return folded
	}
	env := snowball.NewEnv(folded)
	if lang == "de" {
		german.Stem(env)
	} else {
		english.Stem(env)
	}
	return env.Current()
}

// Term folds and stems one raw word.
func Term(lang, raw string) string {
	return Stem(lang, Fold(lang, raw))
}

func isLowerAlpha(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// Lang returns the analyser language for a configured language tag:
// "de" for any German tag ("de", "de-AT", "de_CH"), else "en".
func Lang(tag string) string {
	if len(tag) >= 2 && (tag[0] == 'd' || tag[0] == 'D') && (tag[1] == 'e' || tag[1] == 'E') && (len(tag) == 2 || tag[2] == '-' || tag[2] == '_') {
		return "de"
	}
	return "en"
}

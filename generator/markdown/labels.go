package markdown

import (
	"fmt"
	"strconv"
)

// labels are the interface words the converter writes into the HTML.
type labels struct {
	script   string
	copy     string
	timeHint string // format: words per minute, word count, word noun
	word     string // singular and plural of "word" for timeHint
	words    string
	alerts   map[string]string
}

var labelsDE = labels{
	script:   "Skript",
	copy:     "Kopieren",
	timeHint: "Geschätzte Sprechzeit bei %d Wörtern pro Minute (%d %s)",
	word:     "Wort",
	words:    "Wörter",
	alerts: map[string]string{
		"note": "Hinweis", "tip": "Tipp", "important": "Wichtig", "warning": "Warnung", "caution": "Vorsicht",
	},
}

var labelsEN = labels{
	script:   "Script",
	copy:     "Copy",
	timeHint: "Estimated speaking time at %d words per minute (%d %s)",
	word:     "word",
	words:    "words",
	alerts: map[string]string{
		"note": "Note", "tip": "Tip", "important": "Important", "warning": "Warning", "caution": "Caution",
	},
}

// timeTitle is the tooltip of a script's speaking time.
func (l *labels) timeTitle(wpm, words int) string {
	noun := l.words
	if words == 1 {
		noun = l.word
	}
	return fmt.Sprintf(l.timeHint, wpm, words, noun)
}

func labelsFor(lang string) *labels {
	if lang == "de" {
		return &labelsDE
	}
	return &labelsEN
}

// stringWriter is what both util.BufWriter and bytes.Buffer offer.
type stringWriter interface {
	WriteString(s string) (int, error)
	WriteByte(c byte) error
}

// writeEscaped writes s with &, <, >, " and ' escaped, so it is safe in text
// and in quoted attribute values.
func writeEscaped(w stringWriter, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '"':
			esc = "&quot;"
		case '\'':
			esc = "&#39;"
		default:
			continue
		}
		_, _ = w.WriteString(s[last:i])
		_, _ = w.WriteString(esc)
		last = i + 1
	}
	_, _ = w.WriteString(s[last:])
}

func itoa(n int) string { return strconv.Itoa(n) }

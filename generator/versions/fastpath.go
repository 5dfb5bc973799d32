package versions

import (
	"bytes"
	"slices"

	"playbook/generator/markdown"
)

// Most edits of a pitch or voicemail change its scripts and nothing else.
// Such an old version renders as the current page with other script
// cards, so instead of converting the whole old body this file converts
// only the changed scripts and splices their cards into the current HTML.
// It applies only where it provably gives what a full conversion would:
// every script fence opens at the start of a line, outside any container,
// the current document has exactly the scripts the scan finds, and the
// old body differs from the current one only inside script fences, in
// lines that cannot end a fence.

// fenceScan is a body cut at its script fences: skel holds the text
// around the fences' contents (len(scripts)+1 pieces), scripts the raw
// content of each script fence.
type fenceScan struct {
	skel    [][]byte
	scripts [][]byte
}

// scanScripts cuts body at its top-level script fences. ok is false when
// the body holds anything the scan does not model exactly: a fence opened
// after indentation, a backtick fence whose info string has a backtick, an
// unclosed fence, or fence-like lines inside a script.
func scanScripts(body []byte) (fenceScan, bool) {
	var fs fenceScan
	last := 0     // start of the current skeleton piece
	var open byte // fence character while inside a fence, else 0
	n := 0        // length of the opening run
	script := false
	contentStart := 0
	for off := 0; off < len(body); {
		end := bytes.IndexByte(body[off:], '\n')
		next := len(body)
		if end >= 0 {
			end += off
			next = end + 1
		} else {
			end = len(body)
		}
		line := body[off:end]
		ind := 0
		for ind < len(line) && ind < 4 && line[ind] == ' ' {
			ind++
		}
		c, run := fenceRun(line[min(ind, len(line)):])
		switch {
		case open == 0 && run >= 3 && ind == 0:
			info := bytes.TrimSpace(line[run:])
			if c == '`' && bytes.IndexByte(info, '`') >= 0 {
				return fs, false
			}
			open, n = c, run
			word := info
			if i := bytes.IndexAny(word, " \t"); i >= 0 {
				word = word[:i]
			}
			script = bytes.EqualFold(word, []byte("script"))
			if script {
				fs.skel = append(fs.skel, body[last:next])
				contentStart = next
			}
		case open == 0 && run >= 3 && ind < 4:
			return fs, false // an indented fence: the scan does not model it
		case open != 0 && c == open && run >= n && ind < 4 && len(bytes.TrimRight(line[ind+run:], " \t")) == 0:
			if script {
				fs.scripts = append(fs.scripts, body[contentStart:off])
				last = off
			}
			open = 0
		case open != 0 && script && run >= 3 && ind < 4:
			return fs, false // a line that might close the fence in another version
		}
		off = next
	}
	if open != 0 {
		return fs, false
	}
	fs.skel = append(fs.skel, body[last:])
	return fs, true
}

// fenceRun returns the fence character at the start of s and how many
// times it repeats, or 0, 0.
func fenceRun(s []byte) (byte, int) {
	if len(s) == 0 || s[0] != '`' && s[0] != '~' {
		return 0, 0
	}
	n := 1
	for n < len(s) && s[n] == s[0] {
		n++
	}
	return s[0], n
}

// scriptText is a fence's content as markdown.Script.Text has it.
func scriptText(content []byte) string {
	return string(bytes.TrimRight(content, " \t\n"))
}

// current is the current document prepared for splicing: its scan and
// the byte ranges of its script cards in its HTML.
type spliceBase struct {
	doc   *markdown.Document
	scan  fenceScan
	cards [][2]int
}

var (
	cardOpen  = []byte(`<figure class="script"`)
	cardClose = []byte("</figure>\n")
)

// newSpliceBase checks that doc is what body's scan predicts; nil when it
// is not and old versions must be converted in full.
func newSpliceBase(body []byte, doc *markdown.Document) *spliceBase {
	if doc == nil || len(doc.Scripts) == 0 {
		return nil
	}
	scan, ok := scanScripts(body)
	if !ok || len(scan.scripts) != len(doc.Scripts) {
		return nil
	}
	for i, s := range scan.scripts {
		if scriptText(s) != doc.Scripts[i].Text {
			return nil
		}
	}
	b := &spliceBase{doc: doc, scan: scan}
	for off := 0; ; {
		i := bytes.Index(doc.HTML[off:], cardOpen)
		if i < 0 {
			break
		}
		j := bytes.Index(doc.HTML[off+i:], cardClose)
		if j < 0 {
			return nil
		}
		b.cards = append(b.cards, [2]int{off + i, off + i + j + len(cardClose)})
		off += i + j + len(cardClose)
	}
	if len(b.cards) != len(doc.Scripts) {
		return nil // a card-like text elsewhere in the page
	}
	return b
}

// splice returns the document of an old body that differs from the base
// only in its scripts, converting just the changed scripts; false when
// the bodies differ elsewhere.
func (b *spliceBase) splice(old []byte, conv Converter, ctx markdown.Context) (*markdown.Document, bool) {
	scan, ok := scanScripts(old)
	if !ok || len(scan.skel) != len(b.scan.skel) {
		return nil, false
	}
	for i := range scan.skel {
		if !bytes.Equal(scan.skel[i], b.scan.skel[i]) {
			return nil, false
		}
	}
	doc := *b.doc
	doc.Scripts = slices.Clone(b.doc.Scripts)
	doc.Diags = nil
	var html []byte
	last := 0
	for i, s := range scan.scripts {
		if bytes.Equal(s, b.scan.scripts[i]) {
			continue
		}
		src := make([]byte, 0, len(s)+16)
		src = append(append(append(src, "```script\n"...), s...), "```\n"...)
		card := conv.Convert(src, ctx)
		if len(card.Scripts) != 1 || !bytes.HasPrefix(card.HTML, cardOpen) || !bytes.HasSuffix(card.HTML, cardClose) {
			return nil, false
		}
		html = append(append(html, b.doc.HTML[last:b.cards[i][0]]...), card.HTML...)
		last = b.cards[i][1]
		doc.Scripts[i] = card.Scripts[0]
	}
	doc.HTML = append(html, b.doc.HTML[last:]...)
	doc.Placeholders = nil
	for _, s := range doc.Scripts {
		for _, p := range s.Placeholders {
			if !slices.Contains(doc.Placeholders, p) {
				doc.Placeholders = append(doc.Placeholders, p)
			}
		}
	}
	return &doc, true
}

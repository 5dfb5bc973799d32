package content

import (
	"bytes"
	"unicode/utf8"

	"playbook/generator/diag"
)

// Split normalises a Markdown file and separates its front matter from its
// body. path is the slash path relative to content/; diagnostics name
// "content/"+path.
//
// Normalising drops a leading UTF-8 BOM and turns CRLF and lone CR line ends
// into LF, so every later line number is the line an editor shows. Front
// matter must start on the first line: a line holding just "+++" (TOML) or
// "---" (YAML), trailing spaces allowed, closed by the next line holding the
// same delimiter. The returned slices may share memory with data.
//
// With no errors, opening delimiter line + "\n" + Front + closing delimiter
// line (+ "\n" when the file goes on) + Body is the normalised input.
func Split(path string, data []byte) (Source, diag.List) {
	src := Source{Path: path, BodyLine: 1}
	file := "content/" + path
	data = normalize(data)

	// A NUL never appears in text an author typed; checking it before UTF-8
	// gives the clearer message for images or archives named *.md.
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return Source{Path: path}, diag.List{diag.Errorf(diag.Pos{File: file, Line: lineAt(data, i)},
			"binary file: a Markdown page must be text, but this file holds NUL bytes")}
	}
	if !utf8.Valid(data) {
		i := firstInvalid(data)
		return Source{Path: path}, diag.List{diag.Errorf(diag.Pos{File: file, Line: lineAt(data, i)},
			"file is not valid UTF-8 (byte 0x%02x at offset %d): save it as UTF-8", data[i], i)}
	}

	first, rest, hasNL := cutLine(data)
	var delim string
	switch string(bytes.TrimRight(first, " \t")) {
	case "+++":
		src.Format, delim = TOML, "+++"
	case "---":
		src.Format, delim = YAML, "---"
	default:
		src.Body = data
		return src, nil
	}
	if !hasNL {
		return Source{Path: path, Format: src.Format}, unterminated(file, delim)
	}

	// Scan the following lines for the closing delimiter.
	line := 2
	for off := 0; off < len(rest); line++ {
		l, after, nl := cutLine(rest[off:])
		if string(bytes.TrimRight(l, " \t")) == delim {
			src.Front = rest[:off]
			src.FrontLine = 2
			src.BodyLine = line + 1
			if nl {
				src.Body = after
			} else {
				src.Body = rest[len(rest):]
			}
			return src, nil
		}
		off += len(l)
		if nl {
			off++
		}
	}
	return Source{Path: path, Format: src.Format}, unterminated(file, delim)
}

func unterminated(file, delim string) diag.List {
	return diag.List{diag.Errorf(diag.Pos{File: file, Line: 1},
		"front matter opened with %q on line 1 is never closed: add a line holding just %q after the last field", delim, delim)}
}

// cutLine splits off the first line (without its LF). hasNL reports whether
// the line ended in LF.
func cutLine(b []byte) (line, rest []byte, hasNL bool) {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i], b[i+1:], true
	}
	return b, nil, false
}

// normalize drops a UTF-8 BOM and converts CRLF and CR to LF. It copies only
// when there is a CR to replace.
func normalize(b []byte) []byte {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	i := bytes.IndexByte(b, '\r')
	if i < 0 {
		return b
	}
	out := make([]byte, 0, len(b))
	out = append(out, b[:i]...)
	for ; i < len(b); i++ {
		c := b[i]
		if c != '\r' {
			out = append(out, c)
			continue
		}
		out = append(out, '\n')
		if i+1 < len(b) && b[i+1] == '\n' {
			i++
		}
	}
	return out
}

// lineAt is the 1-based line of byte offset i in LF-normalised text.
func lineAt(b []byte, i int) int {
	return bytes.Count(b[:i], []byte{'\n'}) + 1
}

// firstInvalid returns the offset of the first byte that does not start a
// valid UTF-8 sequence; the caller knows there is one.
func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

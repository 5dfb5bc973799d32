package render

import (
	"bytes"
	"strings"
)

// A workshop's handout prints several pages in one document, so their
// heading ids ("nachfragen" on every objection page), footnote ids and task
// ids would collide. scope rewrites one page's HTML for its place in the
// handout: every id and task id gets the page's prefix ("handout-2-"),
// fragment links follow, and links to pages of the same handout become
// links into it.

// scope rewrites html, inside tags only: id and data-task values get
// prefix+"-", href="#x" becomes href="#prefix-x", and an href to a page in
// local (base-rooted URL -> that page's prefix) becomes "#prefix" or
// "#prefix-fragment".
func scope(html []byte, prefix string, local map[string]string) []byte {
	var b bytes.Buffer
	b.Grow(len(html) + len(html)/16)
	i := 0
	for i < len(html) {
		lt := bytes.IndexByte(html[i:], '<')
		if lt < 0 {
			b.Write(html[i:])
			break
		}
		b.Write(html[i : i+lt])
		i += lt
		switch {
		case bytes.HasPrefix(html[i:], []byte("<!--")):
			end := bytes.Index(html[i+4:], []byte("-->"))
			if end < 0 {
				b.Write(html[i:])
				return b.Bytes()
			}
			b.Write(html[i : i+4+end+3])
			i += 4 + end + 3
		case i+1 < len(html) && isLetter(html[i+1]):
			name, n := scopeTag(&b, html[i:], prefix, local)
			i += n
			if name == "script" || name == "style" { // raw text (only with unsafe_html)
				end := indexFold(html[i:], "</"+name)
				if end < 0 {
					end = len(html) - i
				}
				b.Write(html[i : i+end])
				i += end
			}
		default:
			b.WriteByte('<')
			i++
		}
	}
	return b.Bytes()
}

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func indexFold(s []byte, sub string) int {
	return strings.Index(strings.ToLower(string(s)), sub)
}

// scopeTag copies the start tag at the front of s, rewriting its attributes,
// and returns the tag name (lower case) and the bytes consumed.
func scopeTag(b *bytes.Buffer, s []byte, prefix string, local map[string]string) (string, int) {
	i := 1
	for i < len(s) && !isSpace(s[i]) && s[i] != '>' && s[i] != '/' {
		i++
	}
	name := strings.ToLower(string(s[1:i]))
	b.Write(s[:i])
	for i < len(s) {
		c := s[i]
		if c == '>' {
			b.WriteByte(c)
			return name, i + 1
		}
		if isSpace(c) || c == '/' {
			b.WriteByte(c)
			i++
			continue
		}
		// An attribute: name, then optionally = and a value.
		start := i
		for i < len(s) && !isSpace(s[i]) && s[i] != '=' && s[i] != '>' && s[i] != '/' {
			i++
		}
		attr := strings.ToLower(string(s[start:i]))
		b.Write(s[start:i])
		if i >= len(s) || s[i] != '=' {
			continue
		}
		b.WriteByte('=')
		i++
		var val []byte
		quote := byte(0)
		if i < len(s) && (s[i] == '"' || s[i] == '\'') {
			quote = s[i]
			end := bytes.IndexByte(s[i+1:], quote)
			if end < 0 {
				b.Write(s[i:])
				return name, len(s)
			}
			val = s[i+1 : i+1+end]
			i += end + 2
		} else {
			vs := i
			for i < len(s) && !isSpace(s[i]) && s[i] != '>' {
				i++
			}
			val = s[vs:i]
		}
		out := scopeValue(attr, string(val), prefix, local)
		if quote == 0 {
			if out == string(val) {
				b.Write(val)
				continue
			}
			quote = '"'
			if strings.ContainsRune(out, '"') {
				out = strings.ReplaceAll(out, `"`, "&#34;") // not valid HTML anyway; keep the tag closed
			}
		}
		b.WriteByte(quote)
		b.WriteString(out)
		b.WriteByte(quote)
	}
	return name, len(s)
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

func scopeValue(attr, v, prefix string, local map[string]string) string {
	switch attr {
	case "id", "data-task":
		if v != "" {
			return prefix + "-" + v
		}
	case "href":
		if frag, ok := strings.CutPrefix(v, "#"); ok {
			if frag == "" {
				return v
			}
			return "#" + prefix + "-" + frag
		}
		u, frag, hasFrag := strings.Cut(v, "#")
		if p, ok := local[u]; ok {
			if hasFrag && frag != "" {
				return "#" + p + "-" + frag
			}
			return "#" + p
		}
	}
	return v
}

package markdown

import (
	"bytes"
	"net/url"
	"path"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// linkExtension checks and rewrites link and image destinations: relative
// ones go through the Resolver, dangerous schemes are emptied in any mode.
type linkExtension struct{}

func (e linkExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(e, 120)))
}

// linkFix is a dangerous autolink to replace after the walk.
type linkFix struct {
	node  *ast.AutoLink
	label []byte
}

func (e linkExtension) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	st := stateOf(pc)
	if st == nil {
		return
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			n.Destination = st.resolve(n, n.Destination, false)
		case *ast.Image:
			n.Destination = st.resolve(n, n.Destination, true)
		case *ast.AutoLink:
			if isDangerousURL(n.URL(st.src), false) {
				st.linkTargets = append(st.linkTargets, linkFix{n, n.Label(st.src)})
			}
		case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.CodeSpan, *scriptBlock:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	// An autolink's URL is its source text, so a dangerous one becomes a
	// link with an empty destination and the same label.
	for _, f := range st.linkTargets {
		l := ast.NewLink()
		l.AppendChild(l, ast.NewString(f.label))
		l.SetPos(f.node.Pos())
		f.node.Parent().ReplaceChild(f.node.Parent(), f.node, l)
	}
}

// resolve returns the destination to render for a link or image node.
func (st *docState) resolve(n ast.Node, dest []byte, image bool) []byte {
	if isDangerousURL(dest, image) {
		return nil
	}
	r := st.ctx.Resolver
	if r != nil && len(dest) > 1 && dest[0] == '#' {
		// A link into this page: recorded so the site checks the anchor
		// against this page's own headings, as it does for other pages.
		anchor := string(appendUnescaped(nil, dest[1:]))
		if dec, err := url.PathUnescape(anchor); err == nil {
			anchor = dec
		}
		st.doc.Links = append(st.doc.Links, Link{Target: st.ctx.Path, Anchor: anchor, Line: st.pos(inlinePos(n)).Line})
		return dest
	}
	if r == nil || !isRelative(dest) {
		return dest
	}
	written := string(dest)
	raw := string(appendUnescaped(nil, dest))
	p, rawAnchor, hasAnchor := strings.Cut(raw, "#")
	p, query, hasQuery := strings.Cut(p, "?")
	if dec, err := url.PathUnescape(p); err == nil {
		p = dec
	}
	anchor := rawAnchor
	if dec, err := url.PathUnescape(rawAnchor); err == nil {
		anchor = dec
	}
	folder := strings.HasSuffix(p, "/")
	target := path.Join(path.Dir(st.ctx.Path), p)
	pos := st.pos(inlinePos(n))
	if target == ".." || strings.HasPrefix(target, "../") {
		st.doc.Diags.Errorf(pos, "link to %q points outside content/", written)
		return dest
	}
	var u string
	var ok bool
	switch {
	case folder || target == ".":
		u, target, ok = folderPage(r, target)
	case strings.HasSuffix(target, ".md"):
		u, ok = r.Page(target)
	default:
		u, ok = r.File(target)
		if !ok && path.Ext(target) == "" {
			// "../objections" means the folder as much as "../objections/" does.
			var page string
			if u, page, ok = folderPage(r, target); ok {
				target = page
				folder = true
			}
		}
	}
	if !ok {
		if folder || strings.HasSuffix(target, ".md") {
			st.doc.Diags.Errorf(pos, "link to missing page %q", written)
		} else {
			st.doc.Diags.Errorf(pos, "link to missing file %q", written)
		}
		return dest
	}
	if folder || strings.HasSuffix(target, ".md") {
		st.doc.Links = append(st.doc.Links, Link{Target: target, Anchor: anchor, Line: pos.Line})
	}
	if hasQuery {
		u += "?" + query
	}
	if hasAnchor {
		u += "#" + rawAnchor
	}
	return []byte(u)
}

// folderPage finds the page of a folder: its _index.md, else a page file of
// the same name beside it.
func folderPage(r Resolver, dir string) (u, page string, ok bool) {
	if dir == "." {
		u, ok = r.Page("_index.md")
		return u, "_index.md", ok
	}
	if u, ok = r.Page(dir + "/_index.md"); ok {
		return u, dir + "/_index.md", true
	}
	u, ok = r.Page(dir + ".md")
	return u, dir + ".md", ok
}

// inlinePos is the byte offset of an inline node, falling back to the
// block that holds it.
func inlinePos(n ast.Node) int {
	for ; n != nil; n = n.Parent() {
		if p := n.Pos(); p >= 0 {
			return p
		}
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return n.Lines().At(0).Start
		}
	}
	return -1
}

// isRelative reports whether dest is a path inside the playbook: no scheme,
// not absolute, not protocol-relative, not a bare fragment or query.
func isRelative(dest []byte) bool {
	if len(dest) == 0 {
		return false
	}
	switch dest[0] {
	case '/', '#', '?', '\\':
		return false
	}
	return !hasScheme(dest)
}

// hasScheme reports whether dest starts with "scheme:" (RFC 3986).
func hasScheme(dest []byte) bool {
	for i, c := range dest {
		switch {
		case c == ':':
			return i > 0
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return false
}

// isDangerousURL reports whether dest would run script or smuggle content,
// after dropping what browsers ignore in a URL (leading spaces and controls,
// tabs and newlines anywhere), so "java\tscript:" does not slip through.
// Like goldmark, images may use data:image/png, gif, jpeg and webp; unlike
// goldmark, links may not use data: at all, and the check holds in unsafe
// mode too.
func isDangerousURL(dest []byte, image bool) bool {
	// goldmark resolves character references in destinations when it
	// renders them, so "javascript&#58;" must be checked resolved.
	if bytes.IndexByte(dest, '&') >= 0 || bytes.IndexByte(dest, '\\') >= 0 {
		dest = appendUnescaped(nil, dest)
	}
	var buf [24]byte
	b := buf[:0]
	for _, c := range dest {
		if c <= ' ' && len(b) == 0 || c == '\t' || c == '\n' || c == '\r' {
			continue
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
		if len(b) == cap(buf) {
			break
		}
	}
	s := string(b) // b is at most 24 bytes: the conversion is cheap and the compiler keeps it off the heap
	switch {
	case strings.HasPrefix(s, "javascript:"), strings.HasPrefix(s, "vbscript:"), strings.HasPrefix(s, "file:"):
		return true
	case strings.HasPrefix(s, "data:"):
		if !image {
			return true
		}
		for _, ok := range [...]string{"data:image/png;", "data:image/gif;", "data:image/jpeg;", "data:image/webp;"} {
			if strings.HasPrefix(s, ok) {
				return false
			}
		}
		return true
	}
	return false
}

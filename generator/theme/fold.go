package theme

import (
	"errors"
	"html/template"
	"strconv"
	"strings"
	"text/template/parse"
	"unicode/utf8"
)

// Template execution goes through reflection: each function call in an
// action costs about a microsecond, and html/template adds an escaper call
// to every action. Pages print many constant strings through functions
// ({{t "meta.owner"}}, {{url "/search/"}}), so Bind folds them, in two
// steps on its own clone of the templates:
//
//  1. Before escaping, a call of t, url or asset with one string literal
//     becomes that literal with the function's result: {{t "skip"}} turns
//     into {{"Zum Inhalt springen"}}. html/template escapes the literal
//     exactly as it escaped the function's result.
//  2. After escaping the page templates (an execution that stops at its
//     first write), an action that prints a literal through escapers that
//     leave it unchanged (HTML text, quoted attribute and RCDATA escapers,
//     for a string without the characters they replace; a URL's filter and
//     normaliser for a plain path) becomes template text.
//
// Both steps keep the output byte for byte; anything else stays as it was.

// foldCalls is step 1 on every template of a set.
func (b *binding) foldCalls(set *template.Template) {
	for _, t := range set.Templates() {
		if t.Tree != nil && t.Tree.Root != nil {
			b.foldList(t.Tree.Root)
		}
	}
}

func (b *binding) foldList(l *parse.ListNode) {
	if l == nil {
		return
	}
	for _, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.ActionNode:
			b.foldPipe(n.Pipe)
		case *parse.IfNode:
			b.foldBranch(&n.BranchNode)
		case *parse.RangeNode:
			b.foldBranch(&n.BranchNode)
		case *parse.WithNode:
			b.foldBranch(&n.BranchNode)
		case *parse.TemplateNode:
			b.foldPipe(n.Pipe)
		}
	}
}

func (b *binding) foldBranch(n *parse.BranchNode) {
	b.foldPipe(n.Pipe)
	b.foldList(n.List)
	b.foldList(n.ElseList)
}

// foldPipe replaces constant calls in the pipeline's commands and in their
// parenthesised arguments.
func (b *binding) foldPipe(p *parse.PipeNode) {
	if p == nil {
		return
	}
	for _, c := range p.Cmds {
		if s, ok := b.constCall(c); ok {
			c.Args = []parse.Node{str(c.Position(), s)}
			continue
		}
		for i, a := range c.Args {
			sub, ok := a.(*parse.PipeNode)
			if !ok {
				continue
			}
			if len(sub.Decl) == 0 && len(sub.Cmds) == 1 {
				if s, ok := b.constCall(sub.Cmds[0]); ok {
					c.Args[i] = str(sub.Position(), s)
					continue
				}
			}
			b.foldPipe(sub)
		}
	}
}

// constCall returns the result of a call of t, url or asset with one
// string literal, when it succeeds.
func (b *binding) constCall(c *parse.CommandNode) (string, bool) {
	if len(c.Args) != 2 {
		return "", false
	}
	fn, ok := c.Args[0].(*parse.IdentifierNode)
	if !ok {
		return "", false
	}
	arg, ok := c.Args[1].(*parse.StringNode)
	if !ok {
		return "", false
	}
	switch fn.Ident {
	case "t":
		return b.theme.Translate(b.lang, arg.Text)
	case "url":
		return b.url(arg.Text), true
	case "asset":
		s, err := b.asset(arg.Text)
		return s, err == nil
	}
	return "", false
}

func str(pos parse.Pos, s string) *parse.StringNode {
	return &parse.StringNode{NodeType: parse.NodeString, Pos: pos, Quoted: strconv.Quote(s), Text: s}
}

// errDry stops the execution that escapes the templates.
var errDry = errors.New("escaping run")

type dryWriter struct{}

func (dryWriter) Write([]byte) (int, error) { return 0, errDry }

// escape makes html/template escape the set's entry template and every
// template it calls, by starting an execution that fails on its first
// write. partialCached refuses to run meanwhile (binding.dry), so nothing
// is cached from it. It reports whether escaping succeeded; when it did
// not, the real execution reports the error.
func escape(set *template.Template, entry string) bool {
	err := set.ExecuteTemplate(dryWriter{}, entry, nil)
	var terr *template.Error
	return !errors.As(err, &terr)
}

// foldText is step 2 on every template of an escaped set.
func foldText(set *template.Template) {
	for _, t := range set.Templates() {
		if t.Tree != nil && t.Tree.Root != nil {
			foldTextList(t.Tree.Root)
		}
	}
}

func foldTextList(l *parse.ListNode) {
	if l == nil {
		return
	}
	out := l.Nodes[:0]
	for _, n := range l.Nodes {
		switch m := n.(type) {
		case *parse.ActionNode:
			if s, ok := constText(m.Pipe); ok {
				n = &parse.TextNode{NodeType: parse.NodeText, Pos: m.Pos, Text: []byte(s)}
			}
		case *parse.IfNode:
			foldTextList(m.List)
			foldTextList(m.ElseList)
		case *parse.RangeNode:
			foldTextList(m.List)
			foldTextList(m.ElseList)
		case *parse.WithNode:
			foldTextList(m.List)
			foldTextList(m.ElseList)
		}
		// Adjacent text is written at once.
		if t, ok := n.(*parse.TextNode); ok && len(out) > 0 {
			if prev, ok := out[len(out)-1].(*parse.TextNode); ok {
				merged := make([]byte, 0, len(prev.Text)+len(t.Text))
				merged = append(append(merged, prev.Text...), t.Text...)
				out[len(out)-1] = &parse.TextNode{NodeType: parse.NodeText, Pos: prev.Pos, Text: merged}
				continue
			}
		}
		out = append(out, n)
	}
	l.Nodes = out
}

// identityEscapers are html/template's escapers that return a plain
// string unchanged unless it holds one of escapedChars: those of HTML text,
// quoted attributes and RCDATA (true), and the filter and normaliser of a
// URL at the start of an attribute (false), for which the string must be a
// plain path (safePath).
var identityEscapers = map[string]bool{
	"_html_template_htmlescaper":   true,
	"_html_template_attrescaper":   true,
	"_html_template_rcdataescaper": true,
	"_html_template_urlfilter":     false,
	"_html_template_urlnormalizer": false,
}

const escapedChars = "\x00\"&'+<>`="

// safePath reports whether s is made of characters that no URL filter or
// normaliser changes, with no scheme, query or fragment:
// "/assets/icons.1a2b3c4d.svg". (A template that html/template escapes
// again later, when a lazily escaped one calls it, then still puts the same
// escapers on the actions after it.)
func safePath(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("/._~-", c) >= 0) {
			return false
		}
	}
	return true
}

// constText returns what an escaped action prints when that is a constant:
// a string literal piped only through escapers that leave it unchanged.
func constText(p *parse.PipeNode) (string, bool) {
	if p == nil || len(p.Decl) > 0 || len(p.Cmds) < 2 || len(p.Cmds[0].Args) != 1 {
		return "", false
	}
	lit, ok := p.Cmds[0].Args[0].(*parse.StringNode)
	if !ok || strings.ContainsAny(lit.Text, escapedChars) || !utf8.ValidString(lit.Text) {
		return "", false
	}
	for _, c := range p.Cmds[1:] {
		if len(c.Args) != 1 {
			return "", false
		}
		id, ok := c.Args[0].(*parse.IdentifierNode)
		if !ok {
			return "", false
		}
		text, known := identityEscapers[id.Ident]
		if !known || !text && !safePath(lit.Text) {
			return "", false
		}
	}
	return lit.Text, true
}

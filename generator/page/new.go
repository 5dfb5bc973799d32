package page

import (
	"strings"

	"playbook/generator/config"
	"playbook/generator/content"
	"playbook/generator/diag"
)

// commonFields are the front-matter fields every kind has.
var commonFields = map[string]bool{
	"title": true, "kind": true, "summary": true, "tags": true, "personas": true,
	"stage": true, "owner": true, "version": true, "updated": true, "review_by": true,
	"draft": true, "weight": true, "aliases": true,
}

// New types a split source file: it decodes the front matter, checks every
// known field against its type and the page's kind, and derives URL,
// Section and IsFolder from the path. cfg supplies the allowed stages
// (config.Default() when nil).
//
// New always returns a Page, filled as far as the input allows, so callers
// can go on checking other pages; it is only fit for use when the list
// holds no errors. Unknown fields go to Params and are never an error.
func New(src content.Source, cfg *config.Config) (*Page, diag.List) {
	if cfg == nil {
		cfg = config.Default()
	}
	p := &Page{
		Source:     src.Path,
		URL:        URLFor(src.Path),
		Section:    section(src.Path),
		IsFolder:   src.Path == "_index.md" || strings.HasSuffix(src.Path, "/_index.md"),
		Body:       src.Body,
		BodyLine:   src.BodyLine,
		Params:     map[string]any{},
		FieldLines: map[string]int{},
	}
	p.Kind = KindForSection(p.Section)
	b := &builder{file: "content/" + src.Path}
	if src.Format == content.NoFrontMatter {
		b.errorf(1, "missing front matter with a title: start the file with a line \"---\", then \"title: ...\", then \"---\"")
		return p, b.errs
	}
	root, errs := decodeFront(src, b.file)
	b.errs = append(b.errs, errs...)
	if root == nil {
		return p, b.errs
	}
	b.fill(p, root, cfg, max(src.FrontLine-1, 1))
	b.errs.Sort()
	return p, b.errs
}

// section is the top folder of a content path, "" at the root.
func section(path string) string {
	if i := strings.IndexByte(path, '/'); i >= 0 {
		return path[:i]
	}
	return ""
}

func (b *builder) fill(p *Page, root *value, cfg *config.Config, startLine int) {
	for i, k := range root.keys {
		p.FieldLines[k] = root.vals[i].line
	}
	// The kind decides which kind fields apply, so read it first.
	if v := root.get("kind"); v != nil {
		if s, ok := b.text("kind", v); ok && s != "" {
			if k, ok := ParseKind(s); ok {
				p.Kind = k
			} else {
				b.errorf(v.line, "unknown kind %q: use one of %s", s, kindList())
			}
		}
	}
	kind := map[string]*value{}
	for i, k := range root.keys {
		v := root.vals[i]
		switch {
		case commonFields[k]:
			b.common(p, k, v, cfg)
		case kindFields[k] == p.Kind:
			kind[k] = v
		case kindFields[k] != "":
			b.warnf(v.line, "%s is a field of %s pages, but this page is of kind %s: it is ignored (kept in Params for templates)", k, kindFields[k], p.Kind)
			p.Params[k] = v.toAny()
		default:
			if lk := strings.ToLower(k); lk != k && (commonFields[lk] || kindFields[lk] != "") {
				b.warnf(v.line, "unknown field %q is kept in Params: did you mean %q? Field names are lower case", k, lk)
			}
			p.Params[k] = v.toAny()
		}
	}
	if v := root.get("title"); v == nil || v.kind == vNull {
		line := startLine
		if v != nil {
			line = v.line
		}
		b.errorf(line, "title is required: add a line such as title = \"...\" (TOML) or title: ... (YAML)")
	} else if p.Title == "" && v.isScalar() {
		b.errorf(v.line, "title must not be empty")
	}
	b.kindFields(p, kind, startLine)
}

// common sets one of the fields every page has.
func (b *builder) common(p *Page, k string, v *value, cfg *config.Config) {
	switch k {
	case "title":
		p.Title, _ = b.text(k, v)
	case "kind":
		// read before the loop
	case "summary":
		p.Summary, _ = b.text(k, v)
	case "owner":
		p.Owner, _ = b.text(k, v)
	case "version":
		p.Version, _ = b.text(k, v)
	case "tags":
		p.Tags, _ = b.list(k, v)
	case "personas":
		p.Personas, _ = b.list(k, v)
	case "stage":
		s, ok := b.text(k, v)
		if !ok || s == "" {
			return
		}
		for _, st := range cfg.Stages {
			if strings.EqualFold(st.ID, s) {
				p.Stage = st.ID
				return
			}
		}
		ids := make([]string, len(cfg.Stages))
		for i, st := range cfg.Stages {
			ids[i] = st.ID
		}
		b.errorf(v.line, "stage %q is not a configured sales stage: use one of %s", s, strings.Join(ids, ", "))
	case "updated":
		p.Updated, _ = b.date(k, v)
	case "review_by":
		p.ReviewBy, _ = b.date(k, v)
	case "draft":
		p.Draft, _ = b.boolean(k, v)
	case "weight":
		if n, ok := b.whole(k, v); ok {
			if n < -1e9 || n > 1e9 {
				b.errorf(v.line, "weight must be between -1000000000 and 1000000000, not %d", n)
				return
			}
			p.Weight = int(n)
		}
	case "aliases":
		list, lines := b.list(k, v)
		for i, a := range list {
			norm, why := normalizeAlias(a)
			if why != "" {
				b.errorf(lines[i], "alias %q %s", clip(a), why)
				continue
			}
			if !contains(p.Aliases, norm) {
				p.Aliases = append(p.Aliases, norm)
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

package page

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"playbook/generator/content"
	"playbook/generator/diag"
)

func decodeYAML(src content.Source, file string) (*value, diag.List) {
	off := src.FrontLine - 1
	var doc yaml.Node
	if err := yaml.Unmarshal(src.Front, &doc); err != nil {
		return nil, diag.List{yamlError(file, src.Front, off, err)}
	}
	d := yamlDecoder{file: file, off: off, budget: maxYAMLValues}
	if doc.Kind == 0 || (doc.Kind == yaml.DocumentNode && len(doc.Content) == 0) {
		return &value{kind: vMap, line: max(off, 1)}, nil // only comments or nothing
	}
	n := &doc
	if n.Kind == yaml.DocumentNode {
		n = n.Content[0]
	}
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if n.Kind != yaml.MappingNode {
		if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" {
			return &value{kind: vMap, line: max(off, 1)}, nil
		}
		d.errs.Errorf(diag.Pos{File: file, Line: n.Line + off}, "YAML front matter must be fields such as \"title: ...\", one a line, not %s", yamlKindName(n))
		return nil, d.errs
	}
	root := d.convert(n, 0)
	if d.errs.HasErrors() {
		return nil, d.errs
	}
	return root, d.errs
}

type yamlDecoder struct {
	file   string
	off    int
	budget int
	errs   diag.List
	failed bool // a limit was hit: stop converting, report once
}

func (d *yamlDecoder) fail(line int, format string, args ...any) *value {
	if !d.failed {
		d.failed = true
		d.errs.Errorf(diag.Pos{File: d.file, Line: line + d.off}, format, args...)
	}
	return &value{kind: vNull, line: line + d.off}
}

func (d *yamlDecoder) convert(n *yaml.Node, depth int) *value {
	if d.failed {
		return &value{kind: vNull}
	}
	d.budget--
	if d.budget < 0 {
		return d.fail(n.Line, "front matter expands to more than %d values (through YAML aliases?)", maxYAMLValues)
	}
	if depth > maxDepth {
		return d.fail(n.Line, "front matter nests lists or tables more than %d levels deep", maxDepth)
	}
	line := n.Line + d.off
	switch n.Kind {
	case yaml.AliasNode:
		if n.Alias == nil {
			return &value{kind: vNull, line: line}
		}
		v := d.convert(n.Alias, depth+1)
		if v.isScalar() {
			c := *v
			c.line = line
			return &c
		}
		return v
	case yaml.SequenceNode:
		v := &value{kind: vList, line: line}
		for _, c := range n.Content {
			v.items = append(v.items, d.convert(c, depth+1))
		}
		return v
	case yaml.MappingNode:
		v := &value{kind: vMap, line: line}
		seen := map[string]int{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			kn, vn := n.Content[i], n.Content[i+1]
			if kn.Kind == yaml.AliasNode && kn.Alias != nil {
				kn = kn.Alias
			}
			if kn.Kind != yaml.ScalarNode {
				d.errs.Errorf(diag.Pos{File: d.file, Line: kn.Line + d.off}, "a field name must be plain text, not %s", yamlKindName(kn))
				continue
			}
			if first, dup := seen[kn.Value]; dup {
				d.errs.Errorf(diag.Pos{File: d.file, Line: kn.Line + d.off}, "field %q is set twice (first on line %d)", kn.Value, first)
				continue
			}
			seen[kn.Value] = kn.Line + d.off
			v.keys = append(v.keys, kn.Value)
			val := d.convert(vn, depth+1)
			// A field is where its name is: a block list or table starts on
			// the next line, an empty value has no node line. Entries keep
			// their own lines. (convert builds fresh values even for
			// aliases, so setting the line here changes nothing shared.)
			val.line = kn.Line + d.off
			v.vals = append(v.vals, val)
		}
		return v
	case yaml.ScalarNode:
		return yamlScalar(n, line)
	}
	return &value{kind: vNull, line: line}
}

// yamlScalar types a scalar by the tag YAML resolved for it; a quoted
// scalar is always a string.
func yamlScalar(n *yaml.Node, line int) *value {
	v := &value{kind: vString, text: n.Value, line: line}
	switch n.ShortTag() {
	case "!!null":
		v.kind = vNull
	case "!!bool":
		if err := n.Decode(&v.b); err == nil {
			v.kind = vBool
		}
	case "!!int":
		if err := n.Decode(&v.i); err == nil {
			v.kind = vInt
		} else if f, ferr := strconv.ParseFloat(n.Value, 64); ferr == nil && !math.IsInf(f, 0) {
			v.kind, v.f = vFloat, f // too big for int64
		}
	case "!!float":
		if err := n.Decode(&v.f); err == nil {
			v.kind = vFloat
		}
	case "!!timestamp":
		if t, dateOnly, ok := parseTimestamp(n.Value); ok {
			tv := timeValue(t, dateOnly, line)
			tv.text = n.Value
			return tv
		}
	}
	return v
}

func yamlKindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a table of fields"
	}
	return "a single value"
}

// yamlParserErrors are the messages yaml.v3 raises in its parser rather
// than its scanner. For these it prints a 0-based line number (the scanner's
// are 1-based), so they need one added.
var yamlParserErrors = map[string]bool{
	"did not find expected <stream-start>":   true,
	"did not find expected <document start>": true,
	"found undefined tag handle":             true,
	"did not find expected node content":     true,
	"did not find expected '-' indicator":    true,
	"did not find expected key":              true,
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found duplicate %TAG directive":         true,
}

// yamlError positions a yaml.v3 error message ("yaml: line 3: could not
// find expected ':'") in the file. front is the YAML text, off the file
// line before its first line.
func yamlError(file string, front []byte, off int, err error) diag.Diagnostic {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if num, after, ok := strings.Cut(rest, ": "); ok {
			if n, err := strconv.Atoi(num); err == nil {
				line, msg = n, after
				if yamlParserErrors[msg] {
					line++
				}
			}
		}
	}
	if name, ok := strings.CutPrefix(msg, "unknown anchor '"); ok && line == 0 {
		// Reported without a line: find the alias in the text.
		name = strings.TrimSuffix(name, "' referenced")
		if i := bytes.Index(front, []byte("*"+name)); i >= 0 && name != "" {
			line = bytes.Count(front[:i], []byte{'\n'}) + 1
		}
		msg = fmt.Sprintf("alias *%s refers to no anchor &%s above it", name, name)
	}
	// Without a line number yaml.v3 means the first line.
	return diag.Errorf(diag.Pos{File: file, Line: max(line, 1) + off}, "invalid YAML: %s", msg)
}

package theme

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"
)

// foldPage uses t, url and asset with literals in every context
// html/template knows, with strings that need escaping there.
const foldPage = `<!doctype html><html lang="{{lang}}"><head><title>{{t "skip"}} · {{t "q.amp"}}</title>
<script>var s = {{t "skip"}}; var u = "{{t "q.amp"}}"; var v = ` + "`{{t \"q.plus\"}}`" + `;</script>
<style>p::after{content:"{{t "skip"}}"}</style></head>
<body data-a="{{t "skip"}}" data-b='{{t "q.quote"}}' title={{t "skip"}} class="{{t "q.plain"}}">
<a href="{{url "/search/"}}">{{t "q.amp"}}</a><a href="{{t "q.url"}}?q={{t "skip"}}">{{t "q.lt"}}</a>
<a href="/x/{{t "q.plain"}}">{{t "q.plain"}}</a><img src="{{asset "favicon.svg"}}" alt="{{t "q.plus"}}" srcset="{{asset "favicon.svg"}} 2x">
<textarea>{{t "q.lt"}}</textarea><p onclick="f({{t "q.quote"}})">{{t "q.quote"}}</p>
{{if .X}}{{t "skip"}}{{else}}{{t "q.plus"}}{{end}}{{range .L}}<i>{{t "q.plain"}}{{.}}</i>{{end}}{{with .X}}{{t "q.tick"}}{{end}}
{{template "part" (t "skip")}}{{template "part" (t "q.lt")}}{{print (t "q.amp") "!"}}
<!-- {{t "skip"}} --></body></html>
{{define "part"}}<b title="{{.}}">{{.}}</b>{{end}}`

const foldStrings = `[q]
amp = "A & B"
quote = "it's \"x\""
url = "javascript:alert(1)"
lt = "<b>"
plus = "1+1=2"
plain = "Nur Text, äöü"
tick = "a` + "`" + `b"
`

// TestFold: constant folding changes no output, in any escaping context,
// and does fold.
func TestFold(t *testing.T) {
	disk := fstest.MapFS{
		"themes/f/templates/x.html": {Data: []byte(foldPage)},
		"themes/f/i18n/de.toml":     {Data: []byte(foldStrings)},
	}
	th, err := Load(disk, "f")
	if err != nil {
		t.Fatal(err)
	}
	plain, err := th.bind(bindKey{"de", "/docs/"}, false)
	if err != nil {
		t.Fatal(err)
	}
	folded, err := th.bind(bindKey{"de", "/docs/"}, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, data := range []map[string]any{{"X": true, "L": []int{1, 2}}, {"X": false}} {
		var want, got bytes.Buffer
		if err := plain.Execute(&want, "x.html", data); err != nil {
			t.Fatal(err)
		}
		if err := folded.Execute(&got, "x.html", data); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("folded output differs:\n%s\n---\n%s", got.String(), want.String())
		}
	}
	tree := folded.sets["x.html"].tmpl.Lookup("x.html").Tree.Root.String()
	for _, want := range []string{"<title>Zum Inhalt springen · ", `class="Nur Text, äöü"`, `<a href="/docs/search/">`, `<img src="/docs/assets/favicon.`} {
		if !strings.Contains(tree, want) {
			t.Errorf("not folded to text: %s\n%s", want, tree)
		}
	}
	for _, kept := range []string{`{{"A & B" | _html_template_rcdataescaper}}`, `_html_template_jsvalescaper`,
		`{{"javascript:alert(1)" | _html_template_urlfilter`, `/x/{{"Nur Text, äöü" | _html_template_urlnormalizer`, `_html_template_srcsetescaper`} {
		if !strings.Contains(tree, kept) {
			t.Errorf("folded what needs escaping: %s missing\n%s", kept, tree)
		}
	}
}

// TestFoldDefaultTheme: the default theme's page templates fold and still
// execute; the escaping run caches nothing.
func TestFoldDefaultTheme(t *testing.T) {
	th, err := Load(nil, "")
	if err != nil {
		t.Fatal(err)
	}
	ts, err := th.Bind("de", "/")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	ts.cache.Range(func(any, any) bool { n++; return true })
	if n != 0 {
		t.Errorf("binding cached %d partials", n)
	}
	root := ts.sets["page.html"].tmpl.Lookup("baseof").Tree.Root.String()
	if !strings.Contains(root, `<a class="skip" href="#main">Zum Inhalt springen</a>`) {
		t.Errorf("baseof not folded:\n%s", root)
	}
}

// TestFoldReescape: a folded template that a lazily escaped one (a
// partialCached target) calls again is escaped a second time by
// html/template; its output must not change.
func TestFoldReescape(t *testing.T) {
	disk := fstest.MapFS{
		"themes/f/templates/x.html":          {Data: []byte(`{{template "shared" .}}|{{partialCached "p" "k" .}}|{{template "shared" .}}`)},
		"themes/f/templates/partials/p.html": {Data: []byte(`{{define "p"}}<div>{{template "shared" .}}</div>{{end}}`)},
		"themes/f/templates/partials/s.html": {Data: []byte(`{{define "shared"}}<a href="{{url "/a/"}}{{.Path}}" title="{{t "skip"}}">{{t "skip"}}{{.Path}}</a>{{end}}`)},
	}
	th, err := Load(disk, "f")
	if err != nil {
		t.Fatal(err)
	}
	var outs []string
	for _, fold := range []bool{false, true} {
		ts, err := th.bind(bindKey{"de", "/"}, fold)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := ts.Execute(&b, "x.html", map[string]string{"Path": "b c?d=<e>"}); err != nil {
			t.Fatal(err)
		}
		outs = append(outs, b.String())
	}
	if outs[0] != outs[1] {
		t.Errorf("folded:\n%s\nplain:\n%s", outs[1], outs[0])
	}
}

package render

import (
	"bytes"
	"strings"
	"testing"
)

func TestScope(t *testing.T) {
	local := map[string]string{"/team/objections/kein-budget/": "handout-2"}
	tests := []struct{ in, want string }{
		{`<h2 id="nachfragen">Nachfragen<a class="anchor" href="#nachfragen" aria-hidden="true">#</a></h2>`,
			`<h2 id="handout-1-nachfragen">Nachfragen<a class="anchor" href="#handout-1-nachfragen" aria-hidden="true">#</a></h2>`},
		{`<li class="task" data-task="1a2b3c4d"><label>x</label></li>`, `<li class="task" data-task="handout-1-1a2b3c4d"><label>x</label></li>`},
		{`<sup id="fnref:1"><a href="#fn:1">1</a></sup>`, `<sup id="handout-1-fnref:1"><a href="#handout-1-fn:1">1</a></sup>`},
		{`<a href="/team/objections/kein-budget/">K</a> <a href="/team/objections/kein-budget/#nachfragen">N</a>`,
			`<a href="#handout-2">K</a> <a href="#handout-2-nachfragen">N</a>`},
		{`<a href="/team/pitches/x/#a">P</a> <a href="https://example.com/#top">E</a>`, `<a href="/team/pitches/x/#a">P</a> <a href="https://example.com/#top">E</a>`},
		{`<a href="#">top</a> <p id="">e</p>`, `<a href="#">top</a> <p id="">e</p>`},
		{`<p ID='x' HREF=#y>a &lt; b, id="z" in text</p>`, `<p ID='handout-1-x' HREF="#handout-1-y">a &lt; b, id="z" in text</p>`},
		{`<!-- <p id="c"> --><p id="d">`, `<!-- <p id="c"> --><p id="handout-1-d">`},
		{`<script>if (a<b) { x = '<p id="s">' }</script><i id="e">`, `<script>if (a<b) { x = '<p id="s">' }</script><i id="handout-1-e">`},
		{`a < b <3 <p id="u" hidden>`, `a < b <3 <p id="handout-1-u" hidden>`},
		{`<p id="open`, `<p id="open`},
		{`<input type=checkbox checked disabled>`, `<input type=checkbox checked disabled>`},
	}
	for _, tt := range tests {
		if got := string(scope([]byte(tt.in), "handout-1", local)); got != tt.want {
			t.Errorf("scope(%s)\n got %s\nwant %s", tt.in, got, tt.want)
		}
	}
}

// FuzzScope: scope never panics, leaves HTML without ids and links as it
// is, and keeps the text between tags.
func FuzzScope(f *testing.F) {
	for _, s := range []string{
		`<h2 id="a">A<a href="#a">#</a></h2><p>x &amp; y</p>`,
		`<li data-task="1a2b"><label><input type=checkbox> t</label></li>`,
		`<a href=/team/x/#y>z</a><!-- c --><script>a<b</script>`,
		"<p id='x\"y'>", `<a href=#"q>`, "<", "<a", "<a href=", "<!--",
	} {
		f.Add(s)
	}
	local := map[string]string{"/team/x/": "handout-9"}
	f.Fuzz(func(t *testing.T, in string) {
		out := scope([]byte(in), "handout-1", local)
		low := strings.ToLower(in)
		if !strings.Contains(low, "id") && !strings.Contains(low, "href") && !strings.Contains(low, "data-task") && !bytes.Equal(out, []byte(in)) {
			t.Fatalf("changed HTML without ids or links:\n in %q\nout %q", in, out)
		}
		if strings.Count(string(out), "<") != strings.Count(in, "<") {
			t.Fatalf("tags added or lost:\n in %q\nout %q", in, out)
		}
	})
}

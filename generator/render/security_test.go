package render

import (
	"bytes"
	"compress/gzip"
	"regexp"
	"strings"
	"testing"

	"playbook/generator/site"
)

const evil = `<script>alert(1)</script>`

// TestEscaping: a hostile title (and other front-matter strings) shows up
// escaped everywhere: <title>, meta description, breadcrumbs, cards, terms,
// the sitemap, alias pages. Only Doc.HTML is trusted.
func TestEscaping(t *testing.T) {
	s := testSite()
	objs := s.ByURL["/objections/"]
	budget := s.ByURL["/objections/kein-budget/"]
	objs.Title = evil // shows in breadcrumbs and nav
	budget.Title = evil
	budget.Summary = evil + `" onload="x`
	budget.Owner = evil
	budget.Version = evil
	budget.Objection.Objection = evil
	budget.Objection.Category = evil
	budget.Retention = nil
	for i := range budget.Terms {
		budget.Terms[i].Name = evil
	}
	s.Taxonomies[0].Terms[0].Name = evil
	s.Config.Title = evil
	s.Config.Placeholders["Vorname"] = evil
	cad := s.ByURL["/cadences/neukunde/"]
	cad.Cadence.Steps[3].Channel = evil
	cad.Cadence.Steps[3].Note = evil
	ret := s.ByURL["/retention/kuendigung/"]
	ret.Retention.Trigger = evil
	ret.Retention.Signals = []string{evil}
	s.ByURL["/pitches/elevator/"].Pitch.Audience = evil
	s.Aliases = append(s.Aliases, site.Alias{From: "/alt/zwei/", To: budget.URL, Page: budget})

	files, err := Render(s, loadTheme(t))
	if err != nil {
		t.Fatal(err)
	}
	escaped := []byte("&lt;script&gt;alert(1)&lt;/script&gt;")
	for _, f := range files {
		if strings.HasPrefix(f.Path, "assets/") {
			continue
		}
		if bytes.Contains(f.Data, []byte("<script>alert")) || bytes.Contains(f.Data, []byte(`" onload="`)) {
			t.Errorf("%s contains unescaped front matter", f.Path)
		}
	}
	page := find(files, "objections/kein-budget/index.html")
	for _, where := range []string{
		`<title>` + string(escaped),                            // <title>
		`<meta name="description" content="` + string(escaped), // description
		`<li><a href="/team/objections/">` + string(escaped),   // breadcrumbs
		`<h1>` + string(escaped),
		`„` + string(escaped),    // objection phrase
		`<dd>` + string(escaped), // owner
	} {
		if !bytes.Contains(page, []byte(where)) {
			t.Errorf("page lacks %q", where)
		}
	}
	section := find(files, "objections/index.html")
	if !bytes.Contains(section, []byte(`<span class="item-quote">„`+string(escaped))) ||
		!bytes.Contains(section, []byte(`<span class="item-meta">`+string(escaped))) {
		t.Error("list item not escaped as expected")
	}
	if !bytes.Contains(section, []byte(`<h2>`+string(escaped)+`</h2>`)) {
		t.Error("category heading not escaped as expected")
	}
	for _, p := range []string{"tags/kein-budget/index.html", "alt/zwei/index.html", "cadences/neukunde/index.html", "retention/kuendigung/index.html"} {
		if !bytes.Contains(find(files, p), escaped) {
			t.Errorf("%s does not show the escaped text", p)
		}
	}
	if bytes.Contains(find(files, "sitemap.xml"), []byte("<script")) {
		t.Error("sitemap holds markup")
	}
}

// TestNoOtherHost: pages and theme files request nothing from another host.
// The only absolute URLs are the site's own (canonical, from base_url).
func TestNoOtherHost(t *testing.T) {
	s := testSite()
	files, err := Render(s, loadTheme(t))
	if err != nil {
		t.Fatal(err)
	}
	abs := regexp.MustCompile(`(?i)(https?:)?//[a-z0-9.-]+\.[a-z]{2,}`)
	for _, f := range files {
		data := f.Data
		switch {
		case strings.HasSuffix(f.Path, ".html"):
			data = bytes.ReplaceAll(data, []byte(s.Config.BaseURL), nil)
		case strings.HasSuffix(f.Path, ".css"), strings.HasSuffix(f.Path, ".js"):
		case strings.HasSuffix(f.Path, ".svg"):
			data = bytes.ReplaceAll(data, []byte(`xmlns="http://www.w3.org/2000/svg"`), nil)
		default:
			continue
		}
		if m := abs.Find(data); m != nil {
			t.Errorf("%s references another host: %s", f.Path, m)
		}
	}
}

// TestBudget: a realistic page with everything it loads (HTML, CSS, JS)
// stays within 30 KB gzipped; the search index is not counted.
func TestBudget(t *testing.T) {
	s := testSite()
	budget := s.ByURL["/objections/kein-budget/"]
	// A realistic body: a few sections, two scripts, a checklist, a table, code.
	var body strings.Builder
	for i := range 6 {
		body.WriteString(`<h2 id="s">Abschnitt<a class="anchor" href="#s" aria-hidden="true">#</a></h2>` + "\n")
		body.WriteString("<p>Wenn der Kunde sagt, dass kein Budget da ist, frag nach dem Zeitpunkt der nächsten Planung und nach den Kosten, die das Problem heute verursacht. Bleib ruhig und neugierig.</p>\n")
		if i%2 == 0 {
			body.WriteString(scriptHTML(80, 37, `<p>Verstehe ich gut, <span class="ph" data-ph="Vorname">{{Vorname}}</span>. Darf ich fragen, wann bei <span class="ph" data-ph="Firma">{{Firma}}</span> die Budgets für das nächste Jahr geplant werden?</p><p>Dann melde ich mich rechtzeitig vorher.</p>`))
		}
	}
	body.WriteString(checklistHTML)
	body.WriteString("<table><thead><tr><th>Signal</th><th>Reaktion</th></tr></thead><tbody><tr><td>Zögern</td><td>Nachfragen</td></tr><tr><td>Preis</td><td>Wert zeigen</td></tr></tbody></table>\n")
	body.WriteString(`<pre class="chroma"><code class="language-json"><span class="p">{</span><span class="nt">&#34;stage&#34;</span><span class="p">:</span> <span class="s2">&#34;demo&#34;</span><span class="p">}</span></code></pre>` + "\n")
	budget.Doc.HTML = []byte(body.String())

	files, err := Render(s, loadTheme(t))
	if err != nil {
		t.Fatal(err)
	}
	page := find(files, "objections/kein-budget/index.html")
	total := gz(t, page)
	ref := regexp.MustCompile(`(?:href|src)="/team/(assets/[^"#]+\.(?:css|js))"`)
	var loaded []string
	for _, m := range ref.FindAllSubmatch(page, -1) {
		data := find(files, string(m[1]))
		if data == nil {
			t.Fatalf("page loads missing %s", m[1])
		}
		loaded = append(loaded, string(m[1]))
		total += gz(t, data)
	}
	if len(loaded) < 2 {
		t.Fatalf("page loads only %v", loaded)
	}
	t.Logf("page + %v = %d bytes gzipped", loaded, total)
	if total > 30<<10 {
		t.Errorf("page weight %d bytes gzipped, budget 30 KB", total)
	}
}

func gz(t *testing.T, data []byte) int {
	t.Helper()
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Len()
}

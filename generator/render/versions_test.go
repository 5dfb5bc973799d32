package render

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"playbook/generator/markdown"
	"playbook/generator/site"
	"playbook/generator/versions"
)

// withVersions gives p n versions, one a week from 2024-03-01, each with
// a one-word script change, the first two with pages of their own.
func withVersions(p *site.Page, n int) {
	p.Versions = nil
	for i := range n {
		v := &versions.Version{N: i + 1, Label: fmt.Sprintf("#%d", i+1), Short: fmt.Sprintf("abc%04d", i),
			Commit: fmt.Sprintf("abc%037d", i), Date: time.Date(2024, 3, 1+7*i, 9, 0, 0, 0, time.UTC),
			Author: "Anna <Beispiel>", Subject: fmt.Sprintf("Fassung %d", i+1), Title: p.Title,
			Scripts: []string{fmt.Sprintf("Hallo Fassung %d", i+1)}}
		if i < n-1 {
			v.Slug = fmt.Sprint(i + 1)
			v.URL = p.URL + "v/" + v.Slug + "/"
			v.Doc = &markdown.Document{HTML: []byte(fmt.Sprintf("<p>Alter Text %d &amp; mehr</p>\n", i+1))}
		} else {
			v.Doc = p.Doc
		}
		if i > 0 {
			v.Changes = []versions.Change{{Kind: versions.Edited, Old: 1, New: 1,
				HTML: fmt.Sprintf("Hallo Fassung <del>%d</del><ins>%d</ins>", i, i+1)}}
		}
		p.Versions = append(p.Versions, v)
	}
	p.Current = p.Versions[n-1]
}

func TestRenderVersions(t *testing.T) {
	s := testSite()
	s.Now = time.Date(2024, 3, 20, 0, 0, 0, 0, time.UTC)
	var p *site.Page
	for _, q := range s.Pages {
		if !q.IsFolder && q.URL != "/" {
			p = q
			break
		}
	}
	withVersions(p, 3)
	files := renderFiles(t, s)

	cur := files[strings.TrimPrefix(p.URL, "/")+"index.html"]
	for _, want := range []string{
		`<section class="history" id="versions"`,
		`Hallo Fassung <del>2</del><ins>3</ins>`,
		`<details class="version-diff" open>`, // the newest change starts unfolded
		`href="/team/` + strings.TrimPrefix(p.URL, "/") + `v/1/"`,
		`Anna &lt;Beispiel&gt;`,
	} {
		if !strings.Contains(cur, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Count(cur, " open>") != 1 {
		t.Error("more than one change unfolded")
	}
	old := files[strings.TrimPrefix(p.URL, "/")+"v/1/index.html"]
	for _, want := range []string{
		`class="version-banner"`, `<meta name="robots" content="noindex">`,
		"<p>Alter Text 1 &amp; mehr</p>", `<a href="/team/` + strings.TrimPrefix(p.URL, "/") + `v/2/" rel="next">#2 →</a>`,
		`<link rel="canonical" href="https://playbook.example.com/team/` + strings.TrimPrefix(p.URL, "/") + `v/1/">`,
	} {
		if !strings.Contains(old, want) {
			t.Errorf("version page lacks %q", want)
		}
	}
	second := files[strings.TrimPrefix(p.URL, "/")+"v/2/index.html"]
	for _, want := range []string{`rel="prev">← #1</a>`, `<a href="/team/` + strings.TrimPrefix(p.URL, "/") + `" rel="next">#3 (aktuell) →</a>`, "Hallo Fassung <del>1</del><ins>2</ins>"} {
		if !strings.Contains(second, want) {
			t.Errorf("second version page lacks %q", want)
		}
	}
	if strings.Contains(second, "Hallo Fassung <del>2</del>") {
		t.Error("a version page shows the changes of a later version")
	}
	if files[strings.TrimPrefix(p.URL, "/")+"v/3/index.html"] != "" {
		t.Error("the current version has a page of its own")
	}
	// Other pages have no history.
	for path, html := range files {
		if strings.HasSuffix(path, ".html") && !strings.Contains(path, strings.TrimPrefix(p.URL, "/")) && strings.Contains(html, `class="history"`) {
			t.Errorf("%s shows a history it does not have", path)
		}
	}
	ch := files["changes/index.html"]
	if i, j := strings.Index(ch, "2024-03-15"), strings.Index(ch, "2024-03-08"); i < 0 || j < 0 || i > j {
		t.Errorf("changes not newest first:\n%s", ch)
	}
	// The 30-day listing counts back from the build date (2024-03-20): day 8 and 15 only.
	if n := strings.Count(files["changes/last-30-days/index.html"], `class="change"`); n != 3 {
		t.Errorf("last 30 days: %d changes, want 3 (two edits and the new page)", n)
	}
	if n := strings.Count(files["changes/index.html"], `class="change"`); n != 3 {
		t.Errorf("all changes: %d, want 3", n)
	}
}

func TestRenderChangesURLTaken(t *testing.T) {
	s := testSite()
	p := s.Pages[len(s.Pages)-1]
	s.ByURL["/changes/"] = p
	files := renderFiles(t, s)
	if _, ok := files["changes/last-30-days/index.html"]; ok {
		t.Error("the changes listing was rendered over a content page's URL")
	}
}

func renderFiles(t *testing.T, s *site.Site) map[string]string {
	t.Helper()
	out, err := Render(s, loadTheme(t))
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, f := range out {
		m[f.Path] = string(f.Data)
	}
	return m
}

// BenchmarkRenderVersions measures what history adds to a render: 1,000
// pages with three versions each (2,000 version pages).
func BenchmarkRenderVersions(b *testing.B) {
	s := bigSite(1000)
	th := loadTheme(b)
	for _, mode := range []string{"without", "with"} {
		if mode == "with" {
			for _, p := range s.Pages {
				if !p.IsFolder && p.URL != "/" {
					withVersions(p, 3)
				}
			}
		}
		b.Run(mode, func(b *testing.B) {
			cpu0 := cpuTime()
			for b.Loop() {
				if _, err := Render(s, th); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64((cpuTime()-cpu0).Nanoseconds())/float64(b.N), "cpu-ns/op")
		})
	}
}

package render

import (
	"bytes"
	"testing"
)

func BenchmarkV6Views(b *testing.B) {
	s := bigSite(100)
	th := loadTheme(b)
	var p = s.Pages[len(s.Pages)-1]
	withVersions(p, 3)
	ts, _ := th.Bind("de", s.Config.BasePath())
	e := &env{s: s, th: th, lang: "de", base: s.Config.BasePath(), ts: ts,
		hasPart: map[string]bool{cardPart: ts.HasPart(cardPart), itemPart: ts.HasPart(itemPart)}}
	e.buildEntries()
	run := func(b *testing.B, tmpl string, mk func() *view) {
		var buf bytes.Buffer
		for b.Loop() {
			buf.Reset()
			v := mk()
			e.finish(v)
			if err := ts.Execute(&buf, tmpl, v); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Run("page-nohistory", func(b *testing.B) { run(b, "page.html", func() *view { v := e.pageView(p); v.History = nil; return v }) })
	b.Run("page-history", func(b *testing.B) { run(b, "page.html", func() *view { return e.pageView(p) }) })
	b.Run("version", func(b *testing.B) { run(b, "version.html", func() *view { return e.versionView(p, p.Versions[0]) }) })
	withVersions(p, 1)
	b.Run("page-history1", func(b *testing.B) { run(b, "page.html", func() *view { return e.pageView(p) }) })
}

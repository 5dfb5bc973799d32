package markdown

import (
	"os"
	"testing"
)

// BenchmarkConvert converts a realistic page: about 500 words with a table,
// an alert, a script, a nested task list, a JSON code block, links and a footnote.
func BenchmarkConvert(b *testing.B) {
	src, err := os.ReadFile("testdata/bench.md")
	if err != nil {
		b.Fatal(err)
	}
	c := New(Options{Lang: "de", Placeholders: map[string]string{"Vorname": "", "Firma": ""}})
	ctx := Context{Path: "objections/preis/start.md", File: "content/objections/preis/start.md", Line: 12, Resolver: testResolver}
	if d := c.Convert(src, ctx); len(d.Diags) > 0 {
		b.Fatalf("unexpected diagnostics: %v", d.Diags)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		c.Convert(src, ctx)
	}
}

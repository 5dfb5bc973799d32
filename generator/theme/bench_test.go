package theme

import (
	"io"
	"testing"
)

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(nil, ""); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBind binds the templates and escapes one page template, the
// fixed cost of every render.
func BenchmarkBind(b *testing.B) {
	th, err := Load(nil, "")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		ts, err := th.Bind("de", "/")
		if err != nil {
			b.Fatal(err)
		}
		_ = ts.Execute(io.Discard, "search.html", nil)
	}
}

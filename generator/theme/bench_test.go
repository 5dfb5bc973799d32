package theme

import (
	"testing"
)

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(nil, ""); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCacheLoad is a watch-mode rebuild's theme: unchanged, from a Cache.
func BenchmarkCacheLoad(b *testing.B) {
	var c Cache
	for b.Loop() {
		if _, err := c.Load(nil, ""); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBind clones, binds, folds and escapes every page template: the
// fixed cost of a render without released templates to reuse.
func BenchmarkBind(b *testing.B) {
	th, err := Load(nil, "")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := th.Bind("de", "/"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBindReleased is the same with templates released by the render
// before.
func BenchmarkBindReleased(b *testing.B) {
	th, err := Load(nil, "")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		ts, err := th.Bind("de", "/")
		if err != nil {
			b.Fatal(err)
		}
		ts.Release()
	}
}

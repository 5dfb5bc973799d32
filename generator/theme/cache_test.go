package theme

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"
)

// TestCache: an unchanged theme comes back as the same value, a changed
// disk file or another name gives a fresh one, errors are not kept.
func TestCache(t *testing.T) {
	disk := fstest.MapFS{
		"themes/brand/templates/partials/footer.html": {Data: []byte(`{{define "footer"}}<footer>A</footer>{{end}}`)},
		"themes/brand/assets/extra.css":               {Data: []byte("a{}")},
	}
	var c Cache
	t1, err := c.Load(disk, "brand")
	if err != nil {
		t.Fatal(err)
	}
	if t2, _ := c.Load(disk, "brand"); t2 != t1 {
		t.Error("unchanged theme loaded again")
	}
	disk["themes/brand/assets/extra.css"] = &fstest.MapFile{Data: []byte("b{}")}
	t3, err := c.Load(disk, "brand")
	if err != nil {
		t.Fatal(err)
	}
	if t3 == t1 || t3.Hash == t1.Hash {
		t.Error("changed asset: same theme")
	}
	if p1, _ := t1.AssetPath("extra.css"); p1 == mustAsset(t, t3, "extra.css") {
		t.Error("changed asset, same hashed name")
	}
	def, err := c.Load(disk, "")
	if err != nil || def.Name != DefaultName || def == t3 {
		t.Errorf("default theme: %v, %v", def, err)
	}
	if _, err := c.Load(disk, "missing"); err == nil {
		t.Error("missing theme: no error")
	}
	if again, _ := c.Load(disk, ""); again != def {
		t.Error("an error dropped the cached theme")
	}
	delete(disk, "themes/brand/assets/extra.css")
	if t4, _ := c.Load(disk, "brand"); t4 == t3 || t4.Origin("assets/extra.css") != "" {
		t.Error("removed file still in the theme")
	}
}

func mustAsset(t *testing.T, th *Theme, name string) string {
	t.Helper()
	p, ok := th.AssetPath(name)
	if !ok {
		t.Fatalf("no asset %s", name)
	}
	return p
}

// TestBindReuse: released templates come back from Bind for the same
// language and base, with an empty partialCached cache.
func TestBindReuse(t *testing.T) {
	disk := fstest.MapFS{
		"themes/p/templates/x.html":             {Data: []byte(`{{partialCached "hello" "k" .}}`)},
		"themes/p/templates/partials/part.html": {Data: []byte(`{{define "hello"}}<p>{{.}}</p>{{end}}`)},
	}
	th, err := Load(disk, "p")
	if err != nil {
		t.Fatal(err)
	}
	ts, err := th.Bind("de", "/")
	if err != nil {
		t.Fatal(err)
	}
	run := func(ts *Templates, data string) string {
		var b bytes.Buffer
		if err := ts.Execute(&b, "x.html", data); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	if got := run(ts, "eins"); got != "<p>eins</p>" {
		t.Fatalf("first = %q", got)
	}
	if got := run(ts, "zwei"); got != "<p>eins</p>" {
		t.Errorf("cached = %q", got)
	}
	ts.Release()
	ts.Release() // a second release does nothing
	again, _ := th.Bind("de", "/")
	if again != ts {
		t.Error("released templates not reused")
	}
	if got := run(again, "drei"); got != "<p>drei</p>" {
		t.Errorf("after release = %q: cache kept", got)
	}
	if other, _ := th.Bind("de", "/docs/"); other == ts {
		t.Error("templates for another base reused")
	}
	if !again.HasPart("hello") || again.HasPart("nope") {
		t.Error("HasPart")
	}
	var b strings.Builder
	if err := again.ExecutePart(&b, "hello", "<x>"); err != nil || b.String() != "<p>&lt;x&gt;</p>" {
		t.Errorf("ExecutePart = %q, %v", b.String(), err)
	}
	if err := again.ExecutePart(&b, "nope", nil); err == nil {
		t.Error("ExecutePart of a missing template: no error")
	}
}

package search

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteText(t *testing.T) {
	ix := buildCorpus(t)
	var b strings.Builder
	for _, q := range []string{"kein Budget", "Einwand Preis", "Mailbux", "Qwertzuiop", "", "<script>"} {
		b.WriteString("$ playbook search " + q + "\n")
		if err := ix.WriteText(&b, q, Filter{}, 4); err != nil {
			t.Fatal(err)
		}
	}
	golden := filepath.Join("testdata", "writetext.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if b.String() != string(want) {
		t.Errorf("output differs from %s (run go test -update):\n%s", golden, b.String())
	}
}

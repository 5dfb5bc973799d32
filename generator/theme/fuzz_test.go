package theme

import (
	"bytes"
	"testing"
	"testing/fstest"
)

// FuzzLoad feeds arbitrary template and i18n text to Load as a disk theme: it
// may fail, never panic; a theme that loads must bind and run its templates
// without panicking.
func FuzzLoad(f *testing.F) {
	f.Add([]byte(`{{define "main"}}<p>{{.}}</p>{{end}}`), []byte(`skip = "x"`))
	f.Add([]byte(`<!doctype html><title>{{t "skip"}}</title>`), []byte("[kind]\nobjection = \"E\""))
	f.Add([]byte(`{{template "main" .}}{{define "main"}}{{template "main" .}}{{end}}`), []byte(""))
	f.Add([]byte(`{{partialCached "footer" "" .}}`), []byte("\xff\xfe"))
	f.Add([]byte(`{{if}}{{range}}{{with`), []byte("= ="))
	f.Fuzz(func(t *testing.T, tmpl, strs []byte) {
		disk := fstest.MapFS{
			"themes/x/templates/objection.html": {Data: tmpl},
			"themes/x/i18n/de.toml":             {Data: strs},
		}
		th, err := Load(disk, "x")
		if err != nil {
			return
		}
		ts, err := th.Bind("de", "/")
		if err != nil {
			t.Fatalf("loaded theme does not bind: %v", err)
		}
		var buf bytes.Buffer
		_ = ts.Execute(&buf, th.Lookup("objection"), map[string]any{"Title": "t"})
	})
}

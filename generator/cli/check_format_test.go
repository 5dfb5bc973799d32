package cli

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"playbook/generator/diag"
)

var sample = diag.List{
	diag.Errorf(diag.Pos{File: "content/a.md", Line: 5, Col: 3}, "link to missing page %q", "b,c:d.md"),
	diag.Warnf(diag.Pos{File: "content/a.md", Line: 9}, "100%% sure\nsecond line"),
	diag.Errorf(diag.Pos{}, "open playbook folder: no such folder"),
}

func TestWriteText(t *testing.T) {
	var b bytes.Buffer
	if err := writeText(&b, sample); err != nil {
		t.Fatal(err)
	}
	want := `content/a.md:5:3: error: link to missing page "b,c:d.md"
content/a.md:9: warning: 100% sure\nsecond line
error: open playbook folder: no such folder
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

func TestWriteJSON(t *testing.T) {
	var b bytes.Buffer
	if err := writeJSON(&b, sample); err != nil {
		t.Fatal(err)
	}
	var got []map[string]any
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, b.String())
	}
	if len(got) != 3 {
		t.Fatalf("got %d items", len(got))
	}
	first := got[0]
	if first["file"] != "content/a.md" || first["line"] != 5.0 || first["column"] != 3.0 || first["severity"] != "error" || first["message"] != `link to missing page "b,c:d.md"` {
		t.Errorf("first item: %v", first)
	}
	if _, ok := got[1]["column"]; ok {
		t.Errorf("unknown column written: %v", got[1])
	}
	if got[1]["message"] != "100% sure\nsecond line" {
		t.Errorf("message changed: %q", got[1]["message"])
	}
	if _, ok := got[2]["line"]; ok || got[2]["file"] != "" {
		t.Errorf("problem without a place: %v", got[2])
	}
	// No problems is an empty array, not null: tools iterate over it.
	b.Reset()
	writeJSON(&b, nil)
	if strings.TrimSpace(b.String()) != "[]" {
		t.Errorf("empty list: %q", b.String())
	}
}

func TestWriteGitHub(t *testing.T) {
	var b bytes.Buffer
	if err := writeGitHub(&b, sample); err != nil {
		t.Fatal(err)
	}
	want := `::error file=content/a.md,line=5,col=3,title=playbook check::link to missing page "b,c:d.md"
::warning file=content/a.md,line=9,title=playbook check::100%25 sure%0Asecond line
::error title=playbook check::open playbook folder: no such folder
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	if got := ghProp("a,b:c%\n"); got != "a%2Cb%3Ac%25%0A" {
		t.Errorf("ghProp = %q", got)
	}
}

func TestWriteGitLab(t *testing.T) {
	var b bytes.Buffer
	if err := writeGitLab(&b, sample); err != nil {
		t.Fatal(err)
	}
	var got []gitlabIssue
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if len(got) != 3 || got[0].Severity != "major" || got[1].Severity != "minor" ||
		got[0].Location.Path != "content/a.md" || got[0].Location.Lines.Begin != 5 ||
		got[2].Location.Path != "playbook.toml" || got[2].Location.Lines.Begin != 1 {
		t.Errorf("got %+v", got)
	}
	// A fingerprint survives the problem moving to another line, and two
	// equal problems in one file still get two fingerprints.
	moved := diag.List{sample[0], sample[0]}
	moved[0].Pos.Line = 50
	var m bytes.Buffer
	writeGitLab(&m, moved)
	var again []gitlabIssue
	json.Unmarshal(m.Bytes(), &again)
	if again[0].Fingerprint != got[0].Fingerprint {
		t.Error("fingerprint depends on the line")
	}
	if again[0].Fingerprint == again[1].Fingerprint {
		t.Error("repeated problem shares a fingerprint")
	}
}

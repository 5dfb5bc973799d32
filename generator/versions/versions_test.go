package versions

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"playbook/generator/history"
	"playbook/generator/markdown"
)

var day = time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)

// pitch is a pitch file with an optional version field and one script.
func pitch(version, script string) string {
	var b strings.Builder
	b.WriteString("+++\ntitle = \"Elevator Pitch\"\n")
	if version != "" {
		fmt.Fprintf(&b, "version = %q\n", version)
	}
	b.WriteString("+++\n\nEinleitung.\n\n```script\n" + script + "\n```\n")
	return b.String()
}

// rev makes revision i (0 = oldest) of path with blob id "b<i>".
func rev(i int, path string) history.Revision {
	return history.Revision{Commit: fmt.Sprintf("%040d", i+1), Short: fmt.Sprintf("%07d", i+1),
		Time: day.AddDate(0, 0, i), Author: "Anna", Subject: fmt.Sprintf("commit %d", i+1),
		Path: path, Blob: fmt.Sprintf("b%d", i), Change: history.Modified}
}

// fixture builds the Input of a page whose files are given oldest first;
// the last file is the working file unless dirty, when it is newer than
// every revision.
func fixture(t *testing.T, path string, files []string, dirty bool) (Input, map[string][]byte) {
	t.Helper()
	conv := markdown.New(markdown.Options{Lang: "de"})
	contents := map[string][]byte{}
	n := len(files)
	if dirty {
		n--
	}
	var revs []history.Revision
	for i := range n {
		r := rev(i, path)
		contents[r.Blob] = []byte(files[i])
		revs = append([]history.Revision{r}, revs...) // newest first
	}
	work := files[len(files)-1]
	body := work[strings.Index(work[3:], "+++")+3+4:]
	in := Input{Source: path, URL: "/pitches/elevator/", Revisions: revs, Dirty: dirty,
		Title: "Elevator Pitch", Body: []byte(body), Date: day.AddDate(1, 0, 0),
		Doc: conv.Convert([]byte(body), markdown.Context{Path: path})}
	if strings.Contains(work, "version = \"3\"") {
		in.Version = "3"
	}
	return in, contents
}

func build(t *testing.T, in Input, contents map[string][]byte) *Page {
	t.Helper()
	// Only the blobs Needed asks for are there, as from git cat-file.
	got := map[string][]byte{}
	for _, r := range Needed([]Input{in}) {
		got[r.Blob] = contents[r.Blob]
	}
	out := Build([]Input{in}, got, Options{Converter: markdown.New(markdown.Options{Lang: "de"})})
	if len(out) != 1 {
		t.Fatalf("Build returned %d pages, want 1", len(out))
	}
	return out[0]
}

func TestBuildThreeVersions(t *testing.T) {
	files := []string{
		pitch("1", "Guten Tag {{Vorname}}, wir sorgen dafür, dass Maschinen nicht ausfallen."),
		pitch("", "Guten Tag {{Vorname}}, wir sorgen dafür, dass Maschinen nie ausfallen."),
		pitch("3", "Guten Tag {{Vorname}}, wir sorgen dafür, dass Anlagen nie ausfallen."),
	}
	in, contents := fixture(t, "pitches/elevator.md", files, false)
	if n := len(Needed([]Input{in})); n != 2 {
		t.Errorf("Needed: %d revisions, want 2 (the newest is the working file)", n)
	}
	pg := build(t, in, contents)
	if !pg.Scripts || len(pg.Versions) != 3 {
		t.Fatalf("Scripts=%v, %d versions; want true, 3", pg.Scripts, len(pg.Versions))
	}
	want := []struct{ label, slug, url, field string }{
		{"v1", "1", "/pitches/elevator/v/1/", "1"},
		{"#2", "2", "/pitches/elevator/v/2/", ""},
		{"v3", "", "", "3"},
	}
	for i, w := range want {
		v := pg.Versions[i]
		if v.N != i+1 || v.Label != w.label || v.Slug != w.slug || v.URL != w.url || v.Field != w.field {
			t.Errorf("version %d: N=%d label=%q slug=%q url=%q field=%q, want %d %q %q %q %q",
				i, v.N, v.Label, v.Slug, v.URL, v.Field, i+1, w.label, w.slug, w.url, w.field)
		}
		if v.Doc == nil || len(v.Scripts) != 1 {
			t.Errorf("version %d: doc %v, %d scripts; want a doc with 1 script", i, v.Doc != nil, len(v.Scripts))
		}
		if !v.Date.Equal(day.AddDate(0, 0, i)) || v.Author != "Anna" {
			t.Errorf("version %d: date %v author %q", i, v.Date, v.Author)
		}
	}
	if pg.Current() != pg.Versions[2] || pg.Versions[2].Doc != in.Doc {
		t.Error("the current version is not the working file's document")
	}
	if pg.Versions[0].Changes != nil {
		t.Error("the first version has changes")
	}
	for i, w := range []string{
		"Guten Tag {{Vorname}}, wir sorgen dafür, dass Maschinen <del>nicht</del><ins>nie</ins> ausfallen.",
		"Guten Tag {{Vorname}}, wir sorgen dafür, dass <del>Maschinen</del><ins>Anlagen</ins> nie ausfallen.",
	} {
		cs := pg.Versions[i+1].Changes
		if len(cs) != 1 || cs[0].Kind != Edited || cs[0].Old != 1 || cs[0].New != 1 || cs[0].HTML != w {
			t.Errorf("version %d changes = %+v\nwant one edit %q", i+2, cs, w)
		}
	}
}

func TestBuildDirtyAndDuplicateLabels(t *testing.T) {
	files := []string{
		pitch("3", "Eins."),
		pitch("3", "Eins. Zwei."),
		pitch("3", "Eins. Zwei. Drei."), // working file, not committed
	}
	in, contents := fixture(t, "pitches/elevator.md", files, true)
	if n := len(Needed([]Input{in})); n != 2 {
		t.Errorf("Needed: %d revisions, want both: the working file differs", n)
	}
	pg := build(t, in, contents)
	if len(pg.Versions) != 3 {
		t.Fatalf("%d versions, want 3", len(pg.Versions))
	}
	cur := pg.Current()
	if !cur.Uncommitted || cur.Commit != "" || !cur.Date.Equal(in.Date) || cur.Label != "v3" {
		t.Errorf("current = %+v, want uncommitted v3 dated %v", cur, in.Date)
	}
	// The oldest keeps the plain segment; the later one gets its hash.
	if got := pg.Versions[0].URL + " " + pg.Versions[1].URL; got != "/pitches/elevator/v/3/ /pitches/elevator/v/3-0000002/" {
		t.Errorf("URLs = %s", got)
	}
	if cs := cur.Changes; len(cs) != 1 || cs[0].HTML != "Eins. Zwei.<ins> Drei.</ins>" {
		t.Errorf("uncommitted changes = %+v", cs)
	}
}

func TestBuildWithoutScripts(t *testing.T) {
	files := []string{
		"+++\ntitle = \"Alt\"\nversion = \"1\"\n+++\nText ```nicht script``` hier.\n",
		"+++\ntitle = \"Neu\"\n+++\nMehr Text.\n",
	}
	in, contents := fixture(t, "grundlagen/x.md", files, false)
	pg := build(t, in, contents)
	if pg.Scripts || len(pg.Versions) != 2 {
		t.Fatalf("Scripts=%v, %d versions", pg.Scripts, len(pg.Versions))
	}
	old := pg.Versions[0]
	if old.URL != "" || old.Doc != nil || old.Label != "v1" || old.Title != "Alt" {
		t.Errorf("old version = %+v: want label v1, title Alt, no page, no text", old)
	}
	if pg.Versions[1].Label != "#2" {
		t.Errorf("current label %q, want #2", pg.Versions[1].Label)
	}
}

func TestBuildTolerant(t *testing.T) {
	files := []string{
		"+++\ntitle = \"Alt\"\nversion = \"0.9\"\nstage = \"gibt es nicht\"\nunbekannt = [1, \n+++\n```script\nA\n```\n",
		"+++\ntitle = \"Alt\"\nversion = \"1\"\nstage = \"gibt es nicht\"\n+++\n```script\nA B\n```\n",
		"--- kaputt\n\x00\xff",
		"+++\nnie geschlossen\n",
		pitch("", "A B C"),
	}
	in, contents := fixture(t, "pitches/elevator.md", files, false)
	pg := build(t, in, contents)
	if len(pg.Versions) != 5 {
		t.Fatalf("%d versions, want 5", len(pg.Versions))
	}
	// A stage that no longer validates does not hide the version field.
	if got := pg.Versions[1].Label; got != "v1" {
		t.Errorf("label of a version that no longer validates = %q, want v1", got)
	}
	if got := pg.Versions[2].Scripts; got != nil {
		t.Errorf("binary version has scripts %q", got)
	}
	// Missing contents (a partial clone) give a version without text.
	delete(contents, "b1")
	pg = build(t, in, contents)
	if v := pg.Versions[1]; v.Label != "#2" || v.Doc != nil {
		t.Errorf("version without contents: label %q doc %v", v.Label, v.Doc != nil)
	}
}

func TestBuildNoHistory(t *testing.T) {
	out := Build([]Input{{Source: "x.md", URL: "/x/"}}, nil, Options{})
	if len(out) != 1 || len(out[0].Versions) != 0 || out[0].Current() != nil {
		t.Fatalf("a page without revisions got versions: %+v", out[0])
	}
}

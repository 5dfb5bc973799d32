package build

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

// TestEarlyEqualsBuild holds Early to its promise: when it renders pages,
// they are byte for byte what the next Build makes of them; when an edit
// reaches beyond its page, it declines.
func TestEarlyEqualsBuild(t *testing.T) {
	r := playbookRepo(t)
	r.write("content/einwaende/preis.md", "+++\ntitle = \"Zu teuer\"\nkind = \"objection\"\nobjection = \"Das ist zu teuer.\"\ntags = [\"preis\"]\n+++\n\n## Antwort\n\nWert vor Preis. Siehe [Pitch](../pitches/elevator.md).\n\n- [ ] Budget fragen\n")
	r.write("content/einwaende/zeit.md", "+++\ntitle = \"Keine Zeit\"\nkind = \"objection\"\nobjection = \"Keine Zeit.\"\ntags = [\"preis\"]\n+++\n\nKurz halten. [Preis](preis.md#antwort)\n")
	r.commit(day4.Add(time.Hour), "Einwände")
	r.write("content/neu/ungetrackt.md", "+++\ntitle = \"Noch nicht committet\"\n+++\n\nEntwurf.\n")

	b := New()
	in := Input{Dir: r.dir, Now: historyNow}
	if _, err := b.Build(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name  string
		file  string
		data  string
		early bool
	}{
		{"body of a clean page", "content/einwaende/zeit.md", "+++\ntitle = \"Keine Zeit\"\nkind = \"objection\"\nobjection = \"Keine Zeit.\"\ntags = [\"preis\"]\n+++\n\nKurz halten, dann fragen. [Preis](preis.md#antwort)\n", true},
		{"body again, now dirty", "content/einwaende/zeit.md", "+++\ntitle = \"Keine Zeit\"\nkind = \"objection\"\nobjection = \"Keine Zeit.\"\ntags = [\"preis\"]\n+++\n\nKurz halten, dann zwei Fragen. [Preis](preis.md#antwort)\n", true},
		{"script of a versioned pitch", "content/pitches/elevator.md", pitchFile("3", "Guten Tag {{Vorname}}. Anlagen fallen nie mehr aus."), true},
		{"script again", "content/pitches/elevator.md", pitchFile("3", "Guten Tag {{Vorname}}. Anlagen fallen nie wieder aus."), true},
		{"back to the committed text", "content/pitches/elevator.md", pitchFile("3", "Guten Tag {{Vorname}}. Wir sorgen dafür, dass Anlagen nie mehr ausfallen.\n\nWie planen Sie heute?"), true},
		{"and away again", "content/pitches/elevator.md", pitchFile("3", "Guten Tag {{Vorname}}. Anlagen fallen nie wieder aus."), true},
		{"untracked page", "content/neu/ungetrackt.md", "+++\ntitle = \"Noch nicht committet\"\n+++\n\nZweiter Entwurf.\n", true},
		{"title and summary", "content/einwaende/zeit.md", "+++\ntitle = \"Gar keine Zeit\"\nsummary = \"Wenn es eilt.\"\nkind = \"objection\"\nobjection = \"Keine Zeit.\"\ntags = [\"preis\"]\n+++\n\nKurz. [Preis](preis.md#antwort)\n", true},
		{"a tag", "content/einwaende/zeit.md", "+++\ntitle = \"Gar keine Zeit\"\nkind = \"objection\"\nobjection = \"Keine Zeit.\"\ntags = [\"preis\", \"zeit\"]\n+++\n\nKurz. [Preis](preis.md#antwort)\n", false},
		{"a new link", "content/einwaende/preis.md", "+++\ntitle = \"Zu teuer\"\nkind = \"objection\"\nobjection = \"Das ist zu teuer.\"\ntags = [\"preis\"]\n+++\n\n## Antwort\n\nWert vor Preis. Siehe [Pitch](../pitches/elevator.md) und [Zeit](zeit.md).\n\n- [ ] Budget fragen\n", false},
		{"a heading others link to", "content/einwaende/preis.md", "+++\ntitle = \"Zu teuer\"\nkind = \"objection\"\nobjection = \"Das ist zu teuer.\"\ntags = [\"preis\"]\n+++\n\n## Erwiderung\n\nWert vor Preis. Siehe [Pitch](../pitches/elevator.md) und [Zeit](zeit.md).\n\n- [ ] Budget fragen\n", false},
		{"a broken link", "content/einwaende/zeit.md", "+++\ntitle = \"Gar keine Zeit\"\nkind = \"objection\"\nobjection = \"Keine Zeit.\"\ntags = [\"preis\"]\n+++\n\nKurz. [Weg](weg.md)\n", false},
		{"a new page", "content/einwaende/neu.md", "+++\ntitle = \"Neu\"\n+++\n\nNeu.\n", false},
	}
	for _, st := range steps {
		r.write(st.file, st.data)
		// A save often arrives as two events for one file.
		early := b.Early(context.Background(), in, []string{st.file, st.file})
		res, err := b.Build(context.Background(), in)
		if (early != nil) != st.early {
			t.Fatalf("%s: early render %v, want %v", st.name, early != nil, st.early)
		}
		if early == nil {
			continue
		}
		if err != nil {
			t.Fatalf("%s: Early rendered but the build fails: %v", st.name, err)
		}
		got := files(res)
		t.Logf("%s: %d early files", st.name, len(early.Files))
		for _, f := range early.Files {
			if !bytes.Equal(got[f.Path], f.Data) {
				t.Errorf("%s: %s differs from the build's:\n%s", st.name, f.Path, firstDiff(string(f.Data), string(got[f.Path])))
			}
		}
		if want := strings.TrimSuffix(strings.TrimPrefix(st.file, "content/"), ".md") + "/index.html"; len(early.Files) == 0 || got[want] == nil {
			t.Errorf("%s: early render has %d files, the page %s is not among the build's", st.name, len(early.Files), want)
		}
	}
}

// firstDiff shows where two texts part.
func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-80)
	return "early: …" + a[from:min(len(a), i+120)] + "\nbuild: …" + b[from:min(len(b), i+120)]
}

// TestEarlyDuringBuild: watch mode runs Early while the last edit's Build
// is still running; -race checks they share nothing mutable.
func TestEarlyDuringBuild(t *testing.T) {
	r := playbookRepo(t)
	b := New()
	in := Input{Dir: r.dir, Now: historyNow}
	if _, err := b.Build(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	done := make(chan error)
	go func() {
		for i := 0; i < 3; i++ {
			// A build may catch a file half written: an error, not a race.
			b.Build(context.Background(), in)
		}
		done <- nil
	}()
	for i := 0; i < 5; i++ {
		r.write("content/pitches/elevator.md", pitchFile("3", strings.Repeat("Anlagen fallen nie mehr aus. ", i+1)))
		if b.Early(context.Background(), in, []string{"content/pitches/elevator.md"}) == nil {
			t.Error("a script edit was not rendered early")
		}
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

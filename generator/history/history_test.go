package history

import (
	"context"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

func mustLoad(t *testing.T, dir string) *History {
	t.Helper()
	h, err := Load(context.Background(), dir, Options{})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return h
}

// summary is "change path subject" per revision, newest first.
func summary(revs []Revision) []string {
	var out []string
	for _, r := range revs {
		s := string(r.Change) + " " + r.Path + " " + r.Subject
		if r.From != "" {
			s += " (from " + r.From + ")"
		}
		out = append(out, s)
	}
	return out
}

func checkRevs(t *testing.T, h *History, path string, want ...string) {
	t.Helper()
	if got := summary(h.Revisions(path)); !slices.Equal(got, want) {
		t.Errorf("Revisions(%q):\n got %q\nwant %q", path, got, want)
	}
}

func TestVersions(t *testing.T) {
	r := newRepo(t)
	r.write("content/preis.md", "---\nversion: \"1\"\n---\nErste Fassung\n")
	r.write("README.md", "outside the content folder\n")
	c1 := r.commit("first")
	r.write("content/preis.md", "---\nversion: \"2\"\n---\nZweite Fassung\n")
	r.commit("second")
	r.write("README.md", "changed, but not content\n")
	r.commit("readme only")
	r.write("content/preis.md", "---\nversion: \"3\"\n---\nDritte Fassung\n")
	r.write("content/neu.md", "spät dazugekommen\n")
	c4 := r.commit("third")

	h := mustLoad(t, r.dir)
	if !h.Available || h.Shallow || h.Note != "" || h.Head != c4 {
		t.Fatalf("got Available=%v Shallow=%v Note=%q Head=%s", h.Available, h.Shallow, h.Note, h.Head)
	}
	checkRevs(t, h, "preis.md", "M preis.md third", "M preis.md second", "A preis.md first")
	checkRevs(t, h, "neu.md", "A neu.md third")
	checkRevs(t, h, "README.md")
	if got, want := h.Paths(), []string{"neu.md", "preis.md"}; !slices.Equal(got, want) {
		t.Errorf("Paths = %q, want %q", got, want)
	}

	revs := h.Revisions("preis.md")
	first := revs[2]
	if first.Commit != c1 || first.Short != c1[:7] || first.Author != "Anna Beispiel" {
		t.Errorf("first revision = %+v", first)
	}
	if want := base.Add(time.Hour); !first.Time.Equal(want) || first.Time.Location() != time.UTC {
		t.Errorf("first.Time = %v, want %v UTC", first.Time, want)
	}
	if want := base.Add(4 * time.Hour); !revs[0].CommitTime.Equal(want) {
		t.Errorf("newest CommitTime = %v, want %v", revs[0].CommitTime, want)
	}
	if !h.Since.Equal(base.Add(time.Hour)) {
		t.Errorf("Since = %v", h.Since)
	}

	blobs, err := h.Contents(context.Background(), revs)
	if err != nil {
		t.Fatal(err)
	}
	for i, word := range []string{"Dritte", "Zweite", "Erste"} {
		if got := string(blobs[revs[i].Blob]); !strings.Contains(got, word) {
			t.Errorf("contents of revision %d = %q, want %s", i, got, word)
		}
	}
	if len(blobs) != 3 {
		t.Errorf("got %d blobs, want 3", len(blobs))
	}
}

func TestRenameFollowed(t *testing.T) {
	r := newRepo(t)
	body := "Ein Skript, das lang genug ist, damit git die Umbenennung erkennt.\n" +
		strings.Repeat("Zeile mit Inhalt\n", 20)
	r.write("content/alt.md", body)
	r.commit("add")
	r.write("content/alt.md", body+"mehr\n")
	r.commit("edit")
	r.mv("content/alt.md", "content/einwaende/neu.md")
	r.commit("move")
	r.write("content/einwaende/neu.md", body+"mehr\nnoch mehr\n")
	r.commit("edit again")
	// Renamed and edited in the same commit: still similar enough.
	r.mv("content/einwaende/neu.md", "content/einwaende/final.md")
	r.write("content/einwaende/final.md", body+"mehr\nnoch mehr\nletzte\n")
	r.commit("move and edit")

	h := mustLoad(t, r.dir)
	checkRevs(t, h, "einwaende/final.md",
		"R einwaende/final.md move and edit (from einwaende/neu.md)",
		"M einwaende/neu.md edit again",
		"R einwaende/neu.md move (from alt.md)",
		"M alt.md edit",
		"A alt.md add")
	checkRevs(t, h, "alt.md")
	checkRevs(t, h, "einwaende/neu.md")
}

func TestRenameThenNewFileAtOldName(t *testing.T) {
	r := newRepo(t)
	body := strings.Repeat("gleicher Inhalt für die Erkennung\n", 10)
	r.write("content/a.md", body)
	r.write("content/c.md", "c\n")
	r.commit("add")
	// Renamed with a new file at the old name in the next commit: followed.
	r.mv("content/a.md", "content/b.md")
	r.commit("a becomes b")
	r.write("content/a.md", "ein ganz anderer Text\n")
	r.commit("new a")
	// In one commit, git sees c.md rewritten and d.md added: without -B
	// (four times slower on a large history) git pairs no rename here.
	r.mv("content/c.md", "content/d.md")
	r.write("content/c.md", "neu\n")
	r.commit("c becomes d, new c")

	h := mustLoad(t, r.dir)
	checkRevs(t, h, "b.md", "R b.md a becomes b (from a.md)", "A a.md add")
	checkRevs(t, h, "a.md", "A a.md new a")
	checkRevs(t, h, "d.md", "A d.md c becomes d, new c")
	checkRevs(t, h, "c.md", "M c.md c becomes d, new c", "A c.md add")
}

func TestDeletedPagesIgnored(t *testing.T) {
	r := newRepo(t)
	r.write("content/weg.md", "wird gelöscht\n")
	r.write("content/wieder.md", "erste Inkarnation\n")
	r.write("content/bleibt.md", "bleibt\n")
	r.commit("add")
	r.git("rm", "-q", "content/weg.md", "content/wieder.md")
	r.commit("delete")
	r.write("content/wieder.md", "zweite Inkarnation, anderer Inhalt\n")
	r.commit("re-add")

	h := mustLoad(t, r.dir)
	if got, want := h.Paths(), []string{"bleibt.md", "wieder.md"}; !slices.Equal(got, want) {
		t.Errorf("Paths = %q, want %q", got, want)
	}
	// The deleted first file is not part of the new file's history.
	checkRevs(t, h, "wieder.md", "A wieder.md re-add")
}

func TestPlaybookInSubfolder(t *testing.T) {
	r := newRepo(t)
	r.write("content/root.md", "not the playbook's content\n")
	r.write("docs/playbook/content/a.md", "Seite\n")
	r.write("docs/playbook/playbook.toml", "title = \"x\"\n")
	r.write("docs/other/content/b.md", "another folder\n")
	r.commit("add")
	r.write("docs/playbook/content/a.md", "Seite, geändert\n")
	r.commit("edit")

	h := mustLoad(t, filepath.Join(r.dir, "docs", "playbook"))
	if got, want := h.Paths(), []string{"a.md"}; !slices.Equal(got, want) {
		t.Errorf("Paths = %q, want %q", got, want)
	}
	checkRevs(t, h, "a.md", "M a.md edit", "A a.md add")

	// Renaming a page out of the content folder ends its history there.
	r.mv("docs/playbook/content/a.md", "docs/a.md")
	r.commit("move out")
	h = mustLoad(t, filepath.Join(r.dir, "docs", "playbook"))
	if got := h.Paths(); len(got) != 0 {
		t.Errorf("after moving out, Paths = %q", got)
	}
}

func TestNotARepository(t *testing.T) {
	requireGit(t)
	dir := t.TempDir()
	h, err := Load(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if h.Available || h.Note != noteNoRepo || len(h.Paths()) != 0 {
		t.Errorf("got Available=%v Note=%q", h.Available, h.Note)
	}
	if h.Dirty("x.md") || h.Revisions("x.md") != nil {
		t.Error("an unavailable history has revisions")
	}
	blobs, err := h.Contents(context.Background(), []Revision{{Blob: "abcd"}})
	if err != nil || len(blobs) != 0 {
		t.Errorf("Contents = %v, %v", blobs, err)
	}
}

func TestGitMissing(t *testing.T) {
	h, err := Load(context.Background(), t.TempDir(), Options{Git: filepath.Join(t.TempDir(), "no-git")})
	if err != nil {
		t.Fatal(err)
	}
	if h.Available || h.Note != noteNoGit {
		t.Errorf("got Available=%v Note=%q", h.Available, h.Note)
	}
}

func TestNoCommitsYet(t *testing.T) {
	r := newRepo(t)
	r.write("content/a.md", "x\n")
	h := mustLoad(t, r.dir)
	if !h.Available || h.Note != noteNoCommits || h.Head != "" || len(h.Paths()) != 0 {
		t.Errorf("got %+v", h)
	}
}

func TestShallowClone(t *testing.T) {
	r := newRepo(t)
	for i, text := range []string{"eins\n", "zwei\n", "drei\n"} {
		r.write("content/a.md", text)
		if i == 1 {
			r.write("content/b.md", "b\n")
		}
		r.commit("c" + text[:len(text)-1])
	}
	for _, tc := range []struct {
		depth string
		since time.Time
		want  []string
	}{
		{"1", base.Add(3 * time.Hour), []string{"A a.md cdrei"}},
		{"2", base.Add(2 * time.Hour), []string{"M a.md cdrei", "A a.md czwei"}},
	} {
		t.Run("depth"+tc.depth, func(t *testing.T) {
			dst := filepath.Join(t.TempDir(), "clone")
			runGit(t, r.dir, r.env(), "clone", "-q", "--depth", tc.depth, "file://"+r.dir, dst)
			h := mustLoad(t, dst)
			if !h.Available || !h.Shallow {
				t.Fatalf("Available=%v Shallow=%v", h.Available, h.Shallow)
			}
			want := "shallow clone: history starts at 2024-03-01; run git fetch --unshallow for full history"
			if h.Note != want || !h.Since.Equal(tc.since) {
				t.Errorf("Note = %q Since = %v", h.Note, h.Since)
			}
			checkRevs(t, h, "a.md", tc.want...)
			revs := h.Revisions("a.md")
			if last := revs[len(revs)-1]; !last.Boundary {
				t.Errorf("oldest visible revision is not marked Boundary: %+v", last)
			}
			if revs[0].Boundary && len(revs) > 1 {
				t.Error("newest revision marked Boundary")
			}
			blobs, err := h.Contents(context.Background(), revs)
			if err != nil || len(blobs) != len(revs) {
				t.Errorf("Contents: %d blobs, %v", len(blobs), err)
			}
		})
	}
}

func TestDirty(t *testing.T) {
	r := newRepo(t)
	r.write("content/a.md", "a\n")
	r.write("content/b.md", "b\n")
	r.write("content/c.md", "c\n")
	r.commit("add")
	r.write("content/a.md", "a, changed\n")
	r.write("content/b.md", "b, staged\n")
	r.git("add", "content/b.md")
	r.write("content/new.md", "untracked\n")

	h := mustLoad(t, r.dir)
	for name, want := range map[string]bool{"a.md": true, "b.md": true, "c.md": false, "new.md": false} {
		if got := h.Dirty(name); got != want {
			t.Errorf("Dirty(%q) = %v, want %v", name, got, want)
		}
	}
	// The committed history is unaffected by the working tree.
	checkRevs(t, h, "a.md", "A a.md add")
}

func TestMerges(t *testing.T) {
	r := newRepo(t)
	body := strings.Repeat("Zeile, die gleich bleibt\n", 10)
	r.write("content/p.md", "oben\n"+body+"unten\n")
	r.write("content/k.md", "Konflikt\n")
	r.commit("base")
	r.git("checkout", "-q", "-b", "side")
	r.write("content/p.md", "OBEN\n"+body+"unten\n")
	r.write("content/k.md", "Seite\n")
	r.commit("side edits")
	r.git("checkout", "-q", "main")
	r.mv("content/p.md", "content/q.md")
	r.write("content/k.md", "Hauptlinie\n")
	r.commit("main renames")
	r.when = r.when.Add(time.Hour)
	cmd := []string{"merge", "-q", "--no-edit", "side"}
	if out, err := runGitErr(r.dir, r.env(), cmd...); err == nil {
		t.Fatalf("expected a conflict on k.md, got none: %s", out)
	}
	r.write("content/k.md", "Aufgelöst\n")
	r.commit("merge side")

	h := mustLoad(t, r.dir)
	// The side branch's edit of p.md belongs to q.md, the name it has now.
	revs := summary(h.Revisions("q.md"))
	slices.Sort(revs[:2]) // the two branches may come in either order
	want := []string{"M p.md side edits", "R q.md main renames (from p.md)", "A p.md base"}
	if !slices.Equal(revs, want) {
		t.Errorf("q.md revisions = %q, want %q", revs, want)
	}
	checkRevs(t, h, "p.md")
	// A conflict resolution is a version of its own.
	got := summary(h.Revisions("k.md"))
	if len(got) != 4 || got[0] != "M k.md merge side" || got[3] != "A k.md base" {
		t.Errorf("k.md revisions = %q", got)
	}
}

func TestDeterministic(t *testing.T) {
	r := newRepo(t)
	r.write("content/a.md", "a\n")
	r.write("content/x/b.md", "b\n")
	r.commit("one")
	r.write("content/a.md", "a2\n")
	r.commit("two")
	h1 := mustLoad(t, r.dir)
	clone := filepath.Join(t.TempDir(), "clone")
	runGit(t, r.dir, r.env(), "clone", "-q", "file://"+r.dir, clone)
	h2 := mustLoad(t, clone)
	for _, p := range []string{"a.md", "x/b.md"} {
		if !reflect.DeepEqual(h1.Revisions(p), h2.Revisions(p)) {
			t.Errorf("%s differs between clones:\n%+v\n%+v", p, h1.Revisions(p), h2.Revisions(p))
		}
	}
}

func TestCache(t *testing.T) {
	r := newRepo(t)
	r.write("content/a.md", "a\n")
	r.commit("one")
	var c Cache
	ctx := context.Background()
	load := func() *History {
		t.Helper()
		h, err := c.Load(ctx, r.dir, Options{})
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	h1 := load()
	h2 := load()
	if c.logs != 1 {
		t.Errorf("log read %d times for an unchanged HEAD", c.logs)
	}
	if !reflect.DeepEqual(h1.Revisions("a.md"), h2.Revisions("a.md")) {
		t.Error("cached history differs")
	}
	r.write("content/a.md", "a, unsaved work\n")
	if h := load(); !h.Dirty("a.md") || c.logs != 1 {
		t.Errorf("after an edit: Dirty=%v logs=%d", h.Dirty("a.md"), c.logs)
	}
	if h1.Dirty("a.md") {
		t.Error("an earlier History changed")
	}
	r.commit("two")
	if h := load(); len(h.Revisions("a.md")) != 2 || h.Dirty("a.md") || c.logs != 2 {
		t.Errorf("after a commit: %d revisions, logs=%d", len(h.Revisions("a.md")), c.logs)
	}
}

func TestContentsCancelled(t *testing.T) {
	r := newRepo(t)
	r.write("content/a.md", "a\n")
	r.commit("one")
	h := mustLoad(t, r.dir)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := h.Contents(ctx, h.Revisions("a.md")); err == nil {
		t.Error("Contents with a cancelled context succeeded")
	}
	if _, err := Load(ctx, r.dir, Options{}); err == nil {
		t.Error("Load with a cancelled context succeeded")
	}
	// Unknown and malformed ids are skipped, not errors.
	blobs, err := h.Contents(context.Background(), []Revision{{Blob: strings.Repeat("0", 40)}, {Blob: "HEAD:content/a.md"}})
	if err != nil || len(blobs) != 0 {
		t.Errorf("Contents = %v, %v", blobs, err)
	}
}

func TestLabel(t *testing.T) {
	for _, tc := range []struct {
		field string
		n     int
		want  string
	}{
		{"", 3, "#3"},
		{"  ", 1, "#1"},
		{"2", 5, "v2"},
		{"2.1", 5, "v2.1"},
		{"v4", 1, "v4"},
		{" V1 ", 1, "V1"},
	} {
		if got := Label(tc.field, tc.n); got != tc.want {
			t.Errorf("Label(%q, %d) = %q, want %q", tc.field, tc.n, got, tc.want)
		}
	}
}

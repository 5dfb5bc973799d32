package build

import (
	"bytes"
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite golden files")

// gitRepo is a real Git repository in a temporary folder, with a fixed
// identity and commit dates so that hashes are the same on every run.
type gitRepo struct {
	t    *testing.T
	dir  string
	home string
}

func newGitRepo(t *testing.T) *gitRepo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	r := &gitRepo{t: t, dir: t.TempDir(), home: t.TempDir()}
	r.git(time.Time{}, "init", "-q", "-b", "main")
	r.git(time.Time{}, "config", "user.name", "Anna Beispiel")
	r.git(time.Time{}, "config", "user.email", "anna@example.com")
	return r
}

func (r *gitRepo) git(when time.Time, args ...string) string {
	r.t.Helper()
	return runGit(r.t, r.dir, r.home, when, args...)
}

func runGit(t *testing.T, dir, home string, when time.Time, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "HOME="+home, "XDG_CONFIG_HOME="+home, "GIT_CONFIG_NOSYSTEM=1")
	if !when.IsZero() {
		d := when.Format(time.RFC3339)
		cmd.Env = append(cmd.Env, "GIT_AUTHOR_DATE="+d, "GIT_COMMITTER_DATE="+d)
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func (r *gitRepo) write(name, data string) {
	r.t.Helper()
	writeFile(r.t, filepath.Join(r.dir, name), data)
}

func writeFile(t *testing.T, p, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func (r *gitRepo) commit(when time.Time, msg string) {
	r.t.Helper()
	r.git(when, "add", "-A")
	r.git(when, "commit", "-q", "-m", msg)
}

func pitchFile(version, script string) string {
	front := "+++\ntitle = \"Elevator Pitch\"\nduration = \"30s\"\n"
	if version != "" {
		front += "version = \"" + version + "\"\n"
	}
	return front + "+++\n\nDreißig Sekunden, die ein Gespräch eröffnen.\n\n```script\n" + script + "\n```\n\nDanach: zuhören.\n"
}

func voicemailFile(script string) string {
	return "+++\ntitle = \"Letzter Versuch\"\nmax_seconds = 30\n+++\n\n```script\n" + script + "\n```\n"
}

var (
	day1 = time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)
	day2 = time.Date(2024, 3, 10, 9, 0, 0, 0, time.UTC)
	day3 = time.Date(2024, 3, 20, 9, 0, 0, 0, time.UTC)
	day4 = time.Date(2024, 4, 1, 9, 0, 0, 0, time.UTC)
	// historyNow puts day4 within the last 30 days and day2 outside them.
	historyNow = time.Date(2024, 4, 15, 0, 0, 0, 0, time.UTC)
)

// playbookRepo commits a small playbook over four commits: a pitch whose
// script changes three times (version field "1", none, "3"), a voicemail
// renamed and then edited, and a page without scripts or updated field.
func playbookRepo(t *testing.T) *gitRepo {
	r := newGitRepo(t)
	r.write("playbook.toml", "title = \"Playbook\"\nlanguage = \"de\"\n\n[placeholders]\nVorname = \"Vorname\"\n")
	r.write("content/pitches/elevator.md", pitchFile("1", "Guten Tag {{Vorname}}. Wir sorgen dafür, dass Maschinen nicht überraschend ausfallen."))
	r.write("content/voicemails/alt.md", voicemailFile("Hallo {{Vorname}}, ich melde mich ein letztes Mal."))
	r.write("content/grundlagen/ohne.md", "+++\ntitle = \"Ohne Skript\"\n+++\n\nNur Text.\n")
	r.commit(day1, "Erste Fassung")
	r.write("content/pitches/elevator.md", pitchFile("", "Guten Tag {{Vorname}}. Wir sorgen dafür, dass Maschinen nie mehr überraschend ausfallen."))
	r.commit(day2, "Pitch schärfer")
	r.git(day3, "mv", "content/voicemails/alt.md", "content/voicemails/kurz.md")
	r.commit(day3, "Voicemail umbenannt")
	r.write("content/pitches/elevator.md", pitchFile("3", "Guten Tag {{Vorname}}. Wir sorgen dafür, dass Anlagen nie mehr ausfallen.\n\nWie planen Sie heute?"))
	r.write("content/voicemails/kurz.md", voicemailFile("Hallo {{Vorname}}, ein letztes Mal: Rufen Sie gern zurück."))
	r.commit(day4, "Nach dem Training")
	return r
}

func buildDir(t *testing.T, b *Builder, dir string) *Result {
	t.Helper()
	res, err := b.Build(context.Background(), Input{Dir: dir, Now: historyNow})
	if err != nil {
		t.Fatalf("build %s: %v", dir, err)
	}
	return res
}

// between returns the first part of s from start up to and including end.
func between(t *testing.T, s, start, end string) string {
	t.Helper()
	i := strings.Index(s, start)
	if i < 0 {
		t.Fatalf("no %q in\n%s", start, s)
	}
	j := strings.Index(s[i:], end)
	if j < 0 {
		t.Fatalf("no %q after %q", end, start)
	}
	return s[i : i+j+len(end)]
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	p := filepath.Join("testdata", "versions", name+".golden")
	if *update {
		writeFile(t, p, got)
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from %s (go test -update rewrites it):\n%s", name, p, got)
	}
}

func TestHistoryVersions(t *testing.T) {
	r := playbookRepo(t)
	res := buildDir(t, New(), r.dir)
	if len(res.Notes) != 0 {
		t.Errorf("notes for a full repository: %q", res.Notes)
	}
	fs := files(res)
	for _, p := range []string{
		"pitches/elevator/v/1/index.html", "pitches/elevator/v/2/index.html",
		// The voicemail's versions from before the rename belong to it.
		"voicemails/kurz/v/1/index.html", "voicemails/kurz/v/2/index.html",
		"changes/index.html", "changes/last-30-days/index.html", "changes/last-90-days/index.html",
	} {
		if fs[p] == nil {
			t.Errorf("missing %s", p)
		}
	}
	for p := range fs {
		if strings.HasPrefix(p, "pitches/elevator/v/3") || strings.HasPrefix(p, "grundlagen/ohne/v/") {
			t.Errorf("unexpected %s: the current version and pages without scripts have no version page", p)
		}
	}

	s := res.Site
	el := s.BySource["pitches/elevator.md"]
	var labels []string
	for _, v := range el.Versions {
		labels = append(labels, v.Label)
	}
	if got := strings.Join(labels, " "); got != "v1 #2 v3" || el.Current != el.Versions[2] {
		t.Errorf("elevator versions %q, want v1 #2 v3 with v3 current", got)
	}
	kurz := s.BySource["voicemails/kurz.md"]
	if len(kurz.Versions) != 3 || kurz.Versions[1].From != "voicemails/alt.md" {
		t.Errorf("voicemail: %d versions, renamed from %q", len(kurz.Versions), kurz.Versions[1].From)
	}
	// Without an updated field a page is as new as its last commit.
	if got := s.BySource["grundlagen/ohne.md"].Updated; !got.Equal(day1) {
		t.Errorf("updated of a page without the field = %v, want %v", got, day1)
	}

	page := string(fs["pitches/elevator/index.html"])
	hist := between(t, page, `<section class="history"`, "</section>")
	if !strings.Contains(hist, "<del>Maschinen</del><ins>Anlagen</ins>") {
		t.Errorf("history lacks the word diff:\n%s", hist)
	}
	golden(t, "elevator-history", hist)
	old := string(fs["pitches/elevator/v/1/index.html"])
	for _, want := range []string{`<meta name="robots" content="noindex">`, `href="/pitches/elevator/"`, "nicht überraschend ausfallen"} {
		if !strings.Contains(old, want) {
			t.Errorf("version page lacks %q", want)
		}
	}
	golden(t, "elevator-v1", between(t, old, `<article class="page page-version">`, "</article>"))
}

func TestHistoryChangesPage(t *testing.T) {
	r := playbookRepo(t)
	fs := files(buildDir(t, New(), r.dir))
	all := string(fs["changes/index.html"])
	list := between(t, all, `<ol class="changes"`, "</ol>")
	golden(t, "changes", list)
	// Newest first: both edits of day4 (by URL), the edit of day2, then the new pages.
	dates := regexp.MustCompile(`data-date="([0-9-]+)"><h2><a href="([^"]+)"|data-date="([0-9-]+)">\n<h2><a href="([^"]+)"`).FindAllStringSubmatch(list, -1)
	var got []string
	for _, m := range dates {
		got = append(got, m[3]+" "+m[4])
	}
	want := "2024-04-01 /pitches/elevator/|2024-04-01 /voicemails/kurz/|2024-03-10 /pitches/elevator/|2024-03-01 /pitches/elevator/|2024-03-01 /voicemails/kurz/"
	if strings.Join(got, "|") != want {
		t.Errorf("changes order\n got %s\nwant %s", strings.Join(got, "|"), want)
	}
	for _, want := range []string{`data-changes-since`, `src="/assets/changes.`, `href="/changes/last-30-days/"`} {
		if !strings.Contains(all, want) {
			t.Errorf("changes page lacks %q", want)
		}
	}
	// The 30-day listing counts from the build date: day4 only.
	last30 := string(fs["changes/last-30-days/index.html"])
	if n := strings.Count(last30, `class="change"`); n != 2 || strings.Contains(last30, "2024-03-10") {
		t.Errorf("last 30 days: %d changes, want the 2 of day4", n)
	}
	if !strings.Contains(last30, `<a href="/changes/last-30-days/" aria-current="page">`) {
		t.Error("last 30 days: its filter link is not marked current")
	}
	if n := strings.Count(string(fs["changes/last-90-days/index.html"]), `class="change"`); n != 5 {
		t.Errorf("last 90 days: %d changes, want 5", n)
	}
}

func TestHistoryOutsideGit(t *testing.T) {
	r := playbookRepo(t)
	dir := t.TempDir()
	// Git must not find a repository above the copy, whatever TMPDIR is.
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
	for _, name := range []string{"playbook.toml", "content/pitches/elevator.md", "content/voicemails/kurz.md", "content/grundlagen/ohne.md"} {
		data, err := os.ReadFile(filepath.Join(r.dir, name))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, name), string(data))
	}
	mtime := time.Date(2024, 5, 5, 12, 0, 0, 0, time.UTC)
	if err := os.Chtimes(filepath.Join(dir, "content/grundlagen/ohne.md"), mtime, mtime); err != nil {
		t.Fatal(err)
	}
	res := buildDir(t, New(), dir)
	if len(res.Notes) != 1 || !strings.Contains(res.Notes[0], "not a Git work tree") {
		t.Errorf("notes = %q, want one saying there is no Git work tree", res.Notes)
	}
	if got := res.Site.BySource["grundlagen/ohne.md"].Updated; !got.Equal(mtime) {
		t.Errorf("updated = %v, want the file's modification time %v", got, mtime)
	}
	fs := files(res)
	for p := range fs {
		if strings.Contains(p, "/v/") {
			t.Errorf("version page %s outside Git", p)
		}
	}
	if !bytes.Contains(fs["changes/index.html"], []byte("not a Git work tree")) {
		t.Error("the changes page does not say why it is empty")
	}
}

func TestHistoryShallowClone(t *testing.T) {
	r := playbookRepo(t)
	dir := filepath.Join(t.TempDir(), "clone")
	runGit(t, r.home, r.home, time.Time{}, "clone", "-q", "--depth", "1", "file://"+r.dir, dir)
	res := buildDir(t, New(), dir)
	if len(res.Notes) != 1 || !strings.Contains(res.Notes[0], "shallow clone: history starts at 2024-04-01") {
		t.Errorf("notes = %q, want the shallow clone note", res.Notes)
	}
	el := res.Site.BySource["pitches/elevator.md"]
	if len(el.Versions) != 1 || !el.Current.Boundary || el.Current.Label != "v3" {
		t.Fatalf("shallow: %d versions, want the boundary version v3", len(el.Versions))
	}
	fs := files(res)
	// The cut-off commit is not news: nothing changed in what the clone sees.
	if n := bytes.Count(fs["changes/index.html"], []byte(`class="change"`)); n != 0 {
		t.Errorf("shallow clone lists %d changes, want 0", n)
	}
	if !bytes.Contains(fs["pitches/elevator/index.html"], []byte("Ältere Versionen fehlen")) {
		t.Error("the page does not say that older versions are missing")
	}
}

func TestHistoryDeterministic(t *testing.T) {
	r := playbookRepo(t)
	// A second clone of the same commit: other folder, other file times.
	dir := filepath.Join(t.TempDir(), "clone")
	runGit(t, r.home, r.home, time.Time{}, "clone", "-q", "file://"+r.dir, dir)
	a := buildDir(t, New(), r.dir)
	b := buildDir(t, New(), dir)
	if !equalFiles(a.Files, b.Files) {
		fa, fb := files(a), files(b)
		for p := range fa {
			if !bytes.Equal(fa[p], fb[p]) {
				t.Errorf("%s differs between two builds of the same commit", p)
			}
		}
		t.FailNow()
	}
}

func TestHistoryWatchRebuild(t *testing.T) {
	r := playbookRepo(t)
	b := New()
	first := buildDir(t, b, r.dir)
	again := buildDir(t, b, r.dir)
	if !equalFiles(first.Files, again.Files) {
		t.Error("a rebuild without changes differs")
	}
	// An uncommitted edit is a version of its own; a commit makes it v4.
	r.write("content/pitches/elevator.md", pitchFile("4", "Guten Tag {{Vorname}}. Anlagen fallen nie mehr aus."))
	dirty := buildDir(t, b, r.dir)
	el := dirty.Site.BySource["pitches/elevator.md"]
	if len(el.Versions) != 4 || !el.Current.Uncommitted || el.Current.Label != "v4" {
		t.Fatalf("uncommitted edit: %d versions, current %+v", len(el.Versions), el.Current)
	}
	if files(dirty)["pitches/elevator/v/3/index.html"] == nil {
		t.Error("the last commit has no page while the working file differs")
	}
	r.commit(day4.Add(time.Hour), "v4")
	next := buildDir(t, b, r.dir)
	el = next.Site.BySource["pitches/elevator.md"]
	if len(el.Versions) != 4 || el.Current.Uncommitted || el.Current.Subject != "v4" {
		t.Errorf("after the commit: %d versions, current %q", len(el.Versions), el.Current.Subject)
	}
	fresh := buildDir(t, New(), r.dir)
	if !equalFiles(next.Files, fresh.Files) {
		t.Error("rebuild with cached history differs from a fresh build")
	}
}

func TestHistoryWithFS(t *testing.T) {
	r := playbookRepo(t)
	for _, tc := range []struct {
		history bool
		want    int
	}{{false, 0}, {true, 3}} {
		// serve reads the disk through a snapshot FS and asks for history.
		res, err := New().Build(context.Background(), Input{Dir: r.dir, FS: os.DirFS(r.dir), Now: historyNow, History: tc.history})
		if err != nil {
			t.Fatal(err)
		}
		if got := len(res.Site.BySource["pitches/elevator.md"].Versions); got != tc.want {
			t.Errorf("History=%v: %d versions, want %d", tc.history, got, tc.want)
		}
	}
}

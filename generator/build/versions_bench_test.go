package build

import (
	"bufio"
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
)

// Benchmark history from the issue: the 10,000-page corpus committed over
// 2,000 commits. The corpus generator writes every page at once, so the
// history is simulated: commits 1-1,000 add the pages ten at a time, and
// commits 1,001-2,000 each edit the scripts of three pages (1,500 pages
// edited twice: 3,000 earlier versions with scripts in all).
const (
	benchImportCommits  = 1000
	benchEditCommits    = 1000
	benchEditsPerCommit = 3
	benchEditedPages    = 1500
)

// BenchmarkHistoryCorpus builds the corpus in a Git repository with and
// without history. PLAYBOOK_CORPUS names the corpus (default
// /tmp/playbook-bench/c10000); PLAYBOOK_BENCH_GIT keeps the generated
// repository there for reuse (default: a temporary folder).
func BenchmarkHistoryCorpus(b *testing.B) {
	corpus := os.Getenv("PLAYBOOK_CORPUS")
	if corpus == "" {
		corpus = "/tmp/playbook-bench/c10000"
	}
	if _, err := os.Stat(filepath.Join(corpus, "playbook.toml")); err != nil {
		b.Skip("no corpus at " + corpus)
	}
	if _, err := exec.LookPath("git"); err != nil {
		b.Skip("git not installed")
	}
	dir := os.Getenv("PLAYBOOK_BENCH_GIT")
	if dir == "" {
		dir = b.TempDir()
	}
	if _, err := os.Stat(filepath.Join(dir, ".git")); err != nil {
		start := time.Now()
		if err := makeHistoryRepo(corpus, dir); err != nil {
			b.Fatal(err)
		}
		b.Logf("committed %s over %d commits in %v", corpus, benchImportCommits+benchEditCommits, time.Since(start))
	}
	ctx := context.Background()
	for _, mode := range []struct {
		name      string
		noHistory bool
	}{{"NoHistory", true}, {"History", false}} {
		b.Run(mode.name, func(b *testing.B) {
			var hist time.Duration
			var versions int
			for b.Loop() {
				res, err := New().Build(ctx, Input{Dir: dir, Now: fixedNow, NoHistory: mode.noHistory})
				if err != nil {
					b.Fatal(err)
				}
				hist += res.Stats.History
				versions = 0
				for _, f := range res.Files {
					if strings.Contains(f.Path, "/v/") {
						versions++
					}
				}
			}
			b.ReportMetric(float64(hist.Milliseconds())/float64(b.N), "history-ms/op")
			b.ReportMetric(float64(versions), "version-pages")
		})
	}
}

var (
	scriptFence  = regexp.MustCompile("(?s)```script\n(.*?)\n```")
	versionField = regexp.MustCompile(`(?m)^version = "([^"]*)"$`)
)

// olderText is page text as it was k edits before the corpus's version:
// each script has an extra sentence and the version field a suffix.
func olderText(data []byte, k int) []byte {
	if k == 0 {
		return data
	}
	s := scriptFence.ReplaceAllStringFunc(string(data), func(m string) string {
		body := strings.TrimSuffix(strings.TrimPrefix(m, "```script\n"), "\n```")
		lines := strings.Split(body, "\n")
		lines[k%len(lines)] += fmt.Sprintf(" Früher hieß es hier noch etwas anderes (Fassung %d).", k)
		return "```script\n" + strings.Join(lines, "\n") + "\n```"
	})
	s = versionField.ReplaceAllString(s, fmt.Sprintf(`version = "${1}-alt%d"`, k))
	return []byte(s)
}

// makeHistoryRepo writes the corpus into a new repository at dir with git
// fast-import, then checks it out.
func makeHistoryRepo(corpus, dir string) error {
	var paths []string
	err := filepath.WalkDir(corpus, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(corpus, p)
		paths = append(paths, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		return err
	}
	sort.Strings(paths)
	data := map[string][]byte{}
	var scripted []string
	for _, p := range paths {
		b, err := os.ReadFile(filepath.Join(corpus, p))
		if err != nil {
			return err
		}
		data[p] = b
		if strings.HasSuffix(p, ".md") && scriptFence.Match(b) {
			scripted = append(scripted, p)
		}
	}
	// Which page each edit changes: every edited page twice.
	edits := make([]string, benchEditCommits*benchEditsPerCommit)
	remaining := map[string]int{}
	for i := range edits {
		edits[i] = scripted[(i*7919)%min(benchEditedPages, len(scripted))]
		remaining[edits[i]]++
	}

	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	env := append(os.Environ(), "HOME="+dir, "GIT_CONFIG_NOSYSTEM=1")
	git := func(args ...string) error {
		cmd := exec.Command("git", args...)
		cmd.Dir, cmd.Env = dir, env
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("git %s: %v: %s", strings.Join(args, " "), err, out)
		}
		return nil
	}
	if err := git("init", "-q", "-b", "main"); err != nil {
		return err
	}
	cmd := exec.Command("git", "fast-import", "--quiet")
	cmd.Dir, cmd.Env = dir, env
	var stderr strings.Builder
	cmd.Stderr = &stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	w := bufio.NewWriterSize(stdin, 1<<20)
	when := time.Date(2022, 1, 3, 9, 0, 0, 0, time.UTC)
	n := 0
	commit := func(msg string, files map[string][]byte) {
		n++
		when = when.Add(7 * time.Hour)
		fmt.Fprintf(w, "commit refs/heads/main\ncommitter Bench Author <bench@example.com> %d +0000\ndata %d\n%s\n", when.Unix(), len(msg), msg)
		names := make([]string, 0, len(files))
		for p := range files {
			names = append(names, p)
		}
		sort.Strings(names)
		for _, p := range names {
			fmt.Fprintf(w, "M 100644 inline %s\ndata %d\n", p, len(files[p]))
			w.Write(files[p])
			w.WriteByte('\n')
		}
	}
	for c := range benchImportCommits {
		files := map[string][]byte{}
		for _, p := range paths[c*len(paths)/benchImportCommits : (c+1)*len(paths)/benchImportCommits] {
			files[p] = olderText(data[p], remaining[p])
		}
		commit(fmt.Sprintf("Import %d", c+1), files)
	}
	for c := range benchEditCommits {
		files := map[string][]byte{}
		for _, p := range edits[c*benchEditsPerCommit : (c+1)*benchEditsPerCommit] {
			remaining[p]--
			files[p] = olderText(data[p], remaining[p])
		}
		commit(fmt.Sprintf("Skripte überarbeitet (%d)", c+1), files)
	}
	flushErr := w.Flush()
	stdin.Close()
	if err := cmd.Wait(); err != nil || flushErr != nil {
		return fmt.Errorf("git fast-import: %v %v: %s", err, flushErr, stderr.String())
	}
	return git("checkout", "-q", "-f", "main")
}

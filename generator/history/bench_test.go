package history

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// Corpus size from the issue: 10,000 pages committed over 2,000 commits.
const (
	benchPages   = 10000
	benchCommits = 2000
)

// BenchmarkLoad measures history for a 10,000-page corpus over 2,000
// commits. The repository is generated with git fast-import (a few
// seconds) only when benchmarks run: `go test -run x -bench Load`.
func BenchmarkLoad(b *testing.B) {
	requireGit(b)
	dir := b.TempDir()
	start := time.Now()
	makeBenchRepo(b, dir)
	b.Logf("generated %d pages over %d commits in %v", benchPages, benchCommits, time.Since(start))
	ctx := context.Background()

	b.Run("Load", func(b *testing.B) {
		for b.Loop() {
			h, err := Load(ctx, dir, Options{})
			if err != nil {
				b.Fatal(err)
			}
			if n := len(h.Paths()); n != benchPages {
				b.Fatalf("%d paths with history, want %d", n, benchPages)
			}
		}
	})
	b.Run("CacheHit", func(b *testing.B) {
		var c Cache
		if _, err := c.Load(ctx, dir, Options{}); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if _, err := c.Load(ctx, dir, Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Contents", func(b *testing.B) {
		h, err := Load(ctx, dir, Options{})
		if err != nil {
			b.Fatal(err)
		}
		var revs []Revision
		for _, p := range h.Paths() {
			revs = append(revs, h.Revisions(p)...)
		}
		b.ReportMetric(float64(len(revs)), "blobs/op")
		for b.Loop() {
			m, err := h.Contents(ctx, revs)
			if err != nil || len(m) == 0 {
				b.Fatal(len(m), err)
			}
		}
	})
}

// makeBenchRepo writes a deterministic history: each commit adds five
// pages and edits three older ones; every hundredth commit also renames
// twenty pages into another section, and every tenth touches files
// outside the content folder.
func makeBenchRepo(b *testing.B, dir string) {
	env := append(os.Environ(), "HOME="+dir, "GIT_CONFIG_NOSYSTEM=1")
	runGit(b, dir, env, "init", "-q", "-b", "main")
	cmd := exec.Command("git", "fast-import", "--quiet")
	cmd.Dir = dir
	cmd.Env = env
	stdin, err := cmd.StdinPipe()
	if err != nil {
		b.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriterSize(stdin, 1<<20)
	rng := rand.New(rand.NewPCG(1, 2))
	data := func(s string) { fmt.Fprintf(w, "data %d\n%s\n", len(s), s) }
	var pages []string
	when := base.Unix()
	for c := 1; c <= benchCommits; c++ {
		when += 3600
		fmt.Fprintf(w, "commit refs/heads/main\nmark :%d\n", c)
		fmt.Fprintf(w, "committer Bench <bench@example.com> %d +0100\n", when)
		data(fmt.Sprintf("commit %d", c))
		if c > 1 {
			fmt.Fprintf(w, "from :%d\n", c-1)
		}
		for range 3 {
			if len(pages) > 0 {
				fmt.Fprintf(w, "M 100644 inline %s\n", pages[rng.IntN(len(pages))])
				data(benchPage(rng))
			}
		}
		if c%100 == 0 {
			for range 20 {
				i := rng.IntN(len(pages))
				to := fmt.Sprintf("content/moved%02d/%s", c/100, pages[i][strings.LastIndexByte(pages[i], '/')+1:])
				if to == pages[i] {
					continue
				}
				fmt.Fprintf(w, "R %s %s\n", pages[i], to)
				pages[i] = to
			}
		}
		if c%10 == 0 {
			fmt.Fprintf(w, "M 100644 inline src/file%d.go\n", c%37)
			data(fmt.Sprintf("package src // %d\n", c))
		}
		for range benchPages / benchCommits {
			p := fmt.Sprintf("content/s%02d/page-%05d.md", len(pages)%100, len(pages))
			pages = append(pages, p)
			fmt.Fprintf(w, "M 100644 inline %s\n", p)
			data(benchPage(rng))
		}
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	stdin.Close()
	if err := cmd.Wait(); err != nil {
		b.Fatalf("git fast-import: %v\n%s", err, stderr.String())
	}
	runGit(b, dir, env, "reset", "-q", "--hard", "main")
}

// benchPage is a page of about 1.5 KB with a random ingredient, so that
// edits change its blob.
func benchPage(rng *rand.Rand) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "---\ntitle: Seite %d\nversion: \"%d\"\n---\n", rng.IntN(1e6), rng.IntN(9)+1)
	words := []string{"Kunde", "Preis", "Angebot", "Einwand", "Termin", "Nutzen", "Frage", "Lösung"}
	for range 30 {
		for range 8 {
			sb.WriteString(words[rng.IntN(len(words))])
			sb.WriteByte(' ')
		}
		sb.WriteString("\n")
	}
	return sb.String()
}

package history

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// testRepo is a real Git repository in a temporary folder with fixed
// identities and dates, so that hashes are the same on every run.
type testRepo struct {
	t    *testing.T
	dir  string
	home string
	when time.Time
}

// base is the date of the first test commit; each commit adds an hour.
var base = time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)

func requireGit(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
}

func newRepo(t *testing.T) *testRepo {
	t.Helper()
	requireGit(t)
	r := &testRepo{t: t, dir: t.TempDir(), home: t.TempDir(), when: base}
	r.git("init", "-q", "-b", "main")
	r.git("config", "user.name", "Anna Beispiel")
	r.git("config", "user.email", "anna@example.com")
	return r
}

// env isolates git from the user's configuration.
func (r *testRepo) env() []string {
	d := r.when.Format(time.RFC3339)
	return append(os.Environ(),
		"HOME="+r.home, "XDG_CONFIG_HOME="+r.home, "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_DATE="+d, "GIT_COMMITTER_DATE="+d)
}

func (r *testRepo) git(args ...string) string {
	r.t.Helper()
	return runGit(r.t, r.dir, r.env(), args...)
}

func runGit(t testing.TB, dir string, env []string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func (r *testRepo) write(name, data string) {
	r.t.Helper()
	p := filepath.Join(r.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

// commit stages everything and commits it an hour after the last commit.
func (r *testRepo) commit(msg string) string {
	r.t.Helper()
	r.when = r.when.Add(time.Hour)
	r.git("add", "-A")
	r.git("commit", "-q", "-m", msg)
	return strings.TrimSpace(r.git("rev-parse", "HEAD"))
}

// runGitErr runs git and returns its error instead of failing the test.
func runGitErr(dir string, env []string, args ...string) (string, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// mv renames with git mv, creating the target folder first.
func (r *testRepo) mv(from, to string) {
	r.t.Helper()
	if err := os.MkdirAll(filepath.Dir(filepath.Join(r.dir, filepath.FromSlash(to))), 0o755); err != nil {
		r.t.Fatal(err)
	}
	r.git("mv", from, to)
}

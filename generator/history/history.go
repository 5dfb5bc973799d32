// Package history reads the Git history of a playbook's content folder in
// one pass: one `git log` for the whole repository gives every version of
// every file, following renames, and one `git cat-file --batch` process
// fetches the old contents callers ask for. It never starts a process per
// page.
//
// Outside a Git work tree, without git, or in a shallow clone the build
// still works: History.Available and History.Shallow say what is missing
// and History.Note says it in one line for the user.
//
// The package knows nothing about front matter: callers label versions
// from the old contents (see Label).
package history

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Options says where the content lives and which git to run.
type Options struct {
	// ContentDir is the folder below the playbook root whose files are
	// tracked; "" means "content".
	ContentDir string
	// Git is the git executable; "" means "git" found on PATH.
	Git string
}

func (o Options) contentDir() string {
	if o.ContentDir == "" {
		return "content"
	}
	return strings.Trim(path.Clean(o.ContentDir), "/")
}

// Change is what a commit did to a file.
type Change byte

const (
	Added    Change = 'A'
	Modified Change = 'M'
	Renamed  Change = 'R' // Revision.From holds the old path
)

// Revision is one commit that changed one file.
type Revision struct {
	Commit     string    // full hash
	Short      string    // first 7 characters of Commit: fixed length, so stable across clones
	Time       time.Time // author date, UTC: when the change was written
	CommitTime time.Time // committer date, UTC
	Author     string    // author name as recorded (no mailmap: the same commit gives the same name)
	Subject    string    // first line of the commit message
	Path       string    // the file's path at this commit, relative to the content folder
	From       string    // for Renamed: the path before, relative to the content folder
	Blob       string    // id of the file's contents at this commit, for Contents
	Change     Change
	// Boundary marks the oldest commit of a shallow clone: the file may be
	// older than this revision, which git reports as an addition.
	Boundary bool
}

// History is the Git history of one playbook's content folder. It is
// immutable after Load and safe for concurrent use.
type History struct {
	// Available is false outside a Git work tree or without git; pages
	// then have only their current version.
	Available bool
	// Shallow is true in a shallow clone: history stops at Since.
	Shallow bool
	// Note is a one-line explanation for the user of what history is
	// missing, "" when nothing is.
	Note string
	// Head is the commit at HEAD, "" outside Git or before the first commit.
	Head string
	// Since is the date of the oldest commit seen (committer date, UTC);
	// zero when there is none.
	Since time.Time

	git   git
	revs  map[string][]Revision // by path at HEAD, relative to the content folder; newest first
	dirty map[string]bool       // paths with uncommitted changes (git status)
}

// Revisions returns the commits that changed the file at path (slash path
// relative to the content folder, as it is named now), newest first. It is
// empty for files Git does not know.
func (h *History) Revisions(path string) []Revision {
	if h == nil {
		return nil
	}
	return slices.Clone(h.revs[path])
}

// Paths returns every path with at least one revision, sorted.
func (h *History) Paths() []string {
	if h == nil {
		return nil
	}
	out := make([]string, 0, len(h.revs))
	for p := range h.revs {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// Dirty reports whether the file at path has uncommitted changes (staged
// or not) according to `git status` at load time. Callers then treat the
// working file as the current version. Untracked files are not dirty: they
// have no revisions at all.
func (h *History) Dirty(path string) bool {
	return h != nil && h.dirty[path]
}

// Label names version n (1 = oldest) of a page: "v" plus the page's
// `version` field at that commit when it had one (kept as is when it
// already starts with "v"), else "#n".
func Label(versionField string, n int) string {
	v := strings.TrimSpace(versionField)
	switch {
	case v == "":
		return "#" + strconv.Itoa(n)
	case v[0] == 'v' || v[0] == 'V':
		return v
	default:
		return "v" + v
	}
}

// Notes shown to the user. They say what is missing and, where there is
// one, what to do about it.
const (
	noteNoGit     = "git is not installed: pages show only their current version"
	noteNoRepo    = "not a Git work tree: pages show only their current version"
	noteNoCommits = "no commits yet: pages show only their current version"
)

// Load reads the history of the files under <dir>/<ContentDir>/. dir is
// the playbook root; it may be a sub-folder of the work tree. Outside a
// work tree or without git it returns an unavailable History and no error;
// any other git failure is an error carrying git's message.
func Load(ctx context.Context, dir string, opts Options) (*History, error) {
	p, h, err := probe(ctx, dir, opts)
	if err != nil || h != nil {
		return h, err
	}
	return load(ctx, p, opts)
}

// repo is what `git rev-parse` says about dir.
type repo struct {
	bin     string // git executable
	top     string // work tree root
	prefix  string // dir relative to top, "" or ending in "/"
	shallow bool
	gitDir  string
	head    string // "" before the first commit
}

// probe asks git where dir is, in one process. It returns a non-nil
// History when there is no history to read.
func probe(ctx context.Context, dir string, opts Options) (*repo, *History, error) {
	bin := opts.Git
	if bin == "" {
		bin = "git"
	}
	bin, err := exec.LookPath(bin)
	if err != nil {
		return nil, &History{Note: noteNoGit}, nil
	}
	g := git{bin: bin, dir: dir}
	out, err := g.output(ctx, "rev-parse", "--show-toplevel", "--show-prefix",
		"--is-shallow-repository", "--absolute-git-dir", "--verify", "-q", "HEAD")
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if err != nil {
		var ge *gitError
		switch {
		case errors.As(err, &ge) && ge.code == 1 && len(lines) == 4:
			// --verify -q HEAD fails quietly in a repository without commits
			// but the other answers are printed.
			return nil, &History{Available: true, Note: noteNoCommits}, nil
		case errors.As(err, &ge) && ge.code == 128:
			return nil, &History{Note: notRepoNote(ge.stderr)}, nil
		}
		return nil, nil, err
	}
	if len(lines) != 5 {
		return nil, nil, fmt.Errorf("git rev-parse in %s: unexpected output %q", dir, out)
	}
	r := &repo{bin: bin, top: lines[0], prefix: lines[1], shallow: lines[2] == "true", gitDir: lines[3], head: lines[4]}
	return r, nil, nil
}

// notRepoNote turns git's refusal into the one-line note. Git refusing a
// repository it does not trust (CI containers often run as another user)
// gets its own hint, since the fix is not obvious.
func notRepoNote(stderr string) string {
	if strings.Contains(stderr, "dubious ownership") {
		return "git refuses this repository (dubious ownership; see git config safe.directory): pages show only their current version"
	}
	if strings.Contains(stderr, "not a git repository") || strings.Contains(stderr, "work tree") {
		return noteNoRepo
	}
	msg := strings.TrimSpace(stderr)
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	return "git history unavailable (" + strings.TrimPrefix(msg, "fatal: ") + "): pages show only their current version"
}

// load runs git log and git status for a probed repository.
func load(ctx context.Context, r *repo, opts Options) (*History, error) {
	g := git{bin: r.bin, dir: r.top}
	base := r.prefix + opts.contentDir() + "/"
	revs, since, err := readLog(ctx, g, base, r.shallow)
	if err != nil {
		return nil, err
	}
	dirty, err := readStatus(ctx, g, base)
	if err != nil {
		return nil, err
	}
	h := &History{Available: true, Shallow: r.shallow, Head: r.head, Since: since, git: g, revs: revs, dirty: dirty}
	if r.shallow {
		h.Note = shallowNote(since)
	}
	return h, nil
}

func shallowNote(since time.Time) string {
	if since.IsZero() {
		return "shallow clone: history is incomplete; run git fetch --unshallow for full history"
	}
	return "shallow clone: history starts at " + since.Format(time.DateOnly) +
		"; run git fetch --unshallow for full history"
}

package history

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// logFormat starts every commit with \x1e and separates its fields with
// \x1f; with -z the header ends in NUL. The subject comes last so that a
// stray \x1f in it cannot shift the other fields.
const logFormat = "--format=%x1e%H%x1f%P%x1f%at%x1f%ct%x1f%an%x1f%s"

// logArgs is the one git log for the whole repository, restricted to the
// content folder by pathspec, which is what makes it fast: git diffs only
// the trees under that folder and skips commits that do not touch it.
//
// --raw with full ids gives each file's blob id in the same pass, so old
// contents need no second lookup per file. -M detects renames between
// files of one commit; following a file across commits is done by walk.
// --topo-order lists children before parents, which the walk relies on.
// Merges show only files that differ from every parent (a conflict
// resolution is a new version; taking a side is not).
func logArgs(base string, merges bool) []string {
	args := []string{"log", "--topo-order", "--root", "-z", "--raw", "--no-abbrev", "-M",
		"--no-show-signature", "--encoding=UTF-8", "--no-color", logFormat}
	if merges {
		args = append(args, "--diff-merges=dense-combined")
	}
	return append(args, "--", base)
}

// readLog runs git log and turns it into revisions by current path.
func readLog(ctx context.Context, g git, base string, shallow bool) (map[string][]Revision, time.Time, error) {
	out, err := g.output(ctx, logArgs(base, true)...)
	if ge, ok := err.(*gitError); ok && strings.Contains(ge.stderr, "diff-merges") {
		// git < 2.31 has no --diff-merges; merges then count only through
		// the commits they bring in.
		out, err = g.output(ctx, logArgs(base, false)...)
	}
	if err != nil {
		return nil, time.Time{}, err
	}
	w := newWalker(base, shallow)
	if err := parseLog(out, w.commit); err != nil {
		return nil, time.Time{}, fmt.Errorf("reading git log: %w", err)
	}
	return w.result(), w.since, nil
}

// logCommit is one commit of the log with the files it changed.
type logCommit struct {
	hash, parents, author, subject string
	authorTime, commitTime         int64
	entries                        []entry
}

// entry is one changed file of a commit, reduced to what the walk needs.
type entry struct {
	op   byte   // 'A', 'M', 'D' or 'R'
	path string // path after the commit (before it for 'D'), relative to the repository
	from string // for 'R': the path before
	blob string // contents after the commit
}

// parseLog reads `git log -z --raw` output and calls fn once per commit,
// in output order. It reads sequentially rather than splitting on
// separators, so paths and subjects may hold any byte but NUL.
func parseLog(data []byte, fn func(*logCommit)) error {
	var cur *logCommit
	flush := func() {
		if cur != nil {
			fn(cur)
		}
		cur = nil
	}
	for i := 0; i < len(data); {
		switch data[i] {
		case '\n', 0:
			i++
		case 0x1e:
			flush()
			end := bytes.IndexByte(data[i:], 0)
			if end < 0 {
				end = len(data) - i
			}
			c, err := parseHeader(string(data[i+1 : i+end]))
			if err != nil {
				return err
			}
			cur = c
			i += end
		case ':':
			if cur == nil {
				return fmt.Errorf("file entry before the first commit at byte %d", i)
			}
			e, n, err := parseEntry(data[i:])
			if err != nil {
				return fmt.Errorf("commit %s: %w", cur.hash, err)
			}
			if e.op != 0 {
				cur.entries = append(cur.entries, e)
			}
			i += n
		default:
			return fmt.Errorf("unexpected byte %q at %d", data[i], i)
		}
	}
	flush()
	return nil
}

func parseHeader(h string) (*logCommit, error) {
	f := strings.SplitN(h, "\x1f", 6)
	if len(f) != 6 || !isHex(f[0]) {
		return nil, fmt.Errorf("malformed commit header %q", h)
	}
	at, err1 := strconv.ParseInt(f[2], 10, 64)
	ct, err2 := strconv.ParseInt(f[3], 10, 64)
	if err1 != nil || err2 != nil {
		return nil, fmt.Errorf("commit %s: malformed dates %q %q", f[0], f[2], f[3])
	}
	return &logCommit{hash: f[0], parents: f[1], authorTime: at, commitTime: ct, author: f[4], subject: f[5]}, nil
}

// parseEntry reads one raw diff entry: ":<modes> <ids> <status>\0<path>\0"
// with a second path for renames and copies. A merge has one colon per
// parent, a mode and an id per parent plus the result, and a status
// letter per parent. It returns the bytes consumed; op 0 means the entry
// is not about a regular file (symlinks, submodules) and is skipped.
func parseEntry(data []byte) (entry, int, error) {
	end := bytes.IndexByte(data, 0)
	if end < 0 {
		return entry{}, 0, fmt.Errorf("truncated entry %q", data)
	}
	meta := string(data[:end])
	parents := len(meta) - len(strings.TrimLeft(meta, ":"))
	fields := strings.Fields(meta[parents:])
	if len(fields) != 2*parents+3 || fields[len(fields)-1] == "" {
		return entry{}, 0, fmt.Errorf("malformed entry %q", meta)
	}
	status := fields[len(fields)-1]
	paths := 1
	if parents == 1 && (status[0] == 'R' || status[0] == 'C') {
		paths = 2
	}
	n := end + 1
	var p [2]string
	for k := range paths {
		j := bytes.IndexByte(data[n:], 0)
		if j < 0 {
			return entry{}, 0, fmt.Errorf("truncated entry %q", meta)
		}
		p[k] = string(data[n : n+j])
		n += j + 1
	}
	newMode, blob := fields[parents], fields[2*parents+1]
	e := entry{path: p[0], blob: blob}
	if parents > 1 {
		e.op = mergeOp(fields[:parents], newMode)
		return e, n, nil
	}
	oldMode := fields[0]
	switch status[0] {
	case 'A', 'M':
		if regular(newMode) {
			e.op = status[0]
		}
	case 'D':
		if regular(oldMode) {
			e.op = 'D'
		}
	case 'T': // type change: a file became a symlink or the reverse
		switch {
		case regular(newMode):
			e.op = 'A'
		case regular(oldMode):
			e.op = 'D'
		}
	case 'R', 'C':
		e.path = p[1]
		switch {
		case !regular(newMode) && status[0] == 'R':
			e.op, e.path = 'D', p[0]
		case !regular(newMode):
		case status[0] == 'C':
			e.op = 'A' // a copy leaves the original alone
		default:
			e.op, e.from = 'R', p[0]
		}
	}
	return e, n, nil
}

// mergeOp classifies a dense-combined merge entry: the result differs
// from every parent.
func mergeOp(parentModes []string, newMode string) byte {
	if !regular(newMode) {
		for _, m := range parentModes {
			if regular(m) {
				return 'D'
			}
		}
		return 0
	}
	for _, m := range parentModes {
		if regular(m) {
			return 'M'
		}
	}
	return 'A'
}

// regular is true for plain files; symlinks (120000) and submodules
// (160000) are not pages.
func regular(mode string) bool { return mode == "100644" || mode == "100755" }

func isHex(s string) bool {
	if len(s) < 4 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

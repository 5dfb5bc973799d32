package history

import (
	"slices"
	"strings"
	"time"
)

// dead marks a path that, from this point of the walk back, held a file
// that no longer exists at HEAD (deleted, or replaced by a new file).
const dead = "\x00"

// walker follows files back through renames. It sees commits newest
// first (children before parents) and keeps, for every path name, the
// current path of the file that had that name at the point reached.
type walker struct {
	base    string // content folder relative to the repository, ending in "/"
	shallow bool
	alias   map[string]string // older name -> current name, or dead
	recs    map[string][]rec  // by current name
	seq     int
	since   time.Time
}

// rec is a revision with its position in the log, to keep log order when
// records move between files.
type rec struct {
	seq   int
	merge bool
	rev   Revision
}

func newWalker(base string, shallow bool) *walker {
	return &walker{base: base, shallow: shallow, alias: map[string]string{}, recs: map[string][]rec{}}
}

// current is the present name of the file called p at the point reached,
// false when that file is gone.
func (w *walker) current(p string) (string, bool) {
	if k, ok := w.alias[p]; ok {
		return k, k != dead
	}
	return p, true
}

// rel strips the content folder from a repository path.
func (w *walker) rel(p string) (string, bool) {
	r, ok := strings.CutPrefix(p, w.base)
	return r, ok && r != ""
}

func (w *walker) commit(c *logCommit) {
	w.seq++
	ct := time.Unix(c.commitTime, 0).UTC()
	if w.since.IsZero() || ct.Before(w.since) {
		w.since = ct
	}
	base := Revision{
		Commit:     c.hash,
		Short:      c.hash[:min(7, len(c.hash))],
		Time:       time.Unix(c.authorTime, 0).UTC(),
		CommitTime: ct,
		Author:     c.author,
		Subject:    c.subject,
		Boundary:   w.shallow && c.parents == "",
	}
	// First name every file as of after this commit, with the names as
	// they are now; then update the names for the commits before it. Two
	// passes, so that "a renamed to b, new a added" in one commit works.
	type renamed struct{ from, to string }
	var renames []renamed
	var deleted, replaced []string
	for _, e := range c.entries {
		p, ok := w.rel(e.path)
		if !ok {
			continue
		}
		if e.op == 'D' {
			deleted = append(deleted, p)
			continue
		}
		from, fromOK := "", false
		if e.op == 'R' {
			from, fromOK = w.rel(e.from)
		}
		key, live := w.current(p)
		if live {
			r := base
			r.Path, r.Blob = p, e.blob
			switch {
			case e.op == 'R' && fromOK:
				r.Change, r.From = Renamed, from
			case e.op == 'A' || e.op == 'R': // renamed in from outside the content folder
				r.Change = Added
			default:
				r.Change = Modified
			}
			w.recs[key] = append(w.recs[key], rec{w.seq, strings.Contains(c.parents, " "), r})
		}
		if e.op != 'M' {
			// Before an addition or rename the name held some other file.
			replaced = append(replaced, p)
		}
		if fromOK {
			to := dead
			if live {
				to = key
			}
			renames = append(renames, renamed{from, to})
		}
	}
	for _, p := range deleted {
		if _, named := w.alias[p]; !named && len(w.recs[p]) > 0 {
			// Deleted here but changed by a newer commit without being added
			// again: the deletion was on a branch whose merge kept the file.
			continue
		}
		w.alias[p] = dead
	}
	for _, p := range replaced {
		w.alias[p] = dead
	}
	for _, r := range renames {
		if _, named := w.alias[r.from]; !named && r.to != dead && len(w.recs[r.from]) > 0 {
			// The old name was changed by a newer commit, on a branch merged
			// after this rename: those changes belong to the renamed file.
			w.recs[r.to] = append(w.recs[r.to], w.recs[r.from]...)
			slices.SortStableFunc(w.recs[r.to], func(a, b rec) int { return a.seq - b.seq })
			delete(w.recs, r.from)
		}
		w.alias[r.from] = r.to
	}
}

// result converts the records to revisions, newest first (log order).
// A merge whose result is the same contents as another revision of the
// file is no new version: a merge bringing a branch's edit to a file the
// other branch renamed differs from both parents but repeats that edit.
func (w *walker) result() map[string][]Revision {
	out := make(map[string][]Revision, len(w.recs))
	for k, rs := range w.recs {
		var plain map[string]bool // blobs of revisions that are not merges
		if slices.ContainsFunc(rs, func(r rec) bool { return r.merge }) {
			plain = map[string]bool{}
			for _, r := range rs {
				if !r.merge {
					plain[r.rev.Blob] = true
				}
			}
		}
		revs := make([]Revision, 0, len(rs))
		for _, r := range rs {
			if r.merge && plain[r.rev.Blob] {
				continue
			}
			revs = append(revs, r.rev)
		}
		out[k] = revs
	}
	return out
}

package versions

import (
	"bytes"

	"playbook/generator/textdiff"
)

// ChangeKind says how a script changed between two versions.
type ChangeKind uint8

const (
	Edited  ChangeKind = iota // in both versions, with other words
	Added                     // only in the newer version
	Removed                   // only in the older version
)

func (k ChangeKind) String() string {
	switch k {
	case Added:
		return "added"
	case Removed:
		return "removed"
	}
	return "edited"
}

// Change is one script that changed between two consecutive versions.
type Change struct {
	Kind ChangeKind
	// Old and New number the script in the older and the newer version,
	// from 1; 0 where the script is not in that version.
	Old, New int
	Ops      []textdiff.Op
	// HTML is Ops as escaped text with deletions in <del> and insertions
	// in <ins> (textdiff.HTML): safe to put in a page as it is.
	HTML string
}

// diffScripts compares the scripts of two consecutive versions. Scripts
// left unchanged pair up first (in order, as a longest common
// subsequence); between two such anchors the remaining scripts pair up in
// order as edits, and the surplus on one side is added or removed. So a
// script inserted before an edited one does not shift every diff after it.
func diffScripts(old, new []string) []Change {
	if len(old) == len(new) {
		same := true
		for i := range old {
			if old[i] != new[i] {
				same = false
				break
			}
		}
		if same {
			return nil
		}
	}
	// lcs[i][j]: common scripts of old[i:] and new[j:]. Pages hold a few
	// scripts, so the table is tiny.
	lcs := make([][]int, len(old)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(new)+1)
	}
	for i := len(old) - 1; i >= 0; i-- {
		for j := len(new) - 1; j >= 0; j-- {
			if old[i] == new[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []Change
	gap := func(i0, i1, j0, j1 int) {
		for i0 < i1 && j0 < j1 {
			out = append(out, change(Edited, old[i0], new[j0], i0+1, j0+1))
			i0++
			j0++
		}
		for ; i0 < i1; i0++ {
			out = append(out, change(Removed, old[i0], "", i0+1, 0))
		}
		for ; j0 < j1; j0++ {
			out = append(out, change(Added, "", new[j0], 0, j0+1))
		}
	}
	i, j, gi, gj := 0, 0, 0, 0
	for i < len(old) && j < len(new) {
		switch {
		case old[i] == new[j]:
			gap(gi, i, gj, j)
			i, j = i+1, j+1
			gi, gj = i, j
		case lcs[i+1][j] >= lcs[i][j+1]:
			i++
		default:
			j++
		}
	}
	gap(gi, len(old), gj, len(new))
	return out
}

func change(k ChangeKind, old, new string, o, n int) Change {
	ops := textdiff.Words(old, new)
	return Change{Kind: k, Old: o, New: n, Ops: ops, HTML: textdiff.HTML(ops)}
}

// MayHaveScripts is a cheap, conservative test for a ```script fence in a
// Markdown body: false means the body surely holds no script, so an old
// version without one need not be converted. It looks for a run of three
// or more backticks or tildes followed, after blanks, by "script" in any
// case, which every script fence has (the converter decides the rest).
func MayHaveScripts(body []byte) bool {
	for i := 0; i < len(body); {
		k := bytes.IndexAny(body[i:], "`~")
		if k < 0 {
			return false
		}
		i += k
		c := body[i]
		j := i
		for j < len(body) && body[j] == c {
			j++
		}
		if j-i >= 3 {
			for j < len(body) && (body[j] == ' ' || body[j] == '\t') {
				j++
			}
			if len(body)-j >= 6 && bytes.EqualFold(body[j:j+6], []byte("script")) {
				return true
			}
		}
		i = j
	}
	return false
}

// ChangedScripts reports whether v belongs on a list of script changes:
// it edited, added or removed a script, or it is a page's first version
// and brought scripts (not the cut-off first version of a shallow clone,
// which only seems new).
func (v *Version) ChangedScripts() bool {
	return len(v.Changes) > 0 || v.N == 1 && !v.Boundary && len(v.Scripts) > 0
}

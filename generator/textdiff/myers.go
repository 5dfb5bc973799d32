package textdiff

// This file finds a shortest edit script between two token sequences with
// Myers' O(ND) algorithm in its linear-space form: search from both ends
// for the middle of the path, split there, recurse. Tokens are interned
// as integers so that comparing them is cheap.

// maxCost bounds the edit distance searched for in one split, so that
// work stays near (n+m)·maxCost for texts with little in common instead
// of growing with the square of their length. Below it the edit script
// is a shortest one.
const maxCost = 512

// marks records, per token, whether it is deleted from a or inserted in b.
type marks struct {
	a, b []int32
	del  []bool // by index in a
	ins  []bool // by index in b
	v1   []int  // forward search, by diagonal
	v2   []int  // backward search, by diagonal
}

// diffTokens returns which tokens of a are deleted and which of b are
// inserted; the unmarked ones form a common subsequence, a longest one
// unless the inputs exceed maxCost.
func diffTokens(a, b []int32) (del, ins []bool) {
	m := &marks{a: a, b: b, del: make([]bool, len(a)), ins: make([]bool, len(b))}
	m.compare(0, len(a), 0, len(b))
	return m.del, m.ins
}

// compare marks the edits turning a[alo:ahi] into b[blo:bhi].
func (m *marks) compare(alo, ahi, blo, bhi int) {
	for {
		for alo < ahi && blo < bhi && m.a[alo] == m.b[blo] {
			alo++
			blo++
		}
		for alo < ahi && blo < bhi && m.a[ahi-1] == m.b[bhi-1] {
			ahi--
			bhi--
		}
		if alo == ahi || blo == bhi {
			m.replace(alo, ahi, blo, bhi)
			return
		}
		x, y, ok := m.bisect(alo, ahi, blo, bhi)
		if !ok || (x == alo && y == blo) || (x == ahi && y == bhi) {
			m.replace(alo, ahi, blo, bhi)
			return
		}
		// Recurse on the first half, loop on the second: the depth then
		// stays logarithmic in the number of splits.
		m.compare(alo, x, blo, y)
		alo, blo = x, y
	}
}

func (m *marks) replace(alo, ahi, blo, bhi int) {
	for i := alo; i < ahi; i++ {
		m.del[i] = true
	}
	for j := blo; j < bhi; j++ {
		m.ins[j] = true
	}
}

// bisect finds a point (x, y) on a shortest edit path from (alo, blo) to
// (ahi, bhi) by searching forward from the start and backward from the
// end until the two searches overlap. Coordinates inside the search are
// relative to (alo, blo); ok is false when the cost limit was reached.
func (m *marks) bisect(alo, ahi, blo, bhi int) (x, y int, ok bool) {
	a, b := m.a[alo:ahi], m.b[blo:bhi]
	n, k := len(a), len(b)
	maxD := (n + k + 1) / 2
	limit := min(maxD, maxCost)
	off := limit + 1
	size := 2*limit + 3
	m.v1 = grow(m.v1, size)
	m.v2 = grow(m.v2, size)
	v1, v2 := m.v1, m.v2
	v1[off+1], v2[off+1] = 0, 0
	delta := n - k
	// With an odd delta the paths meet during a forward step, else during
	// a backward step.
	front := delta%2 != 0
	// Diagonals that ran off the grid are dropped from the ends of the
	// search ranges.
	k1start, k1end, k2start, k2end := 0, 0, 0, 0
	for d := 0; d < limit; d++ {
		for k1 := -d + k1start; k1 <= d-k1end; k1 += 2 {
			i := off + k1
			var x1 int
			if k1 == -d || (k1 != d && v1[i-1] < v1[i+1]) {
				x1 = v1[i+1] // down: insert b[y]
			} else {
				x1 = v1[i-1] + 1 // right: delete a[x]
			}
			y1 := x1 - k1
			for x1 < n && y1 < k && a[x1] == b[y1] {
				x1++
				y1++
			}
			v1[i] = x1
			switch {
			case x1 > n:
				k1end += 2
			case y1 > k:
				k1start += 2
			case front:
				j := off + delta - k1
				if j >= 0 && j < size && v2[j] != -1 && x1 >= n-v2[j] {
					return alo + x1, blo + y1, true
				}
			}
		}
		for k2 := -d + k2start; k2 <= d-k2end; k2 += 2 {
			i := off + k2
			var x2 int
			if k2 == -d || (k2 != d && v2[i-1] < v2[i+1]) {
				x2 = v2[i+1]
			} else {
				x2 = v2[i-1] + 1
			}
			y2 := x2 - k2
			for x2 < n && y2 < k && a[n-x2-1] == b[k-y2-1] {
				x2++
				y2++
			}
			v2[i] = x2
			switch {
			case x2 > n:
				k2end += 2
			case y2 > k:
				k2start += 2
			case !front:
				j := off + delta - k2
				if j >= 0 && j < size && v1[j] != -1 {
					x1 := v1[j]
					y1 := x1 - (j - off)
					if x1 >= n-x2 {
						return alo + x1, blo + y1, true
					}
				}
			}
		}
	}
	// Over the limit: split at the point the forward search got furthest.
	// Its first part is solved exactly; the rest is searched again. The
	// script may then be a little longer than the shortest, never wrong.
	best := -1
	for k1 := -limit + 1 + k1start; k1 <= limit-1-k1end; k1 += 2 {
		x1 := v1[off+k1]
		y1 := x1 - k1
		if x1 < 0 || x1 > n || y1 < 0 || y1 > k || x1+y1 <= best {
			continue
		}
		best, x, y = x1+y1, x1, y1
	}
	if best <= 0 || (x == n && y == k) {
		return 0, 0, false
	}
	return alo + x, blo + y, true
}

// grow returns s with length n, every element -1.
func grow(s []int, n int) []int {
	if cap(s) < n {
		s = make([]int, n)
	}
	s = s[:n]
	for i := range s {
		s[i] = -1
	}
	return s
}

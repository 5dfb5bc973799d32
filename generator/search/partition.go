package search

import "unicode/utf8"

// A term shard ("leaf") is a run of terms in byte order, cut along a prefix
// tree: a tree node whose terms do not fit one shard is split, its children
// (by next rune) are packed greedily into shards, and children that alone
// are too big are split in turn. Packing runs on across the tree, so a leaf
// may hold the end of one subtree and the start of the next. So the terms of a prefix either lie in one
// leaf, or the prefix is a split node whose union list (every page of every
// term below it, with its best score) is stored apart. Either way one
// fetch answers a prefix: type-ahead never misses a term in another shard.

type splitNode struct {
	prefix string
	lo, hi int // its terms: terms[lo:hi]
}

type partitionResult struct {
	leaves [][2]int // term ranges, in order, covering all terms
	splits []splitNode
}

type partitioner struct {
	terms  []string
	sum    []int // prefix sums of the size estimates
	target int
	out    partitionResult
	open   int // start of the leaf being filled, -1 when none
	size   int
}

func partition(terms []string, est []int, target int) partitionResult {
	p := &partitioner{terms: terms, sum: make([]int, len(terms)+1), target: target, open: -1}
	for i, e := range est {
		p.sum[i+1] = p.sum[i] + e
	}
	if len(terms) == 0 || p.sum[len(terms)] <= target {
		p.out.leaves = [][2]int{{0, len(terms)}}
		return p.out
	}
	p.node(0, len(terms), 0)
	p.flush(len(terms))
	// The first leaf starts at the beginning of the key space.
	if len(p.out.leaves) > 0 {
		p.out.leaves[0][0] = 0
	}
	return p.out
}

func (p *partitioner) flush(end int) {
	if p.open >= 0 {
		p.out.leaves = append(p.out.leaves, [2]int{p.open, end})
		p.open, p.size = -1, 0
	}
}

// node packs the children of the node terms[lo:hi], whose terms share
// their first depth bytes.
func (p *partitioner) node(lo, hi, depth int) {
	for c := lo; c < hi; {
		// A child: the term equal to the prefix, or the terms sharing the
		// next rune.
		next := c + 1
		childDepth := depth
		if len(p.terms[c]) > depth {
			r, size := utf8.DecodeRuneInString(p.terms[c][depth:])
			_ = r
			key := p.terms[c][depth : depth+size]
			for next < hi && len(p.terms[next]) >= depth+size && p.terms[next][depth:depth+size] == key {
				next++
			}
			childDepth = depth + size
		}
		size := p.sum[next] - p.sum[c]
		if size > p.target && next-c > 1 {
			p.out.splits = append(p.out.splits, splitNode{prefix: p.terms[c][:childDepth], lo: c, hi: next})
			p.node(c, next, childDepth)
		} else {
			// An unsplit child is never cut, but it may share a leaf with
			// the parts of its neighbours: a leaf is only a container.
			if p.open >= 0 && p.size+size > p.target {
				p.flush(c)
			}
			if p.open < 0 {
				p.open = c
			}
			p.size += size
		}
		c = next
	}
}

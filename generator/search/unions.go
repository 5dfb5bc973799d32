package search

import "strings"

// cachedUnion is a split prefix's union: every page of every term below
// it with its best score (exact, before the head/rest rule), the list as
// stored, and its fragment.
type cachedUnion struct {
	ids  []int32
	q    []uint8
	list plist
	frag []byte
	est  int
}

// unions computes the union list of every split prefix whose terms
// changed, and takes the others from the last build. Splits nest (their
// ranges are in preorder), so each is built from its direct terms and its
// children's exact unions.
func (b *builder) unions(splits []splitNode, dirtyBefore []int) []*cachedUnion {
	st := b.st
	out := make([]*cachedUnion, len(splits))
	cache := make(map[string]*cachedUnion, len(splits))
	var best []uint8
	for k := len(splits) - 1; k >= 0; k-- {
		s := splits[k]
		c := st.unionCache[s.prefix]
		if c != nil && dirtyBefore[s.hi] == dirtyBefore[s.lo] && !b.diedUnder(s.prefix) {
			out[k], cache[s.prefix] = c, c
			continue
		}
		if best == nil {
			best = make([]uint8, b.n)
		}
		i := s.lo
		for c := k + 1; c < len(splits) && i < s.hi; c++ {
			child := splits[c]
			if child.lo < i || child.hi > s.hi {
				continue // a grandchild, already inside a child
			}
			b.addLists(best, st.order[i:child.lo])
			u := out[c]
			for j, id := range u.ids {
				best[id] = max(best[id], u.q[j])
			}
			i = child.hi
		}
		b.addLists(best, st.order[i:s.hi])
		u := &cachedUnion{}
		for id, v := range best {
			if v > 0 {
				u.ids = append(u.ids, int32(id))
				u.q = append(u.q, v)
				best[id] = 0
			}
		}
		u.list = b.makePlist(u.ids, u.q)
		u.frag, u.est = encodePlist(u.list)
		out[k], cache[s.prefix] = u, u
	}
	st.unionCache = cache
	return out
}

// diedUnder reports whether a term that left the index had the prefix p.
func (b *builder) diedUnder(p string) bool {
	for _, t := range b.deadTerms {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return false
}

func (b *builder) addLists(best []uint8, terms []int32) {
	for _, t := range terms {
		l := &b.st.lists[t]
		for k, id := range l.ids {
			best[id] = max(best[id], l.q[k])
		}
		for _, id := range l.rest {
			best[id] = max(best[id], l.restQ)
		}
	}
}

// pack is a prefix shard: the unions of consecutive split prefixes.
type pack struct {
	unions []*cachedUnion
	data   []byte
	hash   string
}

func encodePack(splits []splitNode, unions []*cachedUnion) []byte {
	size := 16
	for i, u := range unions {
		size += len(u.frag) + len(splits[i].prefix) + 4
	}
	w := &jsonWriter{b: make([]byte, 0, size)}
	w.raw(`{"k":[`)
	for i, sp := range splits {
		if i > 0 {
			w.raw(",")
		}
		w.str(sp.prefix)
	}
	w.raw(`],"p":[`)
	for i, u := range unions {
		if i > 0 {
			w.raw(",")
		}
		w.b = append(w.b, u.frag...)
	}
	w.raw("]}")
	return w.b
}

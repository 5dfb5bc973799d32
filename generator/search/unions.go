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
	top  []int32 // the best pages of list, for cards
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
		if c != nil {
			if u := b.patchUnion(c, s, best); u != nil {
				out[k], cache[s.prefix] = u, u
				continue
			}
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
		u := b.takeUnion(best)
		out[k], cache[s.prefix] = u, u
	}
	st.unionCache = cache
	return out
}

// takeUnion makes a union of the scores in best, and clears them.
func (b *builder) takeUnion(best []uint8) *cachedUnion {
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
	u.top = topPages(&u.list, cardTop)
	return u
}

// patchUnion updates the last build's union c of split s from the lists
// of its terms that changed (an edit touches a few): a page's score rises
// with a list that rises, and a page whose best list fell is looked up in
// every list of the split. It returns nil when that would cost more than
// building the union anew.
func (b *builder) patchUnion(c *cachedUnion, s splitNode, best []uint8) *cachedUnion {
	st := b.st
	if b.fresh || st.bulk || b.oldLists == nil {
		return nil
	}
	var changed []int32
	for _, t := range st.order[s.lo:s.hi] {
		if b.dirty[t] {
			changed = append(changed, t)
		}
	}
	for _, x := range b.deadTerms {
		if strings.HasPrefix(x, s.prefix) {
			changed = append(changed, st.termIDs[x])
		}
	}
	if len(changed) > 64 {
		return nil
	}
	for j, id := range c.ids {
		best[id] = c.q[j]
	}
	// Pages whose best score came from a list that fell.
	var fell []int32
	for _, t := range changed {
		old, now := &b.oldLists[t], &st.lists[t]
		each(old, func(id int32, q uint8) {
			if best[id] == q && qOf(now, id) < q {
				fell = append(fell, id)
			}
		})
	}
	if len(fell)*(s.hi-s.lo) > 1<<16 {
		clear(best)
		return nil
	}
	snapshot := make([]uint8, len(fell))
	for i, id := range fell {
		snapshot[i] = best[id]
	}
	moved := false
	for _, t := range changed {
		each(&st.lists[t], func(id int32, q uint8) {
			if q > best[id] {
				best[id], moved = q, true
			}
		})
	}
	for i, id := range fell {
		if best[id] != snapshot[i] {
			continue // a changed list raised it above what fell
		}
		var v uint8
		for _, t := range st.order[s.lo:s.hi] {
			v = max(v, qOf(&st.lists[t], id))
		}
		if v != best[id] {
			best[id], moved = v, true
		}
	}
	if !moved {
		// The best scores did not change (the common edit): the same union.
		for _, id := range c.ids {
			best[id] = 0
		}
		return c
	}
	return b.takeUnion(best)
}

// each calls fn with every page of a stored list and its score.
func each(p *plist, fn func(id int32, q uint8)) {
	for k, id := range p.ids {
		fn(id, p.q[k])
	}
	for _, id := range p.rest {
		fn(id, p.restQ)
	}
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
	path   string
	cards  cardSet
}

func encodePack(splits []splitNode, unions []*cachedUnion, cards []int32, metas []*docMeta) []byte {
	size := 16 + 8*len(cards)
	for _, id := range cards {
		size += len(metas[id].enc)
	}
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
	w.raw("]")
	appendCards(w, cards, metas)
	w.raw("}")
	return w.b
}

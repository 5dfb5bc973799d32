package search

import (
	"math/bits"
	"runtime"
	"strings"

	"playbook/generator/search/analysis"
)

// vocabParts splits the vocabulary by word hash: each part is updated by
// one worker without locks, and a word's id (local index * vocabParts +
// part) stays the same from build to build.
const vocabParts = 16

// wordInfo is one distinct folded word of the corpus (per language).
// Words no page uses any more keep their entry (df 0), so a word typed
// again in watch mode keeps its stem.
type wordInfo struct {
	folded string
	lang   uint8
	term   int32 // -1 until stemmed
	parts  []int32
}

// wordCount is the part of a word every page entry updates, kept apart
// and small so the update stays in the cache.
type wordCount struct {
	df     int32
	prevDF int32  // df before the build that last changed it
	gen    uint32 // that build
	minDoc int32  // the lowest page id using the word: its surface is shown
	minEnt int32  // the word's entry in that page's analysis
	stale  bool   // the page that gave minDoc lost the word: look again
}

// wordKey locates a word's folded form in its part's text.
type wordKey struct {
	off  uint32
	n    uint8
	lang uint8
}

type vocabPart struct {
	// slots is an open-addressing table over words: the word's hash in
	// the high half, its local index + 1 in the low half, 0 for empty.
	// Hashes come with the page analysis, so a lookup hashes nothing, and
	// keys, text and counts are compact arrays rather than scattered
	// strings.
	slots   []uint64
	keys    []wordKey
	text    []byte
	counts  []wordCount
	words   []wordInfo
	touched []int32 // local indexes whose df changed in this build
}

func (st *state) word(w int32) *wordInfo {
	return &st.parts[w%vocabParts].words[w/vocabParts]
}

func (st *state) count(w int32) *wordCount {
	return &st.parts[w%vocabParts].counts[w/vocabParts]
}

// find returns the local index of the folded word f (hash h) of lang,
// adding it if new; new reports which.
func (vp *vocabPart) find(h uint32, lang uint8, f string) (k int32, new bool) {
	if 2*(len(vp.words)+1) > len(vp.slots) {
		vp.rehash()
	}
	shift := 64 - bits.Len(uint(len(vp.slots)-1))
	mask := len(vp.slots) - 1
	for i := int(uint64(h)*0x9E3779B97F4A7C15>>shift) & mask; ; i = (i + 1) & mask {
		s := vp.slots[i]
		if s == 0 {
			k = int32(len(vp.words))
			vp.slots[i] = uint64(h)<<32 | uint64(k+1)
			vp.keys = append(vp.keys, wordKey{off: uint32(len(vp.text)), n: uint8(len(f)), lang: lang})
			vp.text = append(vp.text, f...)
			vp.counts = append(vp.counts, wordCount{})
			vp.words = append(vp.words, wordInfo{folded: f, lang: lang, term: -1})
			return k, true
		}
		if uint32(s>>32) == h {
			k = int32(uint32(s)) - 1
			if key := vp.keys[k]; key.lang == lang && int(key.n) == len(f) && string(vp.text[key.off:key.off+uint32(key.n)]) == f {
				return k, false
			}
		}
	}
}

func (vp *vocabPart) rehash() {
	old := vp.slots
	vp.slots = make([]uint64, max(1024, 2*len(old)))
	shift := 64 - bits.Len(uint(len(vp.slots)-1))
	mask := len(vp.slots) - 1
	for _, s := range old {
		if s == 0 {
			continue
		}
		i := int(uint64(uint32(s>>32))*0x9E3779B97F4A7C15>>shift) & mask
		for vp.slots[i] != 0 {
			i = (i + 1) & mask
		}
		vp.slots[i] = s
	}
}

// updateVocab takes the changed pages' old words out of the vocabulary
// and puts their new ones in, pages in id order so the result does not
// depend on scheduling.
func (b *builder) updateVocab() {
	st := b.st
	for _, id := range b.changed {
		if a := b.newDocs[id]; a != nil {
			b.newWids[id] = make([]int32, len(a.entries))
		}
	}
	// Each worker owns the parts p with p%nw == w, and reads every page
	// once.
	nw := min(runtime.GOMAXPROCS(0), vocabParts)
	workers(nw, func(wk int) {
		for p := wk; p < vocabParts; p += nw {
			st.parts[p].touched = st.parts[p].touched[:0]
		}
		touch := func(vp *vocabPart, k int32) *wordCount {
			c := &vp.counts[k]
			if c.gen != st.gen {
				c.gen, c.prevDF = st.gen, c.df
				vp.touched = append(vp.touched, k)
			}
			return c
		}
		for _, id := range b.changed {
			a := st.docs[id]
			if a == nil {
				continue
			}
			ws := st.wids[id]
			for k := range a.entries {
				p := int(a.entries[k].hash % vocabParts)
				if p%nw != wk {
					continue
				}
				c := touch(&st.parts[p], ws[k]/vocabParts)
				c.df--
				if c.minDoc == id {
					c.stale = true
				}
			}
		}
		for _, id := range b.changed {
			a := b.newDocs[id]
			if a == nil {
				continue
			}
			ws := b.newWids[id]
			for k := range a.entries {
				e := &a.entries[k]
				p := int(e.hash % vocabParts)
				if p%nw != wk {
					continue
				}
				vp := &st.parts[p]
				local, _ := vp.find(e.hash, a.lang, a.word(k))
				c := touch(vp, local)
				// Pages come in id order, and every page still holding the
				// word has a higher id than a stale minDoc had.
				if c.df == 0 || id < c.minDoc || (c.stale && id == c.minDoc) {
					c.minDoc, c.minEnt, c.stale = id, int32(k), false
				}
				c.df++
				ws[k] = local*vocabParts + int32(p)
			}
		}
	})
}

// fixStale finds the new lowest page of the words whose lowest page lost
// them, scanning the pages in id order.
func (b *builder) fixStale() {
	st := b.st
	left := 0
	for p := range st.parts {
		for _, k := range st.parts[p].touched {
			if c := &st.parts[p].counts[k]; c.stale {
				if c.df > 0 {
					left++
				} else {
					c.stale = false
				}
			}
		}
	}
	for id := int32(0); left > 0 && int(id) < len(st.docs); id++ {
		a := st.docs[id]
		if a == nil {
			continue
		}
		for k, wid := range st.wids[id] {
			if c := st.count(wid); c.stale {
				c.minDoc, c.minEnt, c.stale = id, int32(k), false
				left--
			}
		}
	}
}

// stemNew stems the words seen for the first time and numbers their
// terms; each distinct word is stemmed once for the life of the state.
func (b *builder) stemNew() {
	st := b.st
	var fresh []*wordInfo
	for p := range st.parts {
		for _, k := range st.parts[p].touched {
			if w := &st.parts[p].words[k]; w.term < 0 {
				fresh = append(fresh, w)
			}
		}
	}
	stems := make([]string, len(fresh))
	chunked(len(fresh), func(i int) { stems[i] = analysis.Stem(langNames[fresh[i].lang], fresh[i].folded) })
	for i, w := range fresh {
		w.term = st.termID(stems[i])
	}
}

func (st *state) termID(t string) int32 {
	k, ok := st.termIDs[t]
	if !ok {
		k = int32(len(st.terms))
		st.termIDs[t] = k
		st.terms = append(st.terms, t)
		st.post = append(st.post, postingList{})
		st.lists = append(st.lists, plist{})
		st.est = append(st.est, 0)
		st.top = append(st.top, nil)
		st.qword = append(st.qword, "")
		st.qcards = append(st.qcards, nil)
		st.qcomp = append(st.qcomp, nil)
		st.tw = append(st.tw, 0)
		st.qunion = append(st.qunion, nil)
		st.disp = append(st.disp, "")
	}
	return k
}

// maxDelta is how many words may enter or leave the German vocabulary
// before every compound is split again rather than only those containing
// one of them.
const maxDelta = 32

// splitCompounds keeps the German compound splits current: words that
// entered the vocabulary are split, and so is every compound containing a
// word that entered or left it (the only ones whose split can change). It
// returns the words whose parts changed.
func (b *builder) splitCompounds() []int32 {
	st := b.st
	if st.split == nil {
		st.split = analysis.NewSplitter(nil)
	}
	var delta []string
	var redo []int32 // words to split again
	for p := range st.parts {
		vp := &st.parts[p]
		for _, k := range vp.touched {
			w, c := &vp.words[k], &vp.counts[k]
			if w.lang != langDE || (c.prevDF > 0) == (c.df > 0) {
				continue
			}
			if c.df > 0 {
				st.split.Add(w.folded, st.terms[w.term])
			} else {
				st.split.Remove(w.folded)
			}
			if len(w.folded) >= analysis.MinPart {
				delta = append(delta, w.folded)
			}
		}
	}
	if len(delta) > 0 {
		for p := range st.parts {
			for k := range st.parts[p].words {
				w, c := &st.parts[p].words[k], &st.parts[p].counts[k]
				if w.lang != langDE || c.df == 0 || len(w.folded) < analysis.MinCompound {
					continue
				}
				if len(delta) > maxDelta || c.gen == st.gen && c.prevDF == 0 || containsAny(w.folded, delta) {
					redo = append(redo, int32(k)*vocabParts+int32(p))
				}
			}
		}
	}
	parts := make([][]string, len(redo))
	chunked(len(redo), func(i int) {
		w := st.word(redo[i])
		for _, part := range st.split.Split(w.folded) {
			parts[i] = append(parts[i], st.split.Stem(part))
		}
	})
	var changed []int32
	for i, wid := range redo {
		w := st.word(wid)
		var ps []int32
		for _, s := range parts[i] {
			if t := st.termID(s); t != w.term {
				ps = append(ps, t)
			}
		}
		if !equalInt32(ps, w.parts) {
			w.parts = ps
			changed = append(changed, wid)
		}
	}
	return changed
}

func containsAny(s string, subs []string) bool {
	for _, x := range subs {
		if len(x) <= len(s) && strings.Contains(s, x) {
			return true
		}
	}
	return false
}

func equalInt32(a, b []int32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

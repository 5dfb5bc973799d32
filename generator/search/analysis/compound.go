package analysis

// Compound splitting limits: only words of MinCompound letters or more are
// split, into parts of at least MinPart letters.
const (
	MinCompound = 8
	MinPart     = 4
	// minHead is the shortest known last part accepted when the rest of the
	// word cannot be explained ("Hochspannungsnetzgerät" → "netzgerat").
	minHead = 5
)

// linkers are the German linking elements allowed between parts
// ("Bedarf-s-analyse", "Kunde-n-termin").
var linkers = []string{"s", "es", "n", "en", "e", "er"}

// Splitter splits German compounds against a playbook's own vocabulary.
// It is safe for concurrent use once built.
type Splitter struct {
	// An open-addressing table of the vocabulary keyed by the FNV-1a hash
	// Split computes anyway while it extends a part a byte at a time:
	// slots hold the hash in the high half and the word's index + 1 in
	// the low half. A removed word keeps its slot with live false.
	slots []uint64
	words []string
	stems []string
	live  []bool
	n     int // live words
	// bloom has a bit set for the hash of every word ever added: most
	// substrings tried are no word, and the filter, small enough for the
	// cache, rejects them before the table is probed.
	bloom []uint64
}

const bloomBits = 1 << 21

// NewSplitter takes the vocabulary as folded word → stem. Words shorter than
// MinPart or not of the letters a–z are ignored.
func NewSplitter(vocab map[string]string) *Splitter {
	s := &Splitter{bloom: make([]uint64, bloomBits/64), slots: make([]uint64, 1024)}
	for w, st := range vocab {
		s.Add(w, st)
	}
	return s
}

// Add puts a folded word with its stem into the vocabulary, as NewSplitter
// would have. Not safe while Split runs.
func (s *Splitter) Add(w, stem string) {
	if len(w) < MinPart || !isLowerAlpha(w) {
		return
	}
	h := fnvHash(w)
	if k := s.find(w, h); k >= 0 {
		if !s.live[k] {
			s.live[k] = true
			s.n++
		}
		s.stems[k] = stem
		return
	}
	if 2*(len(s.words)+1) > len(s.slots) {
		s.rehash()
	}
	s.words = append(s.words, w)
	s.stems = append(s.stems, stem)
	s.live = append(s.live, true)
	s.n++
	s.put(h, len(s.words))
	b := h % bloomBits
	s.bloom[b/64] |= 1 << (b % 64)
}

// Remove takes a word out of the vocabulary. Not safe while Split runs.
func (s *Splitter) Remove(w string) {
	if k := s.find(w, fnvHash(w)); k >= 0 && s.live[k] {
		s.live[k] = false
		s.n--
	}
}

func (s *Splitter) put(h uint32, ref int) {
	mask := uint32(len(s.slots) - 1)
	i := (h * 0x9E3779B1) & mask
	for s.slots[i] != 0 {
		i = (i + 1) & mask
	}
	s.slots[i] = uint64(h)<<32 | uint64(ref)
}

func (s *Splitter) rehash() {
	old := s.slots
	s.slots = make([]uint64, 2*len(old))
	for _, v := range old {
		if v != 0 {
			s.put(uint32(v>>32), int(uint32(v)))
		}
	}
}

// find returns the index of w (hash h) in s.words, live or not, or -1.
func (s *Splitter) find(w string, h uint32) int {
	mask := uint32(len(s.slots) - 1)
	for i := (h * 0x9E3779B1) & mask; ; i = (i + 1) & mask {
		v := s.slots[i]
		if v == 0 {
			return -1
		}
		if uint32(v>>32) == h {
			if k := int(uint32(v)) - 1; s.words[k] == w {
				return k
			}
		}
	}
}

// Stem returns the German stem of a part Split returned: from the
// vocabulary when the part is a word of it, else computed.
func (s *Splitter) Stem(part string) string {
	if k := s.find(part, fnvHash(part)); k >= 0 && s.live[k] {
		return s.stems[k]
	}
	return Stem("de", part)
}

const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
)

// fnvHash is FNV-1a, which Split extends a byte at a time.
func fnvHash(w string) uint32 {
	h := uint32(fnvOffset)
	for i := 0; i < len(w); i++ {
		h = (h ^ uint32(w[i])) * fnvPrime
	}
	return h
}

// has reports whether w, whose FNV-1a hash is h, is a vocabulary word.
func (s *Splitter) has(w string, h uint32) bool {
	b := h % bloomBits
	if s.bloom[b/64]&(1<<(b%64)) == 0 {
		return false
	}
	k := s.find(w, h)
	return k >= 0 && s.live[k]
}

// Split returns the parts of a folded German compound (folded, unstemmed),
// or nil when it is no compound of known words. All parts but the last must
// be vocabulary words; the last may also carry an inflection ending. Fewest parts win. When no full split
// exists, a known last part of at least 5 letters after a rest of at least
// MinPart letters is returned alone: the head noun carries the meaning.
func (s *Splitter) Split(w string) []string {
	n := len(w)
	if n < MinCompound || n > MaxWordRunes || !isLowerAlpha(w) {
		return nil
	}
	// count[j] is the fewest parts that end right before position j (a part
	// may start there), 0 for unreachable; from[j] is the start of the
	// part that reached j; end[j] where that part ended (before a linker).
	// Words of a–z have at most MaxWordRunes bytes, so the tables fit on
	// the stack. hs[k] is the hash of w[j:k] for the j at hand.
	var countBuf, fromBuf, endBuf [MaxWordRunes + 1]int
	var hs [MaxWordRunes + 1]uint32
	count, from, end := countBuf[:n+1], fromBuf[:n+1], endBuf[:n+1]
	count[0] = 1
	best, bestFrom := 0, -1
	for j := 0; j+MinPart <= n; j++ {
		if count[j] == 0 {
			continue
		}
		h := uint32(fnvOffset)
		for k := j + 1; k <= n; k++ {
			h = (h ^ uint32(w[k-1])) * fnvPrime
			hs[k] = h
		}
		for k := j + MinPart; k <= n; k++ {
			if j == 0 && k == n {
				break
			}
			part := w[j:k]
			if k == n {
				if (best == 0 || count[j] < best) && s.knownLastHashed(part, [4]uint32{hs[n], hs[n-1], hs[n-2], hs[n-3]}) {
					best, bestFrom = count[j], j
				}
				continue
			}
			if !s.has(part, hs[k]) {
				continue
			}
			s.reach(count, from, end, k, k, j)
			for _, l := range linkers {
				if k+len(l) < n && w[k:k+len(l)] == l {
					s.reach(count, from, end, k+len(l), k, j)
				}
			}
		}
	}
	if bestFrom >= 0 {
		parts := make([]string, best)
		parts[best-1] = w[bestFrom:]
		for i, j := best-2, bestFrom; i >= 0; i-- {
			parts[i] = w[from[j]:end[j]]
			j = from[j]
		}
		return parts
	}
	for j := MinPart; n-j >= minHead; j++ {
		if s.knownLast(w[j:]) {
			return []string{w[j:]}
		}
	}
	return nil
}

func (s *Splitter) reach(count, from, end []int, next, partEnd, start int) {
	if c := count[start] + 1; count[next] == 0 || c < count[next] {
		count[next], from[next], end[next] = c, start, partEnd
	}
}

// endings are the inflections a last part may carry beyond a vocabulary
// word ("Marketingbudgets"); checking them is cheaper than stemming.
var endings = []string{"s", "e", "n", "en", "er", "es", "em", "ern", "ens"}

// knownLast reports whether a last part is a vocabulary word, or one with
// an inflection ending.
func (s *Splitter) knownLast(part string) bool {
	// hs[i] is the hash of part without its last i bytes.
	var hs [4]uint32
	h := uint32(fnvOffset)
	for i := 0; i < len(part); i++ {
		h = (h ^ uint32(part[i])) * fnvPrime
		if cut := len(part) - 1 - i; cut < len(hs) {
			hs[cut] = h
		}
	}
	return s.knownLastHashed(part, hs)
}

// knownLastHashed is knownLast with hs[i] the hash of part without its
// last i bytes (part has at least MinPart bytes, so all four exist).
func (s *Splitter) knownLastHashed(part string, hs [4]uint32) bool {
	if s.has(part, hs[0]) {
		return true
	}
	for _, e := range endings {
		if len(part)-len(e) >= MinPart && part[len(part)-len(e):] == e && s.has(part[:len(part)-len(e)], hs[len(e)]) {
			return true
		}
	}
	return false
}

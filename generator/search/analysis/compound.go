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
	words map[string]string // folded standalone word → its stem
}

// NewSplitter takes the vocabulary as folded word → stem. Words shorter than
// MinPart or not of the letters a–z are ignored.
func NewSplitter(vocab map[string]string) *Splitter {
	s := &Splitter{words: make(map[string]string, len(vocab))}
	for w, st := range vocab {
		if len(w) < MinPart || !isLowerAlpha(w) {
			continue
		}
		s.words[w] = st
	}
	return s
}

// Split returns the parts of a folded German compound (folded, unstemmed),
// or nil when it is no compound of known words. All parts but the last must
// be vocabulary words; the last may also carry an inflection ending. Fewest parts win. When no full split
// exists, a known last part of at least 5 letters after a rest of at least
// MinPart letters is returned alone: the head noun carries the meaning.
func (s *Splitter) Split(w string) []string {
	n := len(w)
	if n < MinCompound || !isLowerAlpha(w) {
		return nil
	}
	// count[j] is the fewest parts that end right before position j (a part
	// may start there), 0 for unreachable; from[j] is the start of the
	// part that reached j.
	count := make([]int, n+1)
	from := make([]int, n+1)
	end := make([]int, n+1) // end[j]: where the part that reached j ended (before a linker)
	count[0] = 1
	best, bestFrom := 0, -1
	for j := 0; j+MinPart <= n; j++ {
		if count[j] == 0 {
			continue
		}
		for k := j + MinPart; k <= n; k++ {
			if j == 0 && k == n {
				break
			}
			part := w[j:k]
			if k == n {
				if s.known(part, true) && (best == 0 || count[j] < best) {
					best, bestFrom = count[j], j
				}
				continue
			}
			if _, ok := s.words[part]; !ok {
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
		if s.known(w[j:], true) {
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

// known reports whether part is a vocabulary word, or (last parts) one
// with an inflection ending.
func (s *Splitter) known(part string, last bool) bool {
	if _, ok := s.words[part]; ok {
		return true
	}
	if !last {
		return false
	}
	for _, e := range endings {
		if len(part)-len(e) >= MinPart && part[len(part)-len(e):] == e {
			if _, ok := s.words[part[:len(part)-len(e)]]; ok {
				return true
			}
		}
	}
	return false
}

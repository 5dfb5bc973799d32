package search

import (
	"hash/maphash"
	"sort"
	"sync"
)

// vocabShards splits the vocabulary so page analysis, on all cores, rarely
// waits for a lock.
const vocabShards = 64

// vocab collects the distinct folded words of the corpus while pages are
// analysed in parallel. A word's key is its language's first letter and
// its folded form; a ref is local index * vocabShards + shard.
type vocab struct {
	seed   maphash.Seed
	shards [vocabShards]vocabShard
}

type vocabShard struct {
	mu    sync.Mutex
	index map[string]int32
	words []wordInfo
}

func newVocab() *vocab {
	v := &vocab{seed: maphash.MakeSeed()}
	for i := range v.shards {
		v.shards[i].index = make(map[string]int32, 1024)
	}
	return v
}

// ref returns the ref of key, adding it if new. The surface kept is the
// first one on the page with the lowest id, whatever the scheduling.
func (v *vocab) ref(key []byte, surface string, docID int) int32 {
	sh := int32(maphash.Bytes(v.seed, key) % vocabShards)
	s := &v.shards[sh]
	s.mu.Lock()
	k, ok := s.index[string(key)]
	if !ok {
		k = int32(len(s.words))
		ks := string(key)
		s.index[ks] = k
		lang := "en"
		if ks[0] == 'd' {
			lang = "de"
		}
		s.words = append(s.words, wordInfo{lang: lang, folded: ks[1:], surface: surface, minDoc: docID})
	} else if w := &s.words[k]; docID < w.minDoc {
		w.minDoc, w.surface = docID, surface
	}
	s.mu.Unlock()
	return k*vocabShards + sh
}

// sorted returns the words in (language, folded) order and, per shard, the
// new index of each local index.
func (v *vocab) sorted() ([]wordInfo, [vocabShards][]int32) {
	type at struct{ shard, local int32 }
	var all []at
	for s := range v.shards {
		for k := range v.shards[s].words {
			all = append(all, at{int32(s), int32(k)})
		}
	}
	word := func(a at) *wordInfo { return &v.shards[a.shard].words[a.local] }
	sort.Slice(all, func(x, y int) bool {
		a, b := word(all[x]), word(all[y])
		if a.lang != b.lang {
			return a.lang < b.lang
		}
		return a.folded < b.folded
	})
	var remap [vocabShards][]int32
	for s := range v.shards {
		remap[s] = make([]int32, len(v.shards[s].words))
	}
	words := make([]wordInfo, len(all))
	for i, a := range all {
		words[i] = *word(a)
		remap[a.shard][a.local] = int32(i)
	}
	return words, remap
}

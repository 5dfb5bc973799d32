package build

import (
	"hash"
	"hash/maphash"
)

var _ hash.Hash = (*memoHash)(nil)

// hashSeeds key the memo hashes; they are made once per process, which is
// as long as any memo lives.
var hashSeeds = [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}

// memoHash is a 128-bit hash for memo keys, several times faster than
// SHA-256 on page bodies: the keys are compared within one process and
// never leave it, so a cryptographic hash buys nothing.
type memoHash struct{ a, b maphash.Hash }

func newHash() *memoHash {
	h := &memoHash{}
	h.a.SetSeed(hashSeeds[0])
	h.b.SetSeed(hashSeeds[1])
	return h
}

func (h *memoHash) Write(p []byte) (int, error) {
	h.a.Write(p)
	h.b.Write(p)
	return len(p), nil
}

// WriteString writes s without copying it to a byte slice first.
func (h *memoHash) WriteString(s string) (int, error) {
	h.a.WriteString(s)
	h.b.WriteString(s)
	return len(s), nil
}

// Sum appends 32 bytes, the size of the keys: 16 of hash, 16 zero.
func (h *memoHash) Sum(b []byte) []byte {
	b = h.a.Sum(b)
	b = h.b.Sum(b)
	return append(b, make([]byte, 16)...)
}

func (h *memoHash) Reset()         { h.a.Reset(); h.b.Reset() }
func (h *memoHash) Size() int      { return 32 }
func (h *memoHash) BlockSize() int { return h.a.BlockSize() }

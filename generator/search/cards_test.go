package search

import (
	"bytes"
	"encoding/json"
	"math/rand"
	"slices"
	"sort"
	"strings"
	"testing"
)

func TestTopPages(t *testing.T) {
	tests := []struct {
		p    plist
		k    int
		want []int32
	}{
		{plist{ids: []int32{1, 2, 3, 4}, q: []uint8{5, 9, 5, 7}}, 3, []int32{2, 4, 1}},
		{plist{ids: []int32{1, 2}, q: []uint8{5, 9}}, 5, []int32{2, 1}},
		// The rest shares one score: its lowest ids rank first among equals.
		{plist{ids: []int32{5, 9}, q: []uint8{9, 4}, rest: []int32{1, 2, 3}, restQ: 4}, 3, []int32{5, 1, 2}},
		{plist{ids: []int32{5, 9}, q: []uint8{9, 8}, rest: []int32{1, 2, 3}, restQ: 4}, 2, []int32{5, 9}},
		{plist{ids: []int32{5}, q: []uint8{9}, rest: []int32{1, 2, 3}, restQ: 4}, 3, []int32{5, 1, 2}},
	}
	for _, tt := range tests {
		if got := topPages(&tt.p, tt.k); !slices.Equal(got, tt.want) {
			t.Errorf("topPages(%+v, %d) = %v, want %v", tt.p, tt.k, got, tt.want)
		}
	}
}

// TestCardsCoverOneWordQueries: a one-word query finds the metadata of its
// first results in the shards it reads, and a card is the page's entry in
// its metadata shard.
func TestCardsCoverOneWordQueries(t *testing.T) {
	ix := buildCorpus(t)
	m := ix.manifestNames()
	metaNames, _ := shardNames("m", m.Metas)
	entries := map[int32][]byte{}
	for g, name := range metaNames {
		var raw struct {
			D []json.RawMessage `json:"d"`
		}
		if err := json.Unmarshal(ix.file("search/"+name), &raw); err != nil {
			t.Fatal(err)
		}
		for k, d := range raw.D {
			entries[int32(g*metaSize+k)] = d
		}
	}
	cards := 0
	for _, f := range ix.Files() {
		var raw struct {
			C [2]json.RawMessage `json:"c"`
		}
		if !strings.Contains(f.Path, "/t-") && !strings.Contains(f.Path, "/p-") {
			continue
		}
		if err := json.Unmarshal(f.Data, &raw); err != nil {
			t.Fatal(err)
		}
		if raw.C[0] == nil {
			continue
		}
		var gaps []int32
		var es []json.RawMessage
		if json.Unmarshal(raw.C[0], &gaps) != nil || json.Unmarshal(raw.C[1], &es) != nil || len(gaps) != len(es) {
			t.Fatalf("%s: bad cards", f.Path)
		}
		for i, id := range ungap(gaps) {
			cards++
			if !bytes.Equal(es[i], entries[id]) {
				t.Fatalf("%s: card of page %d is %s, its metadata shard says %s", f.Path, id, es[i], entries[id])
			}
		}
	}
	if cards == 0 {
		t.Fatal("no shard carries cards")
	}
	uncovered := 0
	for _, q := range []string{"Mailbox", "Budget", "Einwand", "Preis", "Termin", "Kunde", "anruf", "Rabatt", "Entscheider", "k", "ka"} {
		trips := ix.coldFiles(q, cardTop)
		if len(trips[2]) > 0 {
			uncovered++
			t.Logf("%q reads %d metadata shards", q, len(trips[2]))
		}
	}
	if uncovered > 0 {
		t.Errorf("%d one-word queries need metadata shards", uncovered)
	}
}

func (ix *Index) file(path string) []byte {
	for _, f := range ix.files {
		if f.Path == path {
			return f.Data
		}
	}
	return nil
}

// TestTopPagesMatchesSort checks the histogram cut against sorting every
// page, on random lists with many equal scores.
func TestTopPagesMatchesSort(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	for n := 0; n < 300; n++ {
		var p plist
		id := int32(0)
		for i := r.Intn(40); i > 0; i-- {
			id += 1 + int32(r.Intn(3))
			if r.Intn(3) == 0 {
				p.rest = append(p.rest, id)
			} else {
				p.ids = append(p.ids, id)
				p.q = append(p.q, uint8(1+r.Intn(4)))
			}
		}
		p.restQ = uint8(1 + r.Intn(4))
		type hit struct {
			id int32
			q  uint8
		}
		var all []hit
		for i, id := range p.ids {
			all = append(all, hit{id, p.q[i]})
		}
		for _, id := range p.rest {
			all = append(all, hit{id, p.restQ})
		}
		sort.Slice(all, func(a, b int) bool { return all[a].q > all[b].q || all[a].q == all[b].q && all[a].id < all[b].id })
		k := 1 + r.Intn(6)
		var want []int32
		for _, h := range all[:min(k, len(all))] {
			want = append(want, h.id)
		}
		if got := topPages(&p, k); !slices.Equal(got, want) && len(got)+len(want) > 0 {
			t.Fatalf("topPages(%+v, %d) = %v, want %v", p, k, got, want)
		}
	}
}

package search

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"math/rand"
	"strings"
	"syscall"
	"testing"
	"time"
)

// synthCorpus makes n German-like pages of about words words each: a
// Zipf-distributed vocabulary of syllable words, compounds of them and
// inflected forms, with real tags, personas, stages and kinds.
func synthCorpus(n, words int) []Doc {
	r := rand.New(rand.NewSource(42))
	syl := strings.Fields("an be ver ge kun de preis bud get markt ein wand ar beit zeit rat tag ter min lei tung ner ber ung sch lich kauf mann frau haus an ruf mail box lö sung grö ße über gabe stra ße prü fung händ ler ak ti on mög lich keit ab schluss")
	base := make([]string, 12000)
	for i := range base {
		k := 2 + r.Intn(3)
		var b strings.Builder
		for j := 0; j < k; j++ {
			b.WriteString(syl[r.Intn(len(syl))])
		}
		base[i] = b.String()
	}
	vocab := append([]string{}, base...)
	for i := 0; i < 8000; i++ {
		vocab = append(vocab, base[r.Intn(2000)]+base[r.Intn(4000)])
	}
	suffix := []string{"", "", "", "e", "en", "er", "es", "s", "ung", "lich"}
	zipf := rand.NewZipf(r, 1.07, 2, uint64(len(vocab)-1))
	word := func() string {
		w := vocab[zipf.Uint64()] + suffix[r.Intn(len(suffix))]
		if r.Intn(7) == 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		}
		return w
	}
	text := func(k int) string {
		ws := make([]string, k)
		for i := range ws {
			ws[i] = word()
		}
		return strings.Join(ws, " ")
	}
	kinds := [][2]string{{"objection", "Einwand"}, {"pitch", "Pitch"}, {"voicemail", "Sprachnachricht"}, {"cadence", "Kadenz"}, {"retention", "Kundenbindung"}, {"checklist", "Checkliste"}, {"workshop", "Workshop"}, {"page", "Seite"}}
	stages := strings.Fields("prospecting discovery demo negotiation closing onboarding renewal")
	personas := strings.Fields("Außendienst Innendienst KeyAccount Führung Marketing Support")
	docs := make([]Doc, n)
	for i := range docs {
		k := kinds[r.Intn(len(kinds))]
		d := Doc{URL: fmt.Sprintf("/%s/%s-%d/", k[0], base[r.Intn(len(base))], i), Title: text(3 + r.Intn(4)), Kind: k[0], KindLabel: k[1],
			Summary: text(15 + r.Intn(10)), Stage: stages[r.Intn(len(stages))], Personas: []string{personas[r.Intn(len(personas))]}}
		if k[0] == "objection" {
			d.Objection = text(6)
		}
		for t := 0; t < 3; t++ {
			d.Tags = append(d.Tags, fmt.Sprintf("tag%d", r.Intn(200)))
		}
		left := words - 40
		for s := 0; left > 0; s++ {
			size := min(left, 100+r.Intn(40))
			left -= size
			h := text(2 + r.Intn(3))
			d.Sections = append(d.Sections, Section{Anchor: fmt.Sprintf("s%d", s), Heading: h, Text: text(size)})
		}
		docs[i] = d
	}
	return docs
}

func gz(data []byte) int {
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.DefaultCompression)
	w.Write(data)
	w.Close()
	return b.Len()
}

// coldFiles lists the files a browser fetches for q from a cold cache, by
// round trip: the manifest, the shards of the query words (and filters),
// the page metadata of the first limit results.
func (ix *Index) coldFiles(q string, limit int) [][]string {
	byName := map[string]bool{}
	trip := func(names ...string) []string {
		var out []string
		for _, n := range names {
			if !byName[n] {
				byName[n] = true
				out = append(out, n)
			}
		}
		return out
	}
	m := ix.manifestNames()
	leaves, _ := shardNames("t", m.Leaves)
	pfiles, _ := shardNames("p", m.PFiles)
	metaNames, _ := shardNames("m", m.Metas)
	trips := [][]string{{ManifestPath}}
	var shards []string
	for _, w := range ix.parse(q) {
		for _, v := range w.variants {
			shards = append(shards, leaves[ix.leafFor(v.stem)])
			if w.last {
				if f, ok := m.Prefixes[v.folded]; ok {
					shards = append(shards, pfiles[f])
				} else {
					shards = append(shards, leaves[ix.leafForPrefix(v.folded)])
				}
			}
		}
		for _, v := range w.variants {
			for _, t := range typoCandidates(ix.typo, v.stem) {
				shards = append(shards, leaves[ix.leafFor(t)])
			}
		}
	}
	trips = append(trips, trip(shards...))
	carded := map[int]bool{}
	for _, name := range shards {
		for _, id := range ix.cardIDs(name) {
			carded[int(id)] = true
		}
	}
	var metas []string
	for _, r := range ix.Search(q, Filter{}, limit) {
		if !carded[r.ID] {
			metas = append(metas, metaNames[r.ID/ix.metaSize])
		}
	}
	return append(trips, trip(metas...))
}

// cardIDs returns the pages whose cards the shard file name carries.
func (ix *Index) cardIDs(name string) []int32 {
	for _, f := range ix.files {
		if f.Path != "search/"+name {
			continue
		}
		var raw struct {
			C []json.RawMessage `json:"c"`
		}
		if err := json.Unmarshal(f.Data, &raw); err != nil {
			panic(err)
		}
		if len(raw.C) != 2 {
			return nil
		}
		var gaps []int32
		if err := json.Unmarshal(raw.C[0], &gaps); err != nil {
			panic(err)
		}
		return ungap(gaps)
	}
	return nil
}

func (ix *Index) manifestNames() manifest {
	var m manifest
	if err := jsonUnmarshal(ix.files[0].Data, &m); err != nil {
		panic(err)
	}
	return m
}

type indexStats struct {
	files, raw, gz, maxShard int
	maxShardName             string
	manifestGz               int
}

func statsOf(ix *Index) indexStats {
	var s indexStats
	for _, f := range ix.Files() {
		g := gz(f.Data)
		s.files++
		s.raw += len(f.Data)
		s.gz += g
		if f.Path == ManifestPath {
			s.manifestGz = g
		} else if g > s.maxShard {
			s.maxShard, s.maxShardName = g, f.Path
		}
	}
	return s
}

func TestBigCorpus(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("builds 10,000 pages: run without -short and -race")
	}
	docs := synthCorpus(10000, 500)
	ix, err := Build(docs, Options{Lang: "de"})
	if err != nil {
		t.Fatal(err)
	}
	s := statsOf(ix)
	t.Logf("10,000 pages x 500 words: %d files, %.2f MB raw, %.2f MB gzipped, manifest %.1f KB gz, largest shard %.1f KB gz (%s)",
		s.files, float64(s.raw)/1e6, float64(s.gz)/1e6, float64(s.manifestGz)/1024, float64(s.maxShard)/1024, s.maxShardName)
	if s.maxShard > 16<<10 {
		t.Errorf("largest shard %s is %d bytes compressed, over 16 KB", s.maxShardName, s.maxShard)
	}
	if s.files > len(docs)/4 {
		t.Errorf("%d files for %d pages", s.files, len(docs))
	}
	sizes := map[string]int{}
	for _, f := range ix.Files() {
		sizes[f.Path] = gz(f.Data)
	}
	// Cold queries: frequent words, one- and two-word titles, short
	// prefixes, a typo, and one long query.
	var qs []string
	for _, lf := range ix.leaves {
		for i, tm := range lf.terms {
			if lf.lists[i].df() > 5000 && len(qs) < 2 {
				qs = append(qs, tm)
			}
		}
	}
	two := strings.Fields(docs[0].Title)[:2]
	qs = append(qs, two[0], strings.Join(two, " "), docs[1].Sections[0].Heading, "a", "be", "ver", "preisbud", "Budegt Einwand", docs[2].Summary[:60])
	for _, q := range qs {
		trips := ix.coldFiles(q, 10)
		total, shard := 0, 0
		for i, trip := range trips {
			for _, n := range trip {
				if !strings.HasPrefix(n, "search/") {
					n = "search/" + n
				}
				total += sizes[n]
				if i == 1 {
					shard += sizes[n]
				}
			}
		}
		t.Logf("cold query %-44q %d round trips, %5.1f KB (term shards %4.1f KB, %d files; %d metadata shards)", q, len(trips), float64(total)/1024, float64(shard)/1024, len(trips[1]), len(trips[2]))
		if len(trips) > 3 {
			t.Errorf("%q took %d round trips", q, len(trips))
		}
		// A one-word query shows its first results from the cards of the
		// shards it reads; two words may rank pages no card covers, each
		// costing a metadata shard (this corpus's entries are large).
		if limit := map[int]int{1: 50 << 10, 2: 58 << 10}[ix.Words(q)]; limit > 0 && total > limit {
			t.Errorf("cold query %q costs %d bytes, over %d KB", q, total, limit>>10)
		}
	}
}

func BenchmarkBuild(b *testing.B) {
	docs := synthCorpus(10000, 500)
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime()
	for i := 0; i < b.N; i++ {
		if _, err := Build(docs, Options{Lang: "de"}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
}

// cpuTime is the process's user and system time so far: benchmarks report
// it beside wall time, since the machine's cores are shared.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

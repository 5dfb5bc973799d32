package search

import (
	"bytes"
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"
	"time"
)

// fullBuild builds docs from scratch with prev's page ids: what an
// incremental build must equal.
func fullBuild(t testing.TB, docs []Doc, prev *Index, lim *limits) *Index {
	t.Helper()
	cp := *prev
	cp.state, cp.memo = nil, nil
	ix, err := Build(docs, Options{Lang: "de", BasePath: "/", Previous: &cp, limits: lim})
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

func sameIndex(t *testing.T, step string, got, want *Index, queries []string) {
	t.Helper()
	gf, wf := got.Files(), want.Files()
	if len(gf) != len(wf) {
		t.Fatalf("%s: %d files, a full build %d", step, len(gf), len(wf))
	}
	for k := range gf {
		i := (k + 1) % len(gf) // the manifest last: a shard tells more
		if gf[i].Path != wf[i].Path || !bytes.Equal(gf[i].Data, wf[i].Data) {
			if testing.Verbose() {
				a, b := string(gf[i].Data), string(wf[i].Data)
				k := 0
				for k < len(a) && k < len(b) && a[k] == b[k] {
					k++
				}
				t.Logf("first difference at %d: %q vs %q", k, a[max(0, k-80):min(len(a), k+80)], b[max(0, k-80):min(len(b), k+80)])
			}
			t.Fatalf("%s: file %d is %s (%d bytes), a full build has %s (%d bytes)", step, i, gf[i].Path, len(gf[i].Data), wf[i].Path, len(wf[i].Data))
		}
	}
	for _, q := range queries {
		a, b := fmt.Sprint(got.Search(q, Filter{}, 20)), fmt.Sprint(want.Search(q, Filter{}, 20))
		if a != b {
			t.Fatalf("%s: Search(%q) differs from a full build:\n%s\n%s", step, q, a, b)
		}
	}
}

// TestIncrementalMatchesFull edits a corpus step by step (words changed,
// added and removed, pages added, dropped and renamed, a language
// switched) and checks each incremental build against a full build with
// the same page ids, file for file.
func TestIncrementalMatchesFull(t *testing.T) {
	for _, lim := range []*limits{nil, {shardTarget: 600, restFrom: 6, headLen: 3}} {
		t.Run(fmt.Sprint(lim != nil), func(t *testing.T) {
			r := rand.New(rand.NewSource(7))
			docs := synthCorpus(300, 120)
			docs = append(docs, loadCorpus(t)...)
			ix, err := Build(docs, Options{Lang: "de", BasePath: "/", limits: lim})
			if err != nil {
				t.Fatal(err)
			}
			queries := []string{"Budget", "kein Budget", "preis", "Mail", "anb", "Kündigung", "ver", "Marketingbudget"}
			words := strings.Fields("Budget Marketingbudget Preisbudget Zeitarbeit Kundentermin Mailbox Löcher Loecher teuer Einwand Anbieter Rückruf Kaltakquise Budgetplanung Zeitbudget xylophon Quelle Straße neue")
			edits := []func(){
				func() { // a word appended to a body
					d := &docs[r.Intn(len(docs))]
					if len(d.Sections) > 0 {
						d.Sections[0].Text += " " + words[r.Intn(len(words))]
					} else {
						d.Summary += " " + words[r.Intn(len(words))]
					}
				},
				func() { // a title rewritten
					docs[r.Intn(len(docs))].Title = words[r.Intn(len(words))] + " " + words[r.Intn(len(words))]
				},
				func() { // a word removed from a summary
					d := &docs[r.Intn(len(docs))]
					if f := strings.Fields(d.Summary); len(f) > 1 {
						d.Summary = strings.Join(f[1:], " ")
					}
				},
				func() { // a page dropped
					k := r.Intn(len(docs))
					docs = slices.Delete(slices.Clone(docs), k, k+1)
				},
				func() { // a page added
					docs = append(docs, Doc{URL: fmt.Sprintf("/neu/%d/", r.Int()), Title: "Neu " + words[r.Intn(len(words))], Kind: "page", KindLabel: "Seite",
						Summary: words[r.Intn(len(words))] + " und " + words[r.Intn(len(words))], Tags: []string{"neu"}})
				},
				func() { // a page renamed: a new URL, the same text
					docs[r.Intn(len(docs))].URL += "x/"
				},
				func() { // a page in English
					docs[r.Intn(len(docs))].Lang = "en"
				},
				func() { // a word that makes compounds splittable
					d := &docs[r.Intn(len(docs))]
					d.Summary += " arbeit budget termin"
				},
			}
			steps := 40
			if testing.Short() || raceEnabled {
				steps = 12
			}
			incremental := 0
			defer func() {
				t.Logf("%d of %d builds only scored the changed pages", incremental, steps)
				// Renames and new pages change the ids, so they build afresh.
				if incremental < steps/3 {
					t.Errorf("only %d of %d builds were incremental", incremental, steps)
				}
			}()
			for step := 0; step < steps; step++ {
				docs = slices.Clone(docs)
				for i := range docs {
					docs[i].Sections = slices.Clone(docs[i].Sections)
				}
				n := 1 + r.Intn(2)
				if step%10 == 9 {
					n = 30 // enough to move the corpus statistics
				}
				for range n {
					edits[r.Intn(len(edits))]()
				}
				want := fullBuild(t, docs, ix, lim)
				got, err := Build(docs, Options{Lang: "de", BasePath: "/", Previous: ix, limits: lim})
				if err != nil {
					t.Fatal(err)
				}
				if d := diffStates(got.state, want.state); len(d) > 0 {
					t.Fatalf("step %d: %d words differ: %q", step, len(d), d[:min(5, len(d))])
				}
				sameIndex(t, fmt.Sprintf("step %d", step), got, want, queries)
				if !got.state.bulk {
					incremental++
				}
				ix = got
			}
		})
	}
}

// TestBuildAgainFromSamePrevious: the state moves to the first index
// built from a previous one; a second build from it is still right.
func TestBuildAgainFromSamePrevious(t *testing.T) {
	docs := loadCorpus(t)
	first, err := Build(docs, Options{Lang: "de", BasePath: "/"})
	if err != nil {
		t.Fatal(err)
	}
	edited := slices.Clone(docs)
	edited[3].Title += " Zusatz"
	want := fullBuild(t, edited, first, nil)
	for i := 0; i < 2; i++ {
		got, err := Build(edited, Options{Lang: "de", BasePath: "/", Previous: first})
		if err != nil {
			t.Fatal(err)
		}
		sameIndex(t, fmt.Sprint("build ", i), got, want, []string{"Zusatz", "Budget"})
	}
	// The first index still answers as before.
	if rs := first.Search("Zusatz", Filter{}, 5); len(rs) != 0 {
		t.Errorf("the previous index changed: %v", rs)
	}
}

// BenchmarkRebuildOneDoc is watch mode on a big site: one word of one
// page changes and the index is built again from the last one.
func BenchmarkRebuildOneDoc(b *testing.B) {
	docs := synthCorpus(10000, 500)
	ix, err := Build(docs, Options{Lang: "de"})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime()
	var wall time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		docs = slices.Clone(docs)
		d := &docs[(i*7919)%len(docs)]
		d.Sections = slices.Clone(d.Sections)
		d.Sections[0].Text += fmt.Sprintf(" wort%d", i%3)
		b.StartTimer()
		start := time.Now()
		if ix, err = Build(docs, Options{Lang: "de", Previous: ix}); err != nil {
			b.Fatal(err)
		}
		wall += time.Since(start)
	}
	b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
}

// TestUnchangedFilesShareBytes: a rebuild hands back the files it did not
// change as the very same byte slices, so a caller can skip them by
// pointer, and one without any change hands back every file so.
func TestUnchangedFilesShareBytes(t *testing.T) {
	docs := synthCorpus(400, 150)
	first, err := Build(docs, Options{Lang: "de"})
	if err != nil {
		t.Fatal(err)
	}
	before := map[string][]byte{}
	for _, f := range first.Files() {
		before[f.Path] = f.Data
	}
	docs = slices.Clone(docs)
	docs[3].Summary += " Zusatzwort"
	second, err := Build(docs, Options{Lang: "de", Previous: first})
	if err != nil {
		t.Fatal(err)
	}
	shared, same := 0, 0
	for _, f := range second.Files() {
		old, ok := before[f.Path]
		if !ok || !bytes.Equal(old, f.Data) {
			continue
		}
		same++
		if len(f.Data) > 0 && &old[0] == &f.Data[0] {
			shared++
		}
	}
	if shared != same || same < len(second.Files())/2 {
		t.Errorf("%d of %d unchanged files share their bytes (%d files)", shared, same, len(second.Files()))
	}
	third, err := Build(docs, Options{Lang: "de", Previous: second})
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range third.Files() {
		if g := second.Files()[i]; g.Path != f.Path || &g.Data[0] != &f.Data[0] {
			t.Fatalf("a build without changes rewrote %s", f.Path)
		}
	}
}

package search

import (
	"testing"
	"time"
)

func BenchmarkAnalyse(b *testing.B) {
	docs := synthCorpus(2000, 500)
	an := &analyser{}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for k := range docs {
			an.analyse(langDE, &docs[k])
		}
	}
}

// BenchmarkBuildPhases reports the CPU time of each phase of a build from
// scratch (run with GOMAXPROCS=1 for per-phase CPU).
func BenchmarkBuildPhases(bm *testing.B) {
	docs := synthCorpus(10000, 500)
	bm.ResetTimer()
	var t [8]time.Duration
	for i := 0; i < bm.N; i++ {
		b := &builder{opts: Options{Lang: "de"}, docs: docs, lim: limits{shardTarget: shardTarget, restFrom: restFrom, headLen: headLen, cardBudget: cardBudget}}
		c := cpuTime()
		lap := func(k int) {
			n := cpuTime()
			t[k] += n - c
			c = n
		}
		kept, _ := b.assignIDs()
		b.takeState(kept)
		b.fresh = true
		b.analyse()
		lap(0)
		b.updateVocab()
		b.commitDocs()
		b.fixStale()
		lap(1)
		b.stemNew()
		lap(2)
		r := b.splitCompounds()
		lap(3)
		b.postings(r)
		lap(4)
		if _, err := b.encode(); err != nil {
			bm.Fatal(err)
		}
		lap(5)
	}
	for k, name := range []string{"analyse", "vocab", "stem", "split", "postings", "encode"} {
		bm.ReportMetric(t[k].Seconds()/float64(bm.N), name+"-s")
	}
}

package search

import (
	"syscall"
	"testing"
	"time"
)

func cpuNow() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func TestZZPhases(t *testing.T) {
	docs := synthCorpus(10000, 500)
	b := newBuilder(docs, Options{Lang: "de"})
	t0, c0 := time.Now(), cpuNow()
	lap := func(s string) { t.Logf("%-9s wall %v cpu %v", s, time.Since(t0), cpuNow()-c0); t0, c0 = time.Now(), cpuNow() }
	b.assignIDs()
	lap("ids")
	b.analyse()
	lap("analyse")
	b.mergeWords()
	lap("merge")
	b.stemWords()
	lap("stem")
	post := b.postings()
	lap("postings")
	b.encode(post)
	lap("encode")
}

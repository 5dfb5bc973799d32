package search

import (
	"testing"
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

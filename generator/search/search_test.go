package search

import (
	"encoding/json"
	"flag"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

func loadCorpus(t testing.TB) []Doc {
	t.Helper()
	data, err := os.ReadFile("testdata/corpus.json")
	if err != nil {
		t.Fatal(err)
	}
	var docs []Doc
	if err := json.Unmarshal(data, &docs); err != nil {
		t.Fatal(err)
	}
	return docs
}

func buildCorpus(t testing.TB) *Index {
	t.Helper()
	ix, err := Build(loadCorpus(t), Options{Lang: "de", BasePath: "/"})
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

func urls(rs []Result) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.URL
	}
	return out
}

func jsonUnmarshal(data []byte, v any) error { return json.Unmarshal(data, v) }

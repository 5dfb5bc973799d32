package search

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The golden indexes under testdata/index-*/ and the expected rankings in
// testdata/rankings-*.json are what node --test (js_test/ranking.test.mjs)
// replays through the browser client: same files, same answers.

type rankingCase struct {
	Query   string         `json:"q"`
	Filter  Filter         `json:"filter"`
	Results []goldenResult `json:"results"`
	Suggest []string       `json:"suggest"`
}

type goldenResult struct {
	URL     string   `json:"url"`
	Matched int      `json:"matched"`
	Score   int      `json:"score"`
	Snippet string   `json:"snippet"`
	Marked  []string `json:"marked"`
	Anchor  string   `json:"anchor"`
}

// goldenLimit keeps the files small; the client is asked for as many.
const goldenLimit = 12

var goldenQueries = []string{
	"kein Budget", "Mailbox", "Einwand Preis", "zu teuer", "Anbieter", "Budegt", "Vorw", "Budget", "budget ",
	"Loecher", "Löcher", "Locher", "too expensive", "Marketingbudget", "Marketing-Bud", "xyzzy", "", "  ", "!!!",
	"b", "k", "ka", "ü", "Kündigung", "Kuendigung", "kundigung", "Einwände", "einwa", "Rabat", "Rabattforderung",
	"Preis zu", "Ansprechpartnr", "Entscheidr", "Wir haben kein Budget für so etwas", "Sprachnachricht",
	"<script>", "script", "\"quotes\"", "Außendienst", "aussendienst", "Mail box", "mailbo", "anrufen", "Anruf",
	"Erstgespräch", "erstgesprach", "Elevator", "pitch", "thirty seconds", "Kaltakquise Mailbox", "zzzz budget",
	"Vudget", "vudget Einwand", "Nailbox", "Ailbox", "uBdget",
}

var goldenFilters = []struct {
	q string
	f Filter
}{
	{"Mailbox", Filter{Kinds: []string{"voicemail"}}},
	{"Preis", Filter{Tags: []string{"rabatt"}}},
	{"Einwand", Filter{Stages: []string{"prospecting"}, Personas: []string{"Innendienst"}}},
	{"Einwand", Filter{Kinds: []string{"objection", "cadence"}, Tags: []string{"kaltakquise", "preis"}}},
	{"kein", Filter{Kinds: []string{"nothing"}}},
}

func goldenCases(ix *Index) []rankingCase {
	var cases []rankingCase
	add := func(q string, f Filter) {
		c := rankingCase{Query: q, Filter: f, Results: []goldenResult{}, Suggest: ix.Suggest(q, 5)}
		if c.Suggest == nil {
			c.Suggest = []string{}
		}
		for _, r := range ix.Search(q, f, goldenLimit) {
			g := goldenResult{URL: r.URL, Matched: r.Matched, Score: r.Score, Snippet: r.Snippet, Anchor: r.Anchor, Marked: []string{}}
			for _, m := range r.Marks {
				g.Marked = append(g.Marked, r.Snippet[m[0]:m[1]])
			}
			c.Results = append(c.Results, g)
		}
		cases = append(cases, c)
	}
	for _, q := range goldenQueries {
		add(q, Filter{})
	}
	for _, c := range goldenFilters {
		add(c.q, c.f)
	}
	// The 1–3 rune prefixes of every third term, and a typo of it if long.
	seen := map[string]bool{}
	n := 0
	for _, lf := range ix.leaves {
		for _, t := range lf.terms {
			if n++; n%3 != 0 {
				continue
			}
			r := []rune(t)
			for n := 1; n <= 3 && n <= len(r); n++ {
				if p := string(r[:n]); !seen[p] {
					seen[p] = true
					add(p, Filter{})
				}
			}
			if len(r) >= 5 {
				typo := string(r[:1]) + string(r[2:3]) + string(r[1:2]) + string(r[3:])
				if !seen[typo] {
					seen[typo] = true
					add(typo, Filter{})
				}
			}
		}
	}
	return cases
}

var goldenSets = []struct {
	name string
	lim  *limits
}{
	{"small", nil},
	{"tiny", &limits{shardTarget: 200, restFrom: 3, headLen: 2}},
}

func TestGolden(t *testing.T) {
	for _, gs := range goldenSets {
		t.Run(gs.name, func(t *testing.T) {
			ix, err := Build(loadCorpus(t), Options{Lang: "de", BasePath: "/", limits: gs.lim})
			if err != nil {
				t.Fatal(err)
			}
			dir := filepath.Join("testdata", "index-"+gs.name)
			cases := goldenCases(ix)
			// One case a line, so a diff shows which query changed.
			var buf bytes.Buffer
			buf.WriteString("[\n")
			for i, c := range cases {
				line, err := json.Marshal(c)
				if err != nil {
					t.Fatal(err)
				}
				if i > 0 {
					buf.WriteString(",\n")
				}
				buf.Write(line)
			}
			buf.WriteString("\n]\n")
			rankFile := filepath.Join("testdata", "rankings-"+gs.name+".json")
			if *update {
				os.RemoveAll(dir)
				for _, f := range ix.Files() {
					p := filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(f.Path, "search/")))
					if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(p, f.Data, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				if err := os.WriteFile(rankFile, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			// The committed files are the build's output.
			var names []string
			for _, f := range ix.Files() {
				name := strings.TrimPrefix(f.Path, "search/")
				names = append(names, name)
				got, err := os.ReadFile(filepath.Join(dir, name))
				if err != nil || !bytes.Equal(got, f.Data) {
					t.Fatalf("%s/%s is stale: run go test -update", dir, name)
				}
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != len(names) {
				t.Fatalf("%s has %d files, the build %d: run go test -update", dir, len(entries), len(names))
			}
			want, err := os.ReadFile(rankFile)
			if err != nil || !bytes.Equal(want, buf.Bytes()) {
				t.Fatalf("%s is stale: run go test -update", rankFile)
			}
			// Loading the files back gives the same answers.
			loaded, err := Load(func(p string) ([]byte, error) {
				return os.ReadFile(filepath.Join(dir, strings.TrimPrefix(p, "search/")))
			})
			if err != nil {
				t.Fatal(err)
			}
			again, _ := json.Marshal(goldenCases(loaded))
			first, _ := json.Marshal(cases)
			if !bytes.Equal(again, first) {
				t.Fatal("a loaded index answers differently from the built one")
			}
		})
	}
}

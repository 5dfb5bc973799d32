package search

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"playbook/generator/search/analysis"
)

func TestRanking(t *testing.T) {
	ix := buildCorpus(t)
	tests := []struct {
		q      string
		f      Filter
		top    []string // the first results, in order
		absent []string // not among the full matches
	}{
		{q: "kein Budget", top: []string{"/objections/kein-budget/"}},
		{q: "Mailbox", top: []string{"/voicemails/erstkontakt/", "/voicemails/letzter-versuch/", "/cadences/kaltakquise-neukunde/"}},
		{q: "Einwand Preis", top: []string{"/objections/preis/zu-teuer/", "/objections/preis/rabattforderung/"}},
		{q: "zu teuer", top: []string{"/objections/preis/zu-teuer/"}},
		{q: "Anbieter", top: []string{"/objections/schon-einen-anbieter/"}},
		{q: "Budegt", top: []string{"/objections/kein-budget/"}},           // typo: transposition
		{q: "Vudget", top: []string{"/objections/kein-budget/"}},           // typo in the first letter
		{q: "udget", top: []string{"/objections/kein-budget/"}},            // the first letter left out
		{q: "Nailbox", top: []string{"/voicemails/erstkontakt/"}},          // another shard than "mailbox"
		{q: "Rabat", top: []string{"/objections/preis/rabattforderung/"}},  // prefix of the last word
		{q: "Vorw", top: []string{"/grundlagen/fragetechnik/"}},            // prefix reaches "Vorwand"
		{q: "Loecher", top: []string{"/retention/kuendigung-droht/"}},      // oe for ö
		{q: "Locher", top: []string{"/retention/kuendigung-droht/"}},       // plain o for ö
		{q: "Kuendigung", top: []string{"/retention/kuendigung-droht/"}},   // ue for ü
		{q: "too expensive", top: []string{"/pitches/elevator-pitch-en/"}}, // an English page
		{q: "Mailbox", f: Filter{Kinds: []string{"cadence"}}, top: []string{"/cadences/kaltakquise-neukunde/"}},
		{q: "Preis", f: Filter{Tags: []string{"rabatt"}}, top: []string{"/objections/preis/rabattforderung/"}},
	}
	for _, tt := range tests {
		rs := ix.Search(tt.q, tt.f, 0)
		got := urls(rs)
		if len(got) < len(tt.top) || !slices.Equal(got[:len(tt.top)], tt.top) {
			t.Errorf("Search(%q, %+v) = %q, want first %q", tt.q, tt.f, got, tt.top)
		}
		n := ix.Words(tt.q)
		for _, r := range rs {
			if r.Matched > n || r.Matched < 1 {
				t.Errorf("Search(%q): %s matched %d of %d words", tt.q, r.URL, r.Matched, n)
			}
		}
	}
}

func TestSpellingsMeet(t *testing.T) {
	ix := buildCorpus(t)
	for _, group := range [][]string{
		{"Außendienst", "Aussendienst", "aussendienst", "AUSSENDIENST"},
		{"Einwände", "Einwaende", "Einwande", "einwand"},
		{"Löcher", "Loecher", "Locher"},
	} {
		want := urls(ix.Search(group[0]+" ", Filter{}, 0))
		if len(want) == 0 {
			t.Errorf("%q finds nothing", group[0])
		}
		for _, q := range group[1:] {
			if got := urls(ix.Search(q+" ", Filter{}, 0)); !slices.Equal(got, want) {
				t.Errorf("Search(%q) = %q, Search(%q) = %q", group[0], want, q, got)
			}
		}
	}
}

func TestFiltersRestrict(t *testing.T) {
	ix := buildCorpus(t)
	for _, r := range ix.Search("Einwand", Filter{Kinds: []string{"objection"}, Personas: []string{"Innendienst"}}, 0) {
		if r.Kind != "objection" {
			t.Errorf("%s has kind %s", r.URL, r.Kind)
		}
		if r.URL == "/objections/preis/zu-teuer/" {
			t.Errorf("%s is not for Innendienst", r.URL)
		}
	}
	if rs := ix.Search("Einwand", Filter{Kinds: []string{"nothing"}}, 0); len(rs) != 0 {
		t.Errorf("unknown kind gave %q", urls(rs))
	}
}

func TestCompoundFindsParts(t *testing.T) {
	ix := buildCorpus(t)
	// "Marketingbudget" is the only budget word on this page.
	if got := urls(ix.Search("Budget", Filter{}, 0)); !slices.Contains(got, "/fuehrung/marketing-leads/") {
		t.Errorf("Budget does not find Marketingbudget: %q", got)
	}
	// The hyphenated title is indexed whole and in parts.
	for _, q := range []string{"Marketing-Leads", "Marketingleads", "Leads"} {
		if got := urls(ix.Search(q+" ", Filter{}, 0)); len(got) == 0 || got[0] != "/fuehrung/marketing-leads/" {
			t.Errorf("Search(%q) = %q", q, got)
		}
	}
}

func TestNoResultsSuggests(t *testing.T) {
	ix := buildCorpus(t)
	if rs := ix.Search("Qwertzuiop", Filter{}, 0); len(rs) != 0 {
		t.Errorf("nonsense found %q", urls(rs))
	}
	got := ix.Suggest("Mailbux Budegt", 4)
	if !slices.Contains(got, "mailbox") || !slices.Contains(got, "budget") {
		t.Errorf("Suggest = %q", got)
	}
	if got := ix.Suggest("Budget", 4); len(got) != 0 {
		t.Errorf("a word with hits got suggestions %q", got)
	}
}

// TestEveryPrefix: every prefix of every term finds all the term's pages,
// whichever shard or split prefix holds them (tiny shards make many).
func TestEveryPrefix(t *testing.T) {
	for _, lim := range []*limits{nil, {shardTarget: 200, restFrom: 3, headLen: 2}, {shardTarget: 60, restFrom: 2, headLen: 1}} {
		ix, err := Build(loadCorpus(t), Options{Lang: "de", limits: lim})
		if err != nil {
			t.Fatal(err)
		}
		if lim != nil && (len(ix.leaves) < 10 || len(ix.prefixes) == 0) {
			t.Fatalf("limits %+v gave %d leaves, %d split prefixes", *lim, len(ix.leaves), len(ix.prefixes))
		}
		for _, lf := range ix.leaves {
			for i, term := range lf.terms {
				want := map[int32]bool{}
				for _, id := range lf.lists[i].ids {
					want[id] = true
				}
				for _, id := range lf.lists[i].rest {
					want[id] = true
				}
				for n := 1; n <= len(term); n++ {
					p := term[:n]
					if !utf8.ValidString(p) || analysis.Fold("de", p) != p {
						continue // not something a user types
					}
					got := map[int32]bool{}
					for _, r := range ix.Search(p, Filter{}, 0) {
						got[int32(r.ID)] = true
					}
					for id := range want {
						if !got[id] {
							t.Fatalf("limits %v: prefix %q of %q misses page %s", lim, p, term, ix.urls[id])
						}
					}
				}
			}
		}
	}
}

func TestStableIDs(t *testing.T) {
	docs := synthCorpus(2000, 200)
	first, err := Build(docs, Options{Lang: "de"})
	if err != nil {
		t.Fatal(err)
	}
	// Edit one page's summary, drop one page, add one.
	edited := slices.Clone(docs)
	edited[7].Summary += " Zusatz"
	gone := edited[100].URL
	edited = slices.Delete(edited, 100, 101)
	edited = append(edited, Doc{URL: "/neu/", Title: "Neue Seite", Kind: "page", KindLabel: "Seite", Summary: edited[5].Summary})
	second, err := Build(edited, Options{Lang: "de", Previous: first})
	if err != nil {
		t.Fatal(err)
	}
	// Ids are ranks by URL, so the index equals one built from scratch.
	fresh, err := Build(edited, Options{Lang: "de"})
	if err != nil {
		t.Fatal(err)
	}
	if len(second.urlID) != len(fresh.urlID) {
		t.Fatalf("%d ids, a fresh build has %d", len(second.urlID), len(fresh.urlID))
	}
	for url, id := range fresh.urlID {
		if second.urlID[url] != id {
			t.Fatalf("%s has id %d, a fresh build gives %d", url, second.urlID[url], id)
		}
	}
	if _, ok := second.urlID[gone]; ok {
		t.Errorf("the removed page %s kept an id", gone)
	}
	// A one-word edit of one page rewrites its metadata shard, the
	// manifest and the shards of that page's summary terms (whose
	// length-normalised scores moved), nothing else.
	again := slices.Clone(docs)
	again[7].Summary += " Zusatz"
	third, err := Build(again, Options{Lang: "de", Previous: first})
	if err != nil {
		t.Fatal(err)
	}
	old := map[string]bool{}
	for _, f := range first.Files() {
		old[f.Path] = true
	}
	changed := 0
	for _, f := range third.Files() {
		if !old[f.Path] {
			changed++
		}
	}
	terms := 0
	analysis.Words("de", again[7].Summary, true, func(analysis.Word) { terms++ })
	t.Logf("a one-word edit changed %d of %d files (summary has %d words)", changed, len(third.Files()), terms)
	if changed > 2+2*terms {
		t.Errorf("a one-word edit changed %d of %d files", changed, len(third.Files()))
	}
}

func TestBuildErrors(t *testing.T) {
	if _, err := Build([]Doc{{URL: "/a/"}, {URL: "/a/"}}, Options{}); err == nil || !strings.Contains(err.Error(), "/a/") {
		t.Errorf("duplicate URL: %v", err)
	}
	ix, err := Build(nil, Options{Lang: "de"})
	if err != nil {
		t.Fatal(err)
	}
	if rs := ix.Search("x", Filter{}, 0); len(rs) != 0 {
		t.Errorf("empty index found %v", rs)
	}
}

func TestLoadRejectsBrokenFiles(t *testing.T) {
	ix := buildCorpus(t)
	files := map[string][]byte{}
	for _, f := range ix.Files() {
		files[f.Path] = f.Data
	}
	for name, data := range map[string]string{
		ManifestPath: `{"v":1`,
		"version":    `{"v":99}`,
		"shards":     `{"v":1,"n":1,"lb":[""],"lf":"abc","ms":8}`,
		"missing":    `{"v":1,"n":1,"lb":[""],"lf":"abcdef","ms":8}`,
	} {
		_, err := Load(func(p string) ([]byte, error) {
			if p == ManifestPath {
				return []byte(data), nil
			}
			if d, ok := files[p]; ok {
				return d, nil
			}
			return nil, fmt.Errorf("%s: not found", p)
		})
		if err == nil {
			t.Errorf("%s: Load accepted a broken index", name)
		}
	}
}

func FuzzQuery(f *testing.F) {
	ix := buildCorpus(f)
	for _, q := range goldenQueries {
		f.Add(q)
	}
	f.Add("\xff\xfe-\u00ad-")
	f.Add(strings.Repeat("a-", 500))
	f.Fuzz(func(t *testing.T, q string) {
		words := ix.Words(q)
		rs := ix.Search(q, Filter{}, 0)
		for i, r := range rs {
			if r.Matched < 1 || r.Matched > words {
				t.Fatalf("%q: matched %d of %d", q, r.Matched, words)
			}
			if i > 0 && (rs[i-1].Matched < r.Matched || rs[i-1].Matched == r.Matched && rs[i-1].Score < r.Score) {
				t.Fatalf("%q: results out of order", q)
			}
			for _, m := range r.Marks {
				if m[0] < 0 || m[1] > len(r.Snippet) || m[0] >= m[1] {
					t.Fatalf("%q: bad mark %v in %q", q, m, r.Snippet)
				}
			}
		}
		_ = ix.Suggest(q, 3)
	})
}

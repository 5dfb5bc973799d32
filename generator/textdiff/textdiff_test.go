package textdiff

import (
	"flag"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestWords(t *testing.T) {
	for _, tc := range []struct {
		name, old, new, want string
	}{
		{"equal", "Guten Tag", "Guten Tag", "Guten Tag"},
		{"both empty", "", "", ""},
		{"old empty", "", "Neu hier", "<ins>Neu hier</ins>"},
		{"new empty", "Weg damit", "", "<del>Weg damit</del>"},
		{"insert", "Guten Tag", "Guten Tag Herr Maier", "Guten Tag<ins> Herr Maier</ins>"},
		{"insert inside", "Das ist gut.", "Das ist sehr gut.", "Das ist <ins>sehr </ins>gut."},
		{"delete", "Das ist sehr gut.", "Das ist gut.", "Das ist <del>sehr </del>gut."},
		{"replace", "Der Preis ist zu hoch.", "Der Preis ist fair.", "Der Preis ist <del>zu hoch</del><ins>fair</ins>."},
		{"replacements joined over a space", "der alte Preis", "ein neuer Preis", "<del>der alte</del><ins>ein neuer</ins> Preis"},
		{"umlauts", "Grüße aus Köln", "Grüße aus München", "Grüße aus <del>Köln</del><ins>München</ins>"},
		{"decomposed umlaut stays in its word", "Gru\u0308ße an Sie", "Gru\u0308ße an dich", "Gru\u0308ße an <del>Sie</del><ins>dich</ins>"},
		{"part of a word changes the word", "Angebot", "Angebote", "<del>Angebot</del><ins>Angebote</ins>"},
		{"placeholder is one token", "Hallo {{Vorname}},", "Hallo {{Name}},", "Hallo <del>{{Vorname}}</del><ins>{{Name}}</ins>,"},
		{"placeholder moved", "{{Firma}} spart Zeit", "Zeit spart {{Firma}}", "<del>{{Firma}}</del><ins>Zeit</ins> spart <del>Zeit</del><ins>{{Firma}}</ins>"},
		{"placeholder with spaces", "Hallo {{Name der Person}}", "Hallo {{Name der Firma}}", "Hallo <del>{{Name der Person}}</del><ins>{{Name der Firma}}</ins>"},
		{"whitespace only", "a b", "a  b", "a <ins> </ins>b"},
		{"whitespace replaced", "a  b", "a\tb", "a<del>  </del><ins>\t</ins>b"},
		{"line break added", "eins zwei", "eins\nzwei", "eins<del> </del><ins>\n</ins>zwei"},
		{"changes on two lines stay apart", "a\nb", "x\ny", "<del>a</del><ins>x</ins>\n<del>b</del><ins>y</ins>"},
		{"punctuation", "Ja.", "Ja!", "Ja<del>.</del><ins>!</ins>"},
		{"numbers", "über 20 %", "über 25 %", "über <del>20</del><ins>25</ins> %"},
		{"escaped", "<b>&amp;</b>", "<i>&amp;</i>", "&lt;<del>b</del><ins>i</ins>&gt;&amp;amp;&lt;/<del>b</del><ins>i</ins>&gt;"},
		{"quotes escaped", `"a"`, `'a'`, "<del>&#34;</del><ins>&#39;</ins>a<del>&#34;</del><ins>&#39;</ins>"},
		{"invalid UTF-8", "a \xff b", "a \xfe b", "a <del>\uFFFD</del><ins>\uFFFD</ins> b"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ops := Words(tc.old, tc.new)
			checkOps(t, tc.old, tc.new, ops)
			if got := HTML(ops); got != tc.want {
				t.Errorf("HTML(Words(%q, %q))\n got %q\nwant %q", tc.old, tc.new, got, tc.want)
			}
		})
	}
}

// checkOps asserts the invariants of Words' result.
func checkOps(t *testing.T, old, new string, ops []Op) {
	t.Helper()
	var o, n strings.Builder
	for i, op := range ops {
		if op.Text == "" {
			t.Fatalf("op %d is empty: %v", i, ops)
		}
		if i > 0 && ops[i-1].Kind == op.Kind {
			t.Fatalf("ops %d and %d are both %v: %v", i-1, i, op.Kind, ops)
		}
		if i > 0 && ops[i-1].Kind == Insert && op.Kind == Delete {
			t.Fatalf("insert before delete at %d: %v", i, ops)
		}
		if op.Kind != Insert {
			o.WriteString(op.Text)
		}
		if op.Kind != Delete {
			n.WriteString(op.Text)
		}
	}
	if o.String() != old || n.String() != new {
		t.Fatalf("ops do not rebuild the texts:\nold %q\n got %q\nnew %q\n got %q", old, o.String(), new, n.String())
	}
}

func TestTokenize(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"Hallo, Welt!", []string{"Hallo", ",", " ", "Welt", "!"}},
		{"a  \n\tb", []string{"a", "  \n\t", "b"}},
		{"{{Vorname}}s", []string{"{{Vorname}}", "s"}},
		{"{{}}", []string{"{", "{", "}", "}"}},
		{"{{a\nb}}", []string{"{", "{", "a", "\n", "b", "}", "}"}},
		{"{{a}b}}", []string{"{", "{", "a", "}", "b", "}", "}"}},
		{"{{{a}}", []string{"{", "{{a}}"}},
		{"{{" + strings.Repeat("x", 70) + "}}", []string{"{", "{", strings.Repeat("x", 70), "}", "}"}},
		{"straße2024", []string{"straße2024"}},
		{"E-Mail", []string{"E", "-", "Mail"}},
		{"a\xffb", []string{"a", "\xff", "b"}},
		{"–…", []string{"–", "…"}},
	} {
		if got := tokenize(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("tokenize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestRebuild is the property test: for random texts over a small
// vocabulary (so that they share a lot), the ops rebuild both sides.
func TestRebuild(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for range 2000 {
		old, new := randomText(rng, rng.IntN(40)), randomText(rng, rng.IntN(40))
		if rng.IntN(3) == 0 {
			new = mutate(rng, old)
		}
		checkOps(t, old, new, Words(old, new))
	}
}

var vocabulary = []string{"Preis", "Kunde", "über", "{{Name}}", "{{Firma}}", " ", " ", " ", "  ", "\n", ".", ",", "–", "ß", "\xff", "a"}

func randomText(rng *rand.Rand, n int) string {
	var sb strings.Builder
	for range n {
		sb.WriteString(vocabulary[rng.IntN(len(vocabulary))])
	}
	return sb.String()
}

// mutate makes a few word-level edits, as an author would.
func mutate(rng *rand.Rand, s string) string {
	toks := tokenize(s)
	for range rng.IntN(4) + 1 {
		i := rng.IntN(len(toks) + 1)
		switch rng.IntN(3) {
		case 0:
			toks = slices.Insert(toks, i, vocabulary[rng.IntN(len(vocabulary))])
		case 1:
			if i < len(toks) {
				toks = slices.Delete(toks, i, i+1)
			}
		default:
			if i < len(toks) {
				toks[i] = vocabulary[rng.IntN(len(vocabulary))]
			}
		}
	}
	return strings.Join(toks, "")
}

// TestMinimal checks the edit script against a longest common
// subsequence computed by dynamic programming.
func TestMinimal(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 3000 {
		a, b := randomTokens(rng), randomTokens(rng)
		kept := checkMarks(t, a, b)
		if want := lcs(a, b); kept != want {
			t.Fatalf("a=%v b=%v: common subsequence %d, longest is %d", a, b, kept, want)
		}
	}
}

// checkMarks runs diffTokens and checks that the tokens it keeps are the
// same on both sides; it returns how many there are.
func checkMarks(t *testing.T, a, b []int32) int {
	t.Helper()
	del, ins := diffTokens(a, b)
	var keptA, keptB []int32
	for i, d := range del {
		if !d {
			keptA = append(keptA, a[i])
		}
	}
	for j, d := range ins {
		if !d {
			keptB = append(keptB, b[j])
		}
	}
	if !slices.Equal(keptA, keptB) {
		t.Fatalf("kept tokens differ:\n%v\n%v", keptA, keptB)
	}
	return len(keptA)
}

func randomTokens(rng *rand.Rand) []int32 {
	s := make([]int32, rng.IntN(30))
	alphabet := int32(rng.IntN(6) + 1)
	for i := range s {
		s[i] = rng.Int32N(alphabet)
	}
	return s
}

func lcs(a, b []int32) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(cur[j], prev[j+1])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// TestGolden renders the diff of two versions of a script.
func TestGolden(t *testing.T) {
	old, new := readPair(t, "einwand")
	got := HTML(Words(old, new))
	golden := filepath.Join("testdata", "einwand.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("HTML differs from %s (run with -update to accept):\n%s", golden, got)
	}
}

func readPair(t testing.TB, name string) (string, string) {
	t.Helper()
	old, err := os.ReadFile(filepath.Join("testdata", name+".old.txt"))
	if err != nil {
		t.Fatal(err)
	}
	new, err := os.ReadFile(filepath.Join("testdata", name+".new.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return string(old), string(new)
}

// TestLargeRewrite checks that texts beyond the cost limit still give a
// valid result.
func TestLargeRewrite(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	old, new := script(rng, 20000), script(rng, 20000)
	checkOps(t, old, new, Words(old, new))
	for _, alphabet := range []int32{2, 5, 50} {
		a, b := make([]int32, 5000), make([]int32, 7000)
		for i := range a {
			a[i] = rng.Int32N(alphabet)
		}
		for i := range b {
			b[i] = rng.Int32N(alphabet)
		}
		kept := checkMarks(t, a, b)
		// Past the cost limit the split is a guess: some matches are lost.
		if want := lcs(a, b); kept < want*8/10 {
			t.Errorf("alphabet %d: kept %d tokens, longest common subsequence is %d", alphabet, kept, want)
		}
	}
}

func FuzzWords(f *testing.F) {
	old, new := readPair(f, "einwand")
	f.Add(old, new)
	f.Add("Hallo {{Vorname}},", "Hallo {{Name}},")
	f.Add("a \xff b", "a\n\xfeb")
	f.Add("", "x")
	f.Fuzz(func(t *testing.T, old, new string) {
		ops := Words(old, new)
		checkOps(t, old, new, ops)
		if h := HTML(ops); !utf8.ValidString(h) || strings.ContainsAny(stripTags(h), "<>") {
			t.Fatalf("HTML not escaped or invalid: %q", h)
		}
	})
}

// stripTags removes the markup HTML adds, leaving the escaped text.
func stripTags(s string) string {
	return strings.NewReplacer("<del>", "", "</del>", "", "<ins>", "", "</ins>", "").Replace(s)
}

package history

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// fakeLog builds `git log -z --raw` output. Each commit is a subject and
// entries written as "A path", "M path", "D path", "R from to" or
// "MM path" (a merge entry with two parents).
func fakeLog(commits ...[]string) []byte {
	var sb strings.Builder
	for i, c := range commits {
		parents := "p"
		if slices.ContainsFunc(c[1:], func(e string) bool { return strings.HasPrefix(e, "MM ") }) {
			parents = "p q"
		}
		fmt.Fprintf(&sb, "\x1e%040x\x1f%s\x1f%d\x1f%d\x1fA\x1f%s\x00\n", len(commits)-i, parents, 1000+i, 2000+i, c[0])
		for j, e := range c[1:] {
			f := strings.Fields(e)
			blob := fmt.Sprintf("%040x", 100*i+j+1)
			zero := strings.Repeat("0", 40)
			switch f[0] {
			case "A":
				fmt.Fprintf(&sb, ":000000 100644 %s %s A\x00%s\x00", zero, blob, f[1])
			case "M":
				fmt.Fprintf(&sb, ":100644 100644 %s %s M\x00%s\x00", zero, blob, f[1])
			case "D":
				fmt.Fprintf(&sb, ":100644 000000 %s %s D\x00%s\x00", blob, zero, f[1])
			case "R":
				fmt.Fprintf(&sb, ":100644 100644 %s %s R090\x00%s\x00%s\x00", zero, blob, f[1], f[2])
			case "MM":
				fmt.Fprintf(&sb, "::100644 100644 100644 %s %s %s MM\x00%s\x00", zero, zero, blob, f[1])
			}
		}
	}
	return []byte(sb.String())
}

func walk(t *testing.T, log []byte) map[string][]Revision {
	t.Helper()
	w := newWalker("content/", false)
	if err := parseLog(log, w.commit); err != nil {
		t.Fatal(err)
	}
	return w.result()
}

func TestWalk(t *testing.T) {
	for _, tc := range []struct {
		name string
		log  [][]string // newest first, as git log prints
		want map[string][]string
	}{{
		name: "rename and new file at the old name in one commit",
		log: [][]string{
			{"swap", "R content/a.md content/b.md", "A content/a.md"},
			{"add", "A content/a.md"},
		},
		want: map[string][]string{"b.md": {"R b.md swap (from a.md)", "A a.md add"}, "a.md": {"A a.md swap"}},
	}, {
		name: "edit on a branch merged after the other branch renamed",
		log: [][]string{
			{"side edit", "M content/old.md"},
			{"rename", "R content/old.md content/new.md"},
			{"add", "A content/old.md"},
		},
		want: map[string][]string{"new.md": {"M old.md side edit", "R new.md rename (from old.md)", "A old.md add"}},
	}, {
		name: "deletion on a branch whose merge kept the file",
		log: [][]string{
			{"keep", "M content/p.md"},
			{"drop", "D content/p.md"},
			{"add", "A content/p.md"},
		},
		want: map[string][]string{"p.md": {"M p.md keep", "A p.md add"}},
	}, {
		name: "deleted, then added again",
		log: [][]string{
			{"again", "A content/p.md"},
			{"drop", "D content/p.md"},
			{"edit", "M content/p.md"},
			{"add", "A content/p.md"},
		},
		want: map[string][]string{"p.md": {"A p.md again"}},
	}, {
		name: "renamed from and to outside the content folder",
		log: [][]string{
			{"out", "R content/x.md other/x.md"},
			{"in", "R drafts/y.md content/y.md"},
		},
		want: map[string][]string{"y.md": {"A y.md in"}},
	}, {
		name: "merge repeating a branch's contents is dropped, a resolution kept",
		log: [][]string{
			{"merge", "MM content/r.md"},
			{"fix", "M content/r.md"},
			{"add", "A content/r.md"},
		},
		want: map[string][]string{"r.md": {"M r.md merge", "M r.md fix", "A r.md add"}},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			got := walk(t, fakeLog(tc.log...))
			if len(got) != len(tc.want) {
				t.Errorf("got paths %v, want %v", keys(got), keys(tc.want))
			}
			for p, want := range tc.want {
				if s := summary(got[p]); !slices.Equal(s, want) {
					t.Errorf("%s:\n got %q\nwant %q", p, s, want)
				}
			}
		})
	}
}

func TestMergeSameBlobDropped(t *testing.T) {
	w := newWalker("content/", false)
	same := strings.Repeat("b", 40)
	log := "\x1e" + strings.Repeat("1", 40) + "\x1fp q\x1f1\x1f1\x1fA\x1fmerge\x00\n" +
		"::100644 000000 100644 " + strings.Repeat("0", 40) + " " + strings.Repeat("0", 40) + " " + same + " MA\x00content/q.md\x00" +
		"\x1e" + strings.Repeat("2", 40) + "\x1fp\x1f1\x1f1\x1fA\x1fedit\x00\n" +
		":100644 100644 " + strings.Repeat("0", 40) + " " + same + " M\x00content/q.md\x00"
	if err := parseLog([]byte(log), w.commit); err != nil {
		t.Fatal(err)
	}
	if got := summary(w.result()["q.md"]); !slices.Equal(got, []string{"M q.md edit"}) {
		t.Errorf("got %q", got)
	}
}

func keys(m any) []string {
	var out []string
	switch m := m.(type) {
	case map[string][]Revision:
		for k := range m {
			out = append(out, k)
		}
	case map[string][]string:
		for k := range m {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

func TestParseEntry(t *testing.T) {
	z, b := strings.Repeat("0", 40), strings.Repeat("b", 40)
	for _, tc := range []struct {
		in   string
		want entry
		err  bool
	}{
		{":000000 100644 " + z + " " + b + " A\x00c/a.md\x00", entry{op: 'A', path: "c/a.md", blob: b}, false},
		{":100644 100755 " + z + " " + b + " M\x00c/a.md\x00", entry{op: 'M', path: "c/a.md", blob: b}, false},
		{":000000 120000 " + z + " " + b + " A\x00c/link.md\x00", entry{path: "c/link.md", blob: b}, false},
		{":000000 160000 " + z + " " + b + " A\x00c/sub\x00", entry{path: "c/sub", blob: b}, false},
		{":100644 120000 " + z + " " + b + " T\x00c/a.md\x00", entry{op: 'D', path: "c/a.md", blob: b}, false},
		{":120000 100644 " + z + " " + b + " T\x00c/a.md\x00", entry{op: 'A', path: "c/a.md", blob: b}, false},
		{":100644 100644 " + z + " " + b + " R100\x00c/a b.md\x00c/ü.md\x00", entry{op: 'R', path: "c/ü.md", from: "c/a b.md", blob: b}, false},
		{":100644 100644 " + z + " " + b + " C075\x00c/a.md\x00c/b.md\x00", entry{op: 'A', path: "c/b.md", blob: b}, false},
		{":100644 120000 " + z + " " + b + " R100\x00c/a.md\x00c/l.md\x00", entry{op: 'D', path: "c/a.md", blob: b}, false},
		{"::100644 100644 000000 " + z + " " + z + " " + z + " MM\x00c/a.md\x00", entry{op: 'D', path: "c/a.md", blob: z}, false},
		{"::000000 000000 100644 " + z + " " + z + " " + b + " AA\x00c/a.md\x00", entry{op: 'A', path: "c/a.md", blob: b}, false},
		{":100644 100644 " + z + " R100\x00c/a.md\x00", entry{}, true},
		{":100644 100644 " + z + " " + b + " R100\x00c/a.md\x00", entry{}, true},
		{":100644 100644 " + z + " " + b + " M", entry{}, true},
	} {
		got, n, err := parseEntry([]byte(tc.in))
		if (err != nil) != tc.err {
			t.Errorf("parseEntry(%q): err = %v", tc.in, err)
			continue
		}
		if err == nil && (got != tc.want || n != len(tc.in)) {
			t.Errorf("parseEntry(%q) = %+v, %d; want %+v, %d", tc.in, got, n, tc.want, len(tc.in))
		}
	}
}

func TestParseLogErrors(t *testing.T) {
	for _, in := range []string{
		":100644 100644 a b M\x00x\x00",                                   // entry before any commit
		"\x1enothex\x1f\x1f1\x1f1\x1fa\x1fs\x00",                          // bad hash
		"\x1e" + strings.Repeat("a", 40) + "\x1f\x1fx\x1f1\x1fa\x1fs\x00", // bad date
		"\x1e" + strings.Repeat("a", 40) + "\x1f\x1f1\x1f1\x1fa\x1fs\x00junk",
	} {
		if err := parseLog([]byte(in), func(*logCommit) {}); err == nil {
			t.Errorf("parseLog(%q) succeeded", in)
		}
	}
}

// FuzzParseLog feeds arbitrary bytes through the parser and the walk:
// they may reject input but must not panic, and every revision found must
// name a path inside the content folder.
func FuzzParseLog(f *testing.F) {
	f.Add(fakeLog(
		[]string{"swap", "R content/a.md content/b.md", "A content/a.md", "MM content/m.md"},
		[]string{"add", "A content/a.md", "D content/x.md"},
	))
	f.Add([]byte("\x1e" + strings.Repeat("a", 40) + "\x1f\x1f1\x1f1\x1fa\x1fs\x1fwith\x1esep\x00\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		w := newWalker("content/", true)
		if err := parseLog(data, w.commit); err != nil {
			return
		}
		for p, revs := range w.result() {
			if p == "" || len(revs) == 0 {
				t.Fatalf("empty path or no revisions: %q %v", p, revs)
			}
			for _, r := range revs {
				if r.Path == "" || r.Commit == "" {
					t.Fatalf("incomplete revision %+v", r)
				}
			}
		}
	})
}

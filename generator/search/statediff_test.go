package search

import (
	"fmt"
	"sort"
)

func dumpWords(st *state) map[string]string {
	out := map[string]string{}
	for p := range st.parts {
		for k := range st.parts[p].words {
			w, c := &st.parts[p].words[k], &st.parts[p].counts[k]
			if c.df == 0 {
				continue
			}
			out[fmt.Sprint(w.lang, w.folded)] = fmt.Sprintf("df=%d min=%d ent=%d disp=%q term=%s parts=%v", c.df, c.minDoc, c.minEnt, st.docs[c.minDoc].display(int(c.minEnt)), st.terms[w.term], len(w.parts))
		}
	}
	return out
}

func diffStates(a, b *state) []string {
	da, db := dumpWords(a), dumpWords(b)
	var out []string
	for k, v := range da {
		if db[k] != v {
			out = append(out, fmt.Sprintf("%s: %s | %s", k, v, db[k]))
		}
	}
	for k, v := range db {
		if _, ok := da[k]; !ok {
			out = append(out, fmt.Sprintf("%s: missing | %s", k, v))
		}
	}
	sort.Strings(out)
	return out
}

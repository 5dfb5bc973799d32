package render

import "strings"

// navState is where a URL is in the navigation: the index of the section
// it is in (-1 for none) and whether it is that section's own page.
type navState struct {
	section int
	page    bool
}

func (e *env) navAt(u string) navState {
	st := navState{section: -1}
	for i, p := range e.s.Sections {
		if p.URL == u {
			st = navState{i, true}
		} else if strings.HasPrefix(u, p.URL) {
			st = navState{i, false}
		}
	}
	return st
}

// nav returns the navigation in a state, and its key; the slices are
// shared between views (read-only), one per state.
func (e *env) nav(st navState) ([]navItem, string) {
	if n, ok := e.navs[st]; ok {
		return n.items, n.key
	}
	out := make([]navItem, len(e.s.Sections))
	key := ""
	for i, p := range e.s.Sections {
		cur := ""
		if i == st.section {
			cur = "true"
			if st.page {
				cur = "page"
			}
			key = cur + " " + p.URL
		}
		out[i] = navItem{Title: p.Title, URL: p.URL, Href: e.href(p.URL), Current: cur}
	}
	return out, key
}

type navCache struct {
	items []navItem
	key   string
}

// buildNav makes the navigation in each state once, before the parallel
// part: views share the slices.
func (e *env) buildNav() {
	e.navs = map[navState]navCache{}
	states := []navState{{section: -1}}
	for i := range e.s.Sections {
		states = append(states, navState{i, false}, navState{i, true})
	}
	for _, st := range states {
		items, key := e.nav(st)
		e.navs[st] = navCache{items, key}
	}
}

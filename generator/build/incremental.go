package build

import (
	"encoding/binary"
	"fmt"
	"hash"
	"sort"
	"time"

	"playbook/generator/config"
	"playbook/generator/markdown"
	"playbook/generator/output"
	"playbook/generator/page"
	"playbook/generator/render"
	"playbook/generator/site"
	"playbook/generator/theme"
	"playbook/generator/workers"
)

// renderMemo is what the last render left for the next one: enough to tell
// which outputs an edit reaches.
type renderMemo struct {
	site  [32]byte                      // config, theme and the set of URLs
	cards map[string][32]byte           // by URL: what other pages show of a page
	shape map[string][32]byte           // by URL: the pages a page shows
	tax   map[string][32]byte           // by URL: its kind and taxonomy values
	terms map[string][32]byte           // by term URL: the pages listed
	docs  map[string]*markdown.Document // by URL: the body the page was rendered with
	files []output.File                 // the render's output, sorted by path
}

// renderSite renders s, re-rendering only what an edit reaches when the
// config, theme, URLs and taxonomy values are as before: pages whose body,
// card or neighbours changed, the pages that show a changed card (parents
// and ancestors' listings, backlinks, related pages, cadences, handouts),
// the term pages listing it, and the site-wide lists (home, taxonomies,
// "what changed", sitemap) when any card changed. Otherwise it renders
// everything. Both paths give the same bytes; TestIncrementalEqualsFull and
// TestIncrementalEdits hold them to it.
func (b *Builder) renderSite(s *site.Site, th *theme.Theme) ([]output.File, int, error) {
	next := &renderMemo{
		site:  siteHash(s.Config, th, s),
		cards: make(map[string][32]byte, len(s.Pages)),
		shape: make(map[string][32]byte, len(s.Pages)),
		tax:   make(map[string][32]byte, len(s.Pages)),
		terms: map[string][32]byte{},
		docs:  make(map[string]*markdown.Document, len(s.Pages)),
	}
	// Hashing every page is most of an incremental render's own work.
	type keys struct{ card, shape, tax [32]byte }
	ks := make([]keys, len(s.Pages))
	workers.Each(len(s.Pages), func(i int) {
		p := s.Pages[i]
		ks[i].card = cardHash(p)
		ks[i].shape, ks[i].tax = shapeHash(p)
	})
	for i, p := range s.Pages {
		next.cards[p.URL], next.shape[p.URL], next.tax[p.URL] = ks[i].card, ks[i].shape, ks[i].tax
		next.docs[p.URL] = p.Doc
	}
	for _, tax := range s.Taxonomies {
		for _, t := range tax.Terms {
			next.terms[t.URL] = urlsHash(t.Pages)
		}
	}
	if memo := b.render; memo != nil {
		if sel, ok := reach(memo, next, s); ok {
			files, ok, err := b.patch(s, th, memo.files, sel)
			if err != nil {
				b.render = nil
				return nil, 0, err
			}
			if ok {
				next.files = files
				b.render = next
				return files, len(sel.Pages), nil
			}
		}
	}
	files, err := render.Render(s, th)
	if err != nil {
		b.render = nil
		return nil, 0, err
	}
	next.files = files
	b.render = next
	return files, len(s.Pages), nil
}

// reach selects what must be rendered again to go from the last render to
// s; false when the change reaches the whole site.
func reach(memo, next *renderMemo, s *site.Site) (render.Selection, bool) {
	var sel render.Selection
	if memo.site != next.site || len(memo.terms) != len(next.terms) {
		return sel, false
	}
	for u := range next.terms {
		if _, ok := memo.terms[u]; !ok {
			return sel, false
		}
	}
	changed := map[*site.Page]bool{}
	for _, p := range s.Pages {
		if memo.cards[p.URL] != next.cards[p.URL] {
			changed[p] = true
		}
	}
	for _, sec := range s.Sections {
		if changed[sec] {
			return sel, false // the navigation on every page shows it
		}
	}
	dirty := map[*site.Page]bool{}
	for _, p := range s.Pages {
		if memo.tax[p.URL] != next.tax[p.URL] {
			// A kind, tag, stage or persona changed: filter pages and
			// term listings across the site may come or go.
			return sel, false
		}
		if memo.shape[p.URL] != next.shape[p.URL] {
			dirty[p] = true
		}
		if memo.docs[p.URL] != p.Doc {
			dirty[p] = true
		}
		if changed[p] {
			dirty[p] = true
			for _, a := range p.Breadcrumbs {
				dirty[a] = true // folder listings show their descendants' cards
			}
		}
		if changed[p] {
			continue
		}
		for _, list := range [][]*site.Page{p.Breadcrumbs, p.Children, p.Backlinks, p.Related, p.UsedBy, p.StepPages, p.Handout} {
			for _, q := range list {
				if q != nil && changed[q] {
					dirty[p] = true
				}
			}
		}
		if p.Doc != nil {
			for _, l := range p.Doc.Links {
				if q := s.BySource[l.Target]; q != nil && changed[q] {
					dirty[p] = true // the link's card (title, kind) is shown
				}
			}
		}
		for _, q := range p.Handout {
			if q != nil && memo.docs[q.URL] != q.Doc {
				dirty[p] = true // a handout prints its pages' bodies
			}
		}
	}
	any := len(changed) > 0
	if any && s.Home != nil {
		dirty[s.Home] = true
	}
	for _, p := range s.Pages {
		if dirty[p] {
			sel.Pages = append(sel.Pages, p)
		}
	}
	sel.Terms = map[string]bool{}
	for _, tax := range s.Taxonomies {
		for _, t := range tax.Terms {
			hit := memo.terms[t.URL] != next.terms[t.URL]
			for _, q := range t.Pages {
				hit = hit || changed[q]
			}
			if hit {
				sel.Terms[t.URL] = true
			}
		}
	}
	sel.Taxonomies, sel.Changes, sel.Sitemap = any, any, any
	return sel, true
}

// patch replaces the selected outputs in a copy of files. It reports false
// when an output is not one of the paths it had before.
func (b *Builder) patch(s *site.Site, th *theme.Theme, files []output.File, sel render.Selection) ([]output.File, bool, error) {
	out := append([]output.File(nil), files...)
	if len(sel.Pages) == 0 && len(sel.Terms) == 0 && !sel.Taxonomies && !sel.Changes && !sel.Sitemap {
		return out, true, nil
	}
	fresh, err := render.RenderSome(s, th, sel)
	if err != nil {
		return nil, false, err
	}
	for _, f := range fresh {
		i := sort.Search(len(out), func(i int) bool { return out[i].Path >= f.Path })
		if i == len(out) || out[i].Path != f.Path {
			return nil, false, nil
		}
		out[i] = f
	}
	return out, true, nil
}

// shapeHash covers the pages p shows beside itself, by URL, and apart
// from that its kind and taxonomy values: what decides which other outputs
// show it.
func shapeHash(p *site.Page) (shape, tax [32]byte) {
	h := newHash()
	for _, list := range [][]*site.Page{{p.Parent}, p.Breadcrumbs, p.Children, p.Backlinks, p.Related, p.UsedBy, p.StepPages, p.Handout} {
		for _, q := range list {
			if q != nil {
				h.WriteString(q.URL)
			}
			h.Write([]byte{0})
		}
		h.Write([]byte{1})
	}
	h.Sum(shape[:0])
	h.Reset()
	h.WriteString(string(p.Kind) + "\x00" + p.Stage + "\x00")
	for _, t := range p.Tags {
		h.WriteString(t)
		h.WriteString("\x00")
	}
	h.Write([]byte{1})
	for _, t := range p.Personas {
		h.WriteString(t)
		h.WriteString("\x00")
	}
	if p.IsFolder {
		h.Write([]byte{1})
	}
	h.Sum(tax[:0])
	return shape, tax
}

// urlsHash covers a list of pages by URL.
func urlsHash(pages []*site.Page) [32]byte {
	h := newHash()
	for _, p := range pages {
		h.WriteString(p.URL)
		h.WriteString("\x00")
	}
	var k [32]byte
	h.Sum(k[:0])
	return k
}

// siteHash covers what every page's output depends on besides the pages.
func siteHash(cfg *config.Config, th *theme.Theme, s *site.Site) [32]byte {
	h := newHash()
	fmt.Fprintf(h, "%+v\x00%s\x00%s\x00", *cfg, th.Name, th.Hash)
	fmt.Fprintf(h, "%s\x00", s.HistoryNote)
	for _, p := range s.Pages {
		fmt.Fprintf(h, "%s\x00", p.URL)
	}
	for _, a := range s.Aliases {
		fmt.Fprintf(h, "%s>%s\x00", a.From, a.To)
	}
	for _, f := range s.Files {
		fmt.Fprintf(h, "%s\x00", f.Path)
	}
	var k [32]byte
	h.Sum(k[:0])
	return k
}

// cardHash covers everything about a page that other pages may show or
// depend on: its front matter, its summary, its links and what its scripts
// and tasks add up to, and its versions. Its body's HTML is not in it.
func cardHash(p *site.Page) [32]byte {
	h := newHash()
	pp := p.Page
	str := func(ss ...string) {
		for _, s := range ss {
			h.WriteString(s)
			h.Write([]byte{0})
		}
	}
	num := func(n int64) {
		var b [8]byte
		binary.LittleEndian.PutUint64(b[:], uint64(n))
		h.Write(b[:])
	}
	date := func(t time.Time) { num(t.Unix()) }
	str(pp.Source, pp.URL, pp.Section, string(pp.Kind), pp.Title, pp.Summary, pp.Stage, pp.Owner, pp.Version)
	num(int64(pp.Weight))
	num(int64(len(pp.Tags)))
	str(pp.Tags...)
	num(int64(len(pp.Personas)))
	str(pp.Personas...)
	num(int64(len(pp.Aliases)))
	str(pp.Aliases...)
	date(pp.Updated)
	date(pp.ReviewBy)
	bools(h, pp.IsFolder, pp.Draft, p.Overdue)
	kindFields(h, pp, str, num)
	if len(pp.Params) > 0 {
		fmt.Fprintf(h, "%v", pp.Params)
	}
	if d := p.Doc; d != nil {
		str(d.Summary)
		num(int64(len(d.Tasks)))
		num(int64(len(d.Scripts)))
		for _, sc := range d.Scripts {
			num(int64(sc.Seconds))
		}
		for _, l := range d.Links {
			str(l.Target, l.Anchor)
		}
	}
	// Versions show on the "what changed" page, uncommitted ones included.
	num(int64(len(p.Versions)))
	for _, v := range p.Versions {
		num(int64(v.N))
		str(v.Label, v.Field, v.Slug, v.URL, v.Commit, v.Author, v.Subject, v.Path, v.From, v.Title)
		date(v.Date)
		bools(h, v.Uncommitted, v.Boundary)
		num(int64(len(v.Scripts)))
		str(v.Scripts...)
	}
	var k [32]byte
	h.Sum(k[:0])
	return k
}

func bools(h hash.Hash, bs ...bool) {
	for _, b := range bs {
		if b {
			h.Write([]byte{1})
		} else {
			h.Write([]byte{0})
		}
	}
}

func kindFields(h hash.Hash, p *page.Page, str func(...string), num func(int64)) {
	if o := p.Objection; o != nil {
		str("o", o.Objection, o.Category)
	}
	if x := p.Pitch; x != nil {
		str("p", x.DurationText, x.Audience)
		num(int64(x.Duration))
	}
	if v := p.Voicemail; v != nil {
		str("v")
		num(int64(v.MaxSeconds))
	}
	if c := p.Cadence; c != nil {
		str("c")
		for _, st := range c.Steps {
			num(int64(st.Day))
			str(st.Channel, st.Template, st.Note)
		}
	}
	if r := p.Retention; r != nil {
		str("r", r.Trigger)
		str(r.Signals...)
	}
	if w := p.Workshop; w != nil {
		str("w")
		str(w.Pages...)
	}
}

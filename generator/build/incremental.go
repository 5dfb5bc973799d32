package build

import (
	"crypto/sha256"
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
)

// renderMemo is what the last render left for the next one: enough to prove
// that an edit changed only some pages' own output.
type renderMemo struct {
	site  [32]byte                      // config, theme and the set of URLs
	cards map[string][32]byte           // by URL: what other pages show of a page
	docs  map[string]*markdown.Document // by URL: the body the page was rendered with
	files []output.File                 // the render's output, sorted by path
}

// renderSite renders s, re-rendering only the pages whose own body changed
// when it can prove nothing else did: the same config, theme and URLs, and
// every page unchanged in all that other pages show of it (title, summary,
// kind, taxonomies, links, ...). Otherwise it renders everything. Both paths
// give the same bytes; TestIncrementalEqualsFull holds them to it.
func (b *Builder) renderSite(s *site.Site, th *theme.Theme) ([]output.File, int, error) {
	siteKey := siteHash(s.Config, th, s)
	cards := make(map[string][32]byte, len(s.Pages))
	docs := make(map[string]*markdown.Document, len(s.Pages))
	for _, p := range s.Pages {
		cards[p.URL] = cardHash(p)
		docs[p.URL] = p.Doc
	}
	memo := b.render
	if memo != nil && memo.site == siteKey && sameCards(memo.cards, cards) {
		var dirty []*site.Page
		changed := map[*site.Page]bool{}
		for _, p := range s.Pages {
			if memo.docs[p.URL] != p.Doc {
				changed[p] = true
			}
		}
		for _, p := range s.Pages {
			if changed[p] || handoutChanged(p, changed) {
				dirty = append(dirty, p)
			}
		}
		files, ok, err := b.patch(s, th, memo.files, dirty)
		if err != nil {
			return nil, 0, err
		}
		if ok {
			b.render = &renderMemo{site: siteKey, cards: cards, docs: docs, files: files}
			return files, len(dirty), nil
		}
	}
	files, err := render.Render(s, th)
	if err != nil {
		b.render = nil
		return nil, 0, err
	}
	b.render = &renderMemo{site: siteKey, cards: cards, docs: docs, files: files}
	return files, len(s.Pages), nil
}

// patch replaces the outputs of dirty pages in a copy of files. It reports
// false when a page's outputs are not exactly the paths it had before.
func (b *Builder) patch(s *site.Site, th *theme.Theme, files []output.File, dirty []*site.Page) ([]output.File, bool, error) {
	out := append([]output.File(nil), files...)
	if len(dirty) == 0 {
		return out, true, nil
	}
	fresh, err := render.RenderPages(s, th, dirty)
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

func handoutChanged(p *site.Page, changed map[*site.Page]bool) bool {
	for _, h := range p.Handout {
		if changed[h] {
			return true
		}
	}
	return false
}

func sameCards(a, b map[string][32]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// siteHash covers what every page's output depends on besides the pages.
func siteHash(cfg *config.Config, th *theme.Theme, s *site.Site) [32]byte {
	h := sha256.New()
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
	h := sha256.New()
	pp := p.Page
	str := func(ss ...string) {
		for _, s := range ss {
			h.Write([]byte(s))
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

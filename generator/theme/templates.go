package theme

import (
	"errors"
	"fmt"
	"html/template"
	"io"
	"path"
	"strings"
	"sync"
	"testing/fstest"
	"time"
)

// tmplSet is one page template parsed together with baseof.html and the partials.
type tmplSet struct {
	tmpl  *template.Template
	entry string // template to execute: "baseof" or the file's own name
}

// parseTemplates parses every templates/<name>.html (except baseof.html) into
// its own set, so each page template may define "main" without clashing.
func parseTemplates(files fstest.MapFS) (map[string]*tmplSet, error) {
	var baseof []byte
	if f := files["templates/baseof.html"]; f != nil {
		baseof = f.Data
	}
	var partials []string
	var pages []string
	for _, p := range filesUnder(files, "templates") {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		switch {
		case p == "templates/baseof.html":
		case isTopLevel(p, "templates"):
			pages = append(pages, p)
		default:
			partials = append(partials, p)
		}
	}
	if files["templates/page.html"] == nil {
		return nil, errors.New("templates/page.html is missing")
	}
	sets := map[string]*tmplSet{}
	stubs := funcMap(nil)
	for _, p := range pages {
		name := path.Base(p)
		root := template.New(name).Funcs(stubs)
		if baseof != nil {
			if _, err := root.New("baseof").Parse(string(baseof)); err != nil {
				return nil, fmt.Errorf("templates/baseof.html: %w", err)
			}
		}
		for _, q := range partials {
			if _, err := root.New(strings.TrimPrefix(q, "templates/")).Parse(string(files[q].Data)); err != nil {
				return nil, fmt.Errorf("%s: %w", q, err)
			}
		}
		if _, err := root.Parse(string(files[p].Data)); err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		set := &tmplSet{tmpl: root, entry: name}
		if root.Lookup("main") != nil {
			if baseof == nil {
				return nil, fmt.Errorf("%s defines \"main\" but templates/baseof.html is missing", p)
			}
			set.entry = "baseof"
		}
		sets[name] = set
	}
	return sets, nil
}

// Templates are the theme's templates bound to one site's language and base
// path. Execute and ExecutePart are safe for concurrent use.
type Templates struct {
	sets map[string]*tmplSet
	// cache holds partialCached results by name and key, for this binding
	// only (Release clears it).
	cache sync.Map // cacheKey -> *cached
	key   bindKey
	pool  *bindPool // where Release puts it; nil once released
}

type cacheKey struct{ name, key string }

type cached struct {
	once sync.Once
	html template.HTML
	err  error
}

// Bind returns the templates with the template functions bound to lang (for
// `t` and `date`) and base, the site's base path ("/" or "/docs/"), for `url`
// and `asset`. Templates handed back with Release are reused, with an empty
// partialCached cache.
func (t *Theme) Bind(lang, base string) (*Templates, error) {
	if _, ok := t.i18n[lang]; !ok {
		return nil, fmt.Errorf("theme %q has no strings for language %q (i18n/%s.toml)", t.Name, lang, lang)
	}
	if !strings.HasPrefix(base, "/") || !strings.HasSuffix(base, "/") {
		return nil, fmt.Errorf("base path %q must start and end with /", base)
	}
	key := bindKey{lang, base}
	if t.pool != nil {
		if ts := t.pool.get(key); ts != nil {
			return ts, nil
		}
	}
	return t.bind(key, true)
}

// bind clones and binds the templates; fold turns constant folding on
// (tests compare with it off).
func (t *Theme) bind(key bindKey, fold bool) (*Templates, error) {
	b := &binding{theme: t, lang: key.lang, base: key.base, dry: true}
	out := &Templates{sets: make(map[string]*tmplSet, len(t.sets)), key: key, pool: t.pool}
	b.ts = out
	fm := funcMap(b)
	for name, s := range t.sets {
		c, err := s.tmpl.Clone()
		if err != nil {
			return nil, fmt.Errorf("templates/%s: %w", name, err)
		}
		c.Funcs(fm)
		if fold {
			// Constant folding (fold.go): nothing else touches the clone yet.
			b.foldCalls(c)
			if escape(c, s.entry) {
				foldText(c)
			}
		}
		out.sets[name] = &tmplSet{tmpl: c, entry: s.entry}
	}
	b.dry = false
	return out, nil
}

// Has reports whether the page template file name exists.
func (ts *Templates) Has(name string) bool { return ts.sets[name] != nil }

// Execute renders the page template file name ("page.html") with data.
func (ts *Templates) Execute(w io.Writer, name string, data any) error {
	s := ts.sets[name]
	if s == nil {
		return fmt.Errorf("template %s: not found", name)
	}
	if err := s.tmpl.ExecuteTemplate(w, s.entry, data); err != nil {
		return fmt.Errorf("template %s: %w", name, err)
	}
	return nil
}

// ExecutePart renders the named template that a partial defines ("card")
// with data, in HTML text context: render uses it to render a page's card or
// list item once and reuse the HTML in every listing.
func (ts *Templates) ExecutePart(w io.Writer, name string, data any) error {
	set := ts.sets["page.html"] // every set holds the partials; page.html always exists
	if set == nil || set.tmpl.Lookup(name) == nil {
		return fmt.Errorf("template %q: not found", name)
	}
	if err := set.tmpl.ExecuteTemplate(w, name, data); err != nil {
		return fmt.Errorf("template %q: %w", name, err)
	}
	return nil
}

// HasPart reports whether a partial defines the template name.
func (ts *Templates) HasPart(name string) bool {
	set := ts.sets["page.html"]
	return set != nil && set.tmpl.Lookup(name) != nil
}

// binding holds what the template functions need; nil while parsing.
type binding struct {
	theme *Theme
	lang  string
	base  string
	ts    *Templates
	dry   bool // Bind is escaping the templates: partialCached must not run (fold.go)
}

// funcMap returns the template functions. With b == nil they are stubs for
// parsing (html/template needs every name known at parse time).
func funcMap(b *binding) template.FuncMap {
	return template.FuncMap{
		"asset":    b.asset,
		"hasAsset": b.hasAsset,
		"t":        b.t,
		"tn":       b.tn,
		"url":      b.url,
		"date":     b.date,
		"isodate":  isoDate,
		"seconds":  b.seconds,
		"add":      func(a, c int) int { return a + c },
		"dict":     dict,
		"lang":     func() string { return b.lang },

		"partialCached": b.partialCached,
	}
}

// partialCached renders the named template once per key and reuses the HTML
// for every later call with that key, like Hugo's partialCached: for parts
// that are the same on many pages (header, nav of one section, footer). The
// first caller's data is used; the result belongs in HTML text context.
func (b *binding) partialCached(name, key string, data any) (template.HTML, error) {
	if b.dry {
		return "", errDry
	}
	k := cacheKey{name, key}
	v, ok := b.ts.cache.Load(k)
	if !ok {
		// Load first: LoadOrStore would allocate an entry on every call.
		v, _ = b.ts.cache.LoadOrStore(k, &cached{})
	}
	c := v.(*cached)
	c.once.Do(func() {
		set := b.ts.sets["page.html"]
		var buf strings.Builder
		if err := set.tmpl.ExecuteTemplate(&buf, name, data); err != nil {
			c.err = fmt.Errorf("partialCached %q: %w", name, err)
			return
		}
		c.html = template.HTML(buf.String()) // produced by html/template itself
	})
	return c.html, c.err
}

// asset returns the URL of a theme asset by its unhashed name; an unknown name
// is an error so a typo in a template cannot pass silently.
func (b *binding) asset(name string) (string, error) {
	p, ok := b.theme.AssetPath(name)
	if !ok {
		return "", fmt.Errorf("asset %q not found in theme assets/", name)
	}
	return b.base + p, nil
}

func (b *binding) hasAsset(name string) bool {
	_, ok := b.theme.AssetPath(name)
	return ok
}

// t returns the interface string key, formatted with args when given.
func (b *binding) t(key string, args ...any) (string, error) {
	s, ok := b.theme.Translate(b.lang, key)
	if !ok {
		return "", fmt.Errorf("no interface string %q in i18n/%s.toml", key, b.lang)
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...), nil
	}
	return s, nil
}

// tn picks key+".one" for n == 1, else key+".other", formatted with n:
// enough plural rules for German and English.
func (b *binding) tn(key string, n int) (string, error) {
	if n == 1 {
		return b.t(key+".one", n)
	}
	return b.t(key+".other", n)
}

// url roots a site-relative URL ("/tags/") at the base path; anything else
// (external links, fragments) passes unchanged.
func (b *binding) url(u string) string {
	if strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "//") {
		return b.base + u[1:]
	}
	return u
}

func (b *binding) date(t time.Time) string { return Date(b.lang, t) }

// Date formats a day the way readers of lang write it, as the template
// function date does; "" for the zero time.
func Date(lang string, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if lang == "de" {
		return t.Format("02.01.2006")
	}
	return t.Format("2 Jan 2006")
}

// ISODate formats a day as YYYY-MM-DD, as the template function isodate
// does; "" for the zero time.
func ISODate(t time.Time) string { return isoDate(t) }

func isoDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// seconds formats a speaking time: "42 s" below a minute, else "1:30 min".
func (b *binding) seconds(n int) string {
	if n < 60 {
		return fmt.Sprintf("%d s", n)
	}
	return fmt.Sprintf("%d:%02d min", n/60, n%60)
}

// dict builds a map from key/value pairs, to pass several values to a partial.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, errors.New("dict: odd number of arguments")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

package theme

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"testing/fstest"

	"github.com/BurntSushi/toml"

	"playbook/themes"
)

// loadI18n reads i18n/<lang>.toml. Strings are merged key by key: the embedded
// default first, then the merged theme's file, so a disk theme may override a
// single string without copying the whole file.
func loadI18n(files fstest.MapFS) (map[string]map[string]string, error) {
	out := map[string]map[string]string{}
	add := func(fsys fs.FS, p string) error {
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		var raw map[string]any
		if _, err := toml.Decode(string(data), &raw); err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		lang := strings.TrimSuffix(path.Base(p), ".toml")
		m := out[lang]
		if m == nil {
			m = map[string]string{}
			out[lang] = m
		}
		return flatten(m, "", raw, p)
	}
	emb, err := fs.Sub(themes.Default, DefaultName)
	if err != nil {
		return nil, err
	}
	embNames, _ := fs.Glob(emb, "i18n/*.toml")
	for _, p := range embNames {
		if err := add(emb, p); err != nil {
			return nil, err
		}
	}
	for _, p := range filesUnder(files, "i18n") {
		if isTopLevel(p, "i18n") && strings.HasSuffix(p, ".toml") {
			if err := add(files, p); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// flatten turns nested tables into dotted keys: [kind] objection = "x" -> "kind.objection".
func flatten(dst map[string]string, prefix string, m map[string]any, file string) error {
	for k, v := range m {
		key := k
		if prefix != "" {
			key = prefix + "." + k
		}
		switch v := v.(type) {
		case string:
			dst[key] = v
		case map[string]any:
			if err := flatten(dst, key, v, file); err != nil {
				return err
			}
		default:
			return fmt.Errorf("%s: %s must be a string, not %T", file, key, v)
		}
	}
	return nil
}

// Translate returns the interface string key in lang.
func (t *Theme) Translate(lang, key string) (string, bool) {
	s, ok := t.i18n[lang][key]
	return s, ok
}

// Languages lists the languages the theme has strings for.
func (t *Theme) Languages() []string {
	out := make([]string, 0, len(t.i18n))
	for l := range t.i18n {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}

// Keys lists the string keys of lang, sorted.
func (t *Theme) Keys(lang string) []string {
	out := make([]string, 0, len(t.i18n[lang]))
	for k := range t.i18n[lang] {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

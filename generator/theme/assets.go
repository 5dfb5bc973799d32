package theme

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"strings"
	"testing/fstest"
)

// AssetDir is the output folder of theme assets, relative to the site root.
const AssetDir = "assets"

// Asset is one static theme file with its content-hashed output path.
type Asset struct {
	// Name is the path inside the theme's assets/ folder ("style.css").
	Name string
	// Path is the output path relative to the site root ("assets/style.3f2a1b9c.css").
	Path string
	Data []byte
}

type assetTable struct {
	list   []Asset        // sorted by Name
	byName map[string]int // Name -> index in list
}

func loadAssets(files fstest.MapFS) (*assetTable, error) {
	tab := &assetTable{byName: map[string]int{}}
	seen := map[string]string{}
	for _, p := range filesUnder(files, "assets") {
		name := strings.TrimPrefix(p, "assets/")
		data := files[p].Data
		out := AssetDir + "/" + hashedName(name, data)
		if prev, dup := seen[out]; dup {
			return nil, fmt.Errorf("assets %s and %s map to the same output %s", prev, name, out)
		}
		seen[out] = name
		tab.byName[name] = len(tab.list)
		tab.list = append(tab.list, Asset{Name: name, Path: out, Data: data})
	}
	return tab, nil
}

// hashedName puts the first 8 hex digits of the content's SHA-256 before the
// extension, so a changed file gets a new URL and browsers may cache forever.
func hashedName(name string, data []byte) string {
	sum := sha256.Sum256(data)
	h := hex.EncodeToString(sum[:4])
	dir, file := path.Split(name)
	ext := path.Ext(file)
	stem := strings.TrimSuffix(file, ext)
	if stem == "" { // ".htaccess"-like names: keep the dot file recognisable
		return dir + file + "." + h
	}
	return dir + stem + "." + h + ext
}

// Assets returns the theme's static files with their hashed output paths,
// sorted by name. The slice is shared: do not modify it.
func (t *Theme) Assets() []Asset { return t.assets.list }

// AssetPath returns the hashed output path of the asset name ("style.css" ->
// "assets/style.3f2a1b9c.css") relative to the site root.
func (t *Theme) AssetPath(name string) (string, bool) {
	i, ok := t.assets.byName[name]
	if !ok {
		return "", false
	}
	return t.assets.list[i].Path, true
}

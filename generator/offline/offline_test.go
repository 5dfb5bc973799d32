package offline

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"playbook/generator/config"
	"playbook/generator/output"
)

var update = flag.Bool("update", false, "rewrite golden files")

const workerAsset = "assets/sw.0badc0de.js"

// fixture is a small built site as render and search would leave it.
func fixture() []output.File {
	page := func(title string) []byte {
		return []byte("<!doctype html><html lang=\"de\"><head><title>" + title + "</title></head><body><p>" + title + "</p></body></html>")
	}
	return []output.File{
		{Path: "index.html", Data: page("Start")},
		{Path: "objections/index.html", Data: page("Einwände")},
		{Path: "objections/zu-teuer/index.html", Data: page("Zu teuer")},
		{Path: "objections/zu-teuer/bild.png", Data: []byte("\x89PNG fake")},
		{Path: "alt/preis/index.html", Data: []byte(`<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="refresh" content="0; url=/objections/zu-teuer/"></head></html>`)},
		{Path: "search/index.html", Data: page("Suche")},
		{Path: "404.html", Data: page("Nicht gefunden")},
		{Path: "sitemap.xml", Data: []byte("<urlset/>")},
		{Path: "assets/style.12345678.css", Data: []byte("body{}")},
		{Path: "assets/playbook.9abcdef0.js", Data: []byte("/* js */")},
		{Path: "assets/offline.11111111.js", Data: []byte("/* offline */")},
		{Path: workerAsset, Data: []byte("/* worker */\n")},
		{Path: "search/manifest.json", Data: []byte(`{"v":1}`)},
		{Path: "search/t-0123456789.json", Data: []byte(`{"t":[]}`)},
	}
}

func testConfig() *config.Config {
	cfg := config.Default()
	cfg.Title = "Vertriebs-Playbook Nord"
	cfg.BaseURL = "https://example.com/pb/"
	return cfg
}

func byPath(files []output.File) map[string][]byte {
	m := map[string][]byte{}
	for _, f := range files {
		m[f.Path] = f.Data
	}
	return m
}

func readList(t *testing.T, files []output.File) List {
	t.Helper()
	data, ok := byPath(files)[ListPath]
	if !ok {
		t.Fatalf("no %s among %d files", ListPath, len(files))
	}
	var l List
	if err := json.Unmarshal(data, &l); err != nil {
		t.Fatalf("offline.json: %v", err)
	}
	return l
}

func TestFilesList(t *testing.T) {
	site := fixture()
	files := Files(testConfig(), site)
	if err := output.Validate(append(slices.Clone(site), files...)); err != nil {
		t.Fatal(err)
	}
	l := readList(t, files)

	var urls []string
	for _, e := range l.Files {
		urls = append(urls, e.URL)
	}
	want := []string{
		// shell first
		"",
		"assets/offline.11111111.js", "assets/playbook.9abcdef0.js", "assets/style.12345678.css",
		IconSVG, AppleTouchIcon, Icon192, Icon512, IconMaskable,
		ManifestPath,
		// then the rest, by URL
		"objections/", "objections/zu-teuer/", "objections/zu-teuer/bild.png",
		"search/", "search/manifest.json", "search/t-0123456789.json",
	}
	slices.Sort(want[1:10])
	if !slices.Equal(urls, want) {
		t.Errorf("listed URLs:\n got %q\nwant %q", urls, want)
	}
	if l.Shell != 10 {
		t.Errorf("shell = %d, want 10", l.Shell)
	}
	if l.V != 1 || l.Lang != "de" || l.Title != "Vertriebs-Playbook Nord" || l.CSS != "assets/style.12345678.css" {
		t.Errorf("header = %+v", l)
	}

	// Sizes and hashes are those of the served bytes.
	all := byPath(append(slices.Clone(site), files...))
	var sum int64
	for _, e := range l.Files {
		p := e.URL
		if p == "" || strings.HasSuffix(p, "/") {
			p += "index.html"
		}
		data := all[p]
		h := sha256.Sum256(data)
		if e.Size != int64(len(data)) || e.Hash != hex.EncodeToString(h[:4]) {
			t.Errorf("%s: size %d hash %s, want %d %x", e.URL, e.Size, e.Hash, len(data), h[:4])
		}
		sum += e.Size
	}
	if l.Bytes != sum {
		t.Errorf("bytes = %d, want %d", l.Bytes, sum)
	}

	// The worker is the theme's, behind the build id, at the root.
	sw := byPath(files)[WorkerPath]
	if want := "const BUILD = \"" + l.Build + "\";\n/* worker */\n"; string(sw) != want {
		t.Errorf("sw.js = %q, want %q", sw, want)
	}
	if len(l.Build) != 12 || !isHex(l.Build) {
		t.Errorf("build id %q", l.Build)
	}
}

func TestBuildID(t *testing.T) {
	id := func(site []output.File) string { return readList(t, Files(testConfig(), site)).Build }
	base := id(fixture())

	shuffled := fixture()
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	if got := id(shuffled); got != base {
		t.Errorf("file order changed the build id: %s vs %s", got, base)
	}

	tests := []struct {
		name   string
		edit   func([]output.File) []output.File
		change bool
	}{
		{"page text", setData("objections/zu-teuer/index.html", "<title>Zu teuer!</title>"), true},
		{"search shard", setData("search/t-0123456789.json", `{"t":[1]}`), true},
		{"worker code", setData(workerAsset, "/* worker v2 */"), true},
		{"new page", func(fs []output.File) []output.File {
			return append(fs, output.File{Path: "pitches/neu/index.html", Data: []byte("<title>Neu</title>")})
		}, true},
		{"page moved", func(fs []output.File) []output.File {
			for i := range fs {
				if fs[i].Path == "objections/zu-teuer/index.html" {
					fs[i].Path = "objections/zu-teuer-2/index.html"
				}
			}
			return fs
		}, true},
		// Not served by the worker: no update prompt for readers.
		{"sitemap", setData("sitemap.xml", "<urlset>x</urlset>"), false},
		{"404 page", setData("404.html", "<title>weg</title>"), false},
		{"alias", setData("alt/preis/index.html", `<meta http-equiv="refresh" content="0; url=/x/">`), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := id(tt.edit(fixture()))
			if (got != base) != tt.change {
				t.Errorf("build id %s, before %s: change = %v, want %v", got, base, got != base, tt.change)
			}
		})
	}
}

func setData(p, data string) func([]output.File) []output.File {
	return func(fs []output.File) []output.File {
		for i := range fs {
			if fs[i].Path == p {
				fs[i].Data = []byte(data)
			}
		}
		return fs
	}
}

func TestOptOut(t *testing.T) {
	cfg := testConfig()
	cfg.Offline.Enabled = false
	files := byPath(Files(cfg, fixture()))
	if _, ok := files[ListPath]; ok {
		t.Error("offline.json written although offline is off")
	}
	sw := string(files[WorkerPath])
	for _, want := range []string{"skipWaiting", "caches.delete", "unregister()"} {
		if !strings.Contains(sw, want) {
			t.Errorf("kill-switch sw.js lacks %q:\n%s", want, sw)
		}
	}
	if strings.Contains(sw, "worker") || strings.Contains(sw, "fetch") {
		t.Errorf("kill-switch sw.js must not serve anything:\n%s", sw)
	}
	if _, ok := files[ManifestPath]; !ok {
		t.Error("manifest missing: home screen install works without a worker")
	}
}

func TestNoWorkerAsset(t *testing.T) {
	var site []output.File
	for _, f := range fixture() {
		if f.Path != workerAsset {
			site = append(site, f)
		}
	}
	files := byPath(Files(testConfig(), site))
	if _, ok := files[WorkerPath]; ok {
		t.Error("sw.js written without the theme's assets/sw.js")
	}
	if _, ok := files[ListPath]; ok {
		t.Error("offline.json written without a worker")
	}
}

func TestManifest(t *testing.T) {
	files := byPath(Files(testConfig(), fixture()))
	var m manifest
	if err := json.Unmarshal(files[ManifestPath], &m); err != nil {
		t.Fatal(err)
	}
	if m.Name != "Vertriebs-Playbook Nord" || m.ShortName != "Vertriebs" || m.Lang != "de" ||
		m.StartURL != "/pb/" || m.Scope != "/pb/" || m.ID != "/pb/" || m.Display != "standalone" ||
		m.ThemeColor != ThemeColor || m.BackgroundColor != BackgroundColor {
		t.Errorf("manifest = %+v", m)
	}
	var maskable bool
	for _, ic := range m.Icons {
		if _, ok := files[ic.Src]; !ok {
			t.Errorf("manifest icon %s is not written", ic.Src)
		}
		maskable = maskable || ic.Purpose == "maskable"
	}
	if !maskable || len(m.Icons) < 3 {
		t.Errorf("icons = %+v", m.Icons)
	}
}

func TestShortName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Playbook", "Playbook"},
		{"", "Playbook"},
		{"  Vertrieb   Süd ", "Vertrieb Süd"},
		{"Vertrieb Nord Playbook", "Vertrieb"},
		{"Vertriebs-Playbook", "Vertriebs"},
		{"Außendienst Playbook", "Außendienst"},
		{"Kundenbetreuungshandbuch", "Kundenbetre…"},
	}
	for _, tt := range tests {
		if got := shortName(tt.in); got != tt.want {
			t.Errorf("shortName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEntryJSON(t *testing.T) {
	in := []Entry{{URL: "a/", Size: 12, Hash: "0011aabb"}}
	data, err := json.Marshal(in)
	if err != nil || string(data) != `[["a/",12,"0011aabb"]]` {
		t.Fatalf("marshal = %s, %v", data, err)
	}
	var out []Entry
	if err := json.Unmarshal(data, &out); err != nil || !slices.Equal(out, in) {
		t.Fatalf("unmarshal = %+v, %v", out, err)
	}
	if err := json.Unmarshal([]byte(`[["a/",12]]`), &out); err == nil {
		t.Error("short entry accepted")
	}
}

// TestGolden pins offline.json and the manifest for the fixture.
func TestGolden(t *testing.T) {
	files := byPath(Files(testConfig(), fixture()))
	for _, name := range []string{ListPath, ManifestPath} {
		golden := filepath.Join("testdata", name+".golden")
		got := files[name]
		if *update {
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s:\n%s", name, golden, got)
		}
	}
}

// FuzzFiles feeds arbitrary titles, paths and bytes: Files must not panic,
// its paths must stay valid, and every listed URL must map to a file.
func FuzzFiles(f *testing.F) {
	f.Add("Playbook", "a/index.html", []byte("<title>x</title>"))
	f.Add("Kundenbetreuungshandbuch Süd", "alt/index.html", []byte(`<meta http-equiv="refresh" content="0">`))
	f.Add("\xff\xfe", "x.bin", []byte{0, 1, 2})
	f.Fuzz(func(t *testing.T, title, p string, data []byte) {
		site := []output.File{{Path: workerAsset, Data: []byte("//")}, {Path: p, Data: data}}
		if output.Validate(site) != nil {
			return
		}
		cfg := config.Default()
		cfg.Title = title
		files := Files(cfg, site)
		if err := output.Validate(files); err != nil {
			t.Fatal(err)
		}
		if sn := shortName(title); utf8.RuneCountInString(sn) > shortNameMax || sn == "" {
			t.Fatalf("shortName(%q) = %q", title, sn)
		}
		all := byPath(append(site, files...))
		for _, e := range readList(t, files).Files {
			q := e.URL
			if q == "" || strings.HasSuffix(q, "/") {
				q += "index.html"
			}
			if _, ok := all[q]; !ok {
				t.Fatalf("listed %q has no file", e.URL)
			}
		}
	})
}

func TestSiteFileWins(t *testing.T) {
	own := []byte("\x89PNG our own icon")
	site := append(fixture(), output.File{Path: Icon512, Data: own})
	files := Files(testConfig(), site)
	if err := output.Validate(append(site, files...)); err != nil {
		t.Fatal(err)
	}
	for _, e := range readList(t, files).Files {
		if e.URL == Icon512 && e.Size != int64(len(own)) {
			t.Errorf("listed %s with %d bytes, want the site's %d", Icon512, e.Size, len(own))
		}
	}
}

package offline

import (
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"playbook/generator/config"
	"playbook/generator/output"
)

// Colours of the installed app: the default theme's accent and page colour,
// for the splash screen, the title bar and <meta name="theme-color">.
const (
	ThemeColor      = "#0550ae"
	BackgroundColor = "#ffffff"
)

// iconDir holds the app icons, under fixed names: the manifest and the
// layout's apple-touch-icon link point at them.
const iconDir = "icons"

// Icon output paths, relative to the site root.
const (
	IconSVG        = iconDir + "/icon.svg"
	Icon192        = iconDir + "/icon-192.png"
	Icon512        = iconDir + "/icon-512.png"
	IconMaskable   = iconDir + "/maskable-512.png"
	AppleTouchIcon = iconDir + "/apple-touch-icon.png" // 180 px, opaque: iOS rounds it
)

// shortNameMax is what fits under a home-screen icon.
const shortNameMax = 12

// manifest is manifest.webmanifest.
type manifest struct {
	ID              string         `json:"id"`
	Name            string         `json:"name"`
	ShortName       string         `json:"short_name"`
	Lang            string         `json:"lang"`
	Dir             string         `json:"dir"`
	StartURL        string         `json:"start_url"`
	Scope           string         `json:"scope"`
	Display         string         `json:"display"`
	ThemeColor      string         `json:"theme_color"`
	BackgroundColor string         `json:"background_color"`
	Icons           []manifestIcon `json:"icons"`
}

type manifestIcon struct {
	Src     string `json:"src"`
	Sizes   string `json:"sizes"`
	Type    string `json:"type"`
	Purpose string `json:"purpose,omitempty"`
}

// appFiles returns the manifest and its icons. They do not need the worker,
// so a playbook with [offline] enabled = false can still go on a home screen.
func appFiles(cfg *config.Config) []output.File {
	base := cfg.BasePath()
	m := manifest{
		ID:              base,
		Name:            cfg.Title,
		ShortName:       shortName(cfg.Title),
		Lang:            cfg.Language,
		Dir:             "ltr",
		StartURL:        base,
		Scope:           base,
		Display:         "standalone",
		ThemeColor:      ThemeColor,
		BackgroundColor: BackgroundColor,
		// Relative to the manifest's URL, which sits at the base path.
		Icons: []manifestIcon{
			{Src: IconSVG, Sizes: "any", Type: "image/svg+xml"},
			{Src: Icon192, Sizes: "192x192", Type: "image/png"},
			{Src: Icon512, Sizes: "512x512", Type: "image/png"},
			{Src: IconMaskable, Sizes: "512x512", Type: "image/png", Purpose: "maskable"},
		},
	}
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		panic("offline: encoding manifest: " + err.Error()) // strings only
	}
	return append([]output.File{{Path: ManifestPath, Data: append(data, '\n')}}, icons()...)
}

// icons draws the icons once per process: they depend on constants only,
// and drawing them takes some 40 ms, too much for every rebuild while
// editing. The result is read-only: callers get a fresh slice whose Data
// they must not modify.
var icons = func() func() []output.File {
	once := sync.OnceValue(func() []output.File {
		return []output.File{
			{Path: IconSVG, Data: iconSVG()},
			{Path: Icon192, Data: drawIcon(iconSpec{size: 192})},
			{Path: Icon512, Data: drawIcon(iconSpec{size: 512})},
			{Path: IconMaskable, Data: drawIcon(iconSpec{size: 512, square: true, scale: 0.8})},
			{Path: AppleTouchIcon, Data: drawIcon(iconSpec{size: 180, square: true, scale: 0.9})},
		}
	})
	return func() []output.File { return slices.Clone(once()) }
}()

// shortName fits the title under an icon: whole words while they fit
// ("Vertrieb Nord Playbook" -> "Vertrieb"), else the title cut short.
func shortName(title string) string {
	title = strings.Join(strings.Fields(title), " ")
	if title == "" {
		return "Playbook"
	}
	if utf8.RuneCountInString(title) <= shortNameMax {
		return title
	}
	short := ""
	for _, w := range strings.FieldsFunc(title, func(r rune) bool { return r == ' ' || r == '-' || r == '–' }) {
		next := w
		if short != "" {
			next = short + " " + w
		}
		if utf8.RuneCountInString(next) > shortNameMax {
			break
		}
		short = next
	}
	if short != "" {
		return short
	}
	r := []rune(title)
	return string(r[:shortNameMax-1]) + "…"
}

// killSwitch is sw.js when offline is turned off: it replaces the earlier
// worker, deletes this site's caches and unregisters, so no reader is left on
// a stale copy. Pages stay open and load from the network from then on.
const killSwitch = `// playbook: offline use is turned off ([offline] enabled = false).
self.addEventListener('install', function () { self.skipWaiting(); });
self.addEventListener('activate', function (e) {
  var prefix = 'playbook:' + new URL(self.registration.scope).pathname + ':';
  e.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k.indexOf(prefix) === 0; }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.registration.unregister(); }));
});
`

package page

import (
	"strings"
	"testing"
)

func TestSlug(t *testing.T) {
	tests := map[string]string{
		"Kein Budget":         "kein-budget",
		"zu-teuer":            "zu-teuer",
		"Zu teuer?":           "zu-teuer",
		"Größe & Preis":       "groesse-preis",
		"ÄÖÜ äöü ß":           "aeoeue-aeoeue-ss",
		"Café_Crème":          "cafe-creme",
		"v2.1":                "v2-1",
		"  --a--b--  ":        "a-b",
		"a_._b":               "a-b",
		"Tab\tand\nnewline":   "tab-and-newline",
		"Ærø Łódź":            "aero-lodz",
		"Señor Ça va":         "senor-ca-va",
		"100% sicher!":        "100-sicher",
		"Preis&Wert":          "preiswert",
		"日本語":                 "page",
		"":                    "page",
		"---":                 "page",
		"🚀 Launch":            "launch",
		"u\u0308ber":          "ueber", // decomposed ü, as macOS writes file names
		"STRAẞE":              "strasse",
		"Quote \"it\" 'here'": "quote-it-here",
	}
	for in, want := range tests {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestURLFor(t *testing.T) {
	tests := map[string]string{
		"objections/preis/zu-teuer.md": "/objections/preis/zu-teuer/",
		"objections/_index.md":         "/objections/",
		"objections/preis/_index.md":   "/objections/preis/",
		"_index.md":                    "/",
		"Kein Budget.md":               "/kein-budget/",
		"Einwände/Zu Teuer.md":         "/einwaende/zu-teuer/",
		"pitches/v2.1 final.md":        "/pitches/v2-1-final/",
		"index.md":                     "/index/",
		"a/_index":                     "/a/",
	}
	for in, want := range tests {
		if got := URLFor(in); got != want {
			t.Errorf("URLFor(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestKinds(t *testing.T) {
	sections := map[string]Kind{
		"objections": KindObjection, "pitches": KindPitch, "cadences": KindCadence, "voicemails": KindVoicemail,
		"retention": KindRetention, "checklists": KindChecklist, "workshops": KindWorkshop,
		"Objections": KindObjection, "": KindPage, "misc": KindPage, "objection": KindPage,
	}
	for s, want := range sections {
		if got := KindForSection(s); got != want {
			t.Errorf("KindForSection(%q) = %q, want %q", s, got, want)
		}
	}
	for _, k := range Kinds {
		if got, ok := ParseKind(" " + strings.ToUpper(string(k)) + " "); !ok || got != k {
			t.Errorf("ParseKind(%q) = %q, %v", k, got, ok)
		}
	}
	for _, bad := range []string{"", "objections", "faq", "page page"} {
		if got, ok := ParseKind(bad); ok {
			t.Errorf("ParseKind(%q) = %q, want not ok", bad, got)
		}
	}
}

func FuzzSlug(f *testing.F) {
	for _, s := range []string{"Kein Budget", "Größe & Preis", "u\u0308", "a..b", "\xff\xfe", "ǅ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Slug(s)
		if got == "" || strings.HasPrefix(got, "-") || strings.HasSuffix(got, "-") || strings.Contains(got, "--") {
			t.Fatalf("Slug(%q) = %q: malformed", s, got)
		}
		for _, r := range got {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
				t.Fatalf("Slug(%q) = %q: character %q", s, got, r)
			}
		}
		if again := Slug(got); again != got {
			t.Fatalf("Slug not idempotent: %q -> %q -> %q", s, got, again)
		}
	})
}

package pdf

import (
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"playbook/generator/output"
)

func TestPaper(t *testing.T) {
	for in, want := range map[string]Paper{"a4": A4, "A4": A4, " letter ": Letter, "Letter": Letter} {
		if got, err := ParsePaper(in); err != nil || got != want {
			t.Errorf("ParsePaper(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := ParsePaper("legal"); err == nil || !strings.Contains(err.Error(), "a4 or letter") {
		t.Errorf("ParsePaper(legal) = %v", err)
	}
	for lang, want := range map[string]Paper{"de": A4, "de-AT": A4, "en": Letter, "": Letter} {
		if got := DefaultPaper(lang); got != want {
			t.Errorf("DefaultPaper(%q) = %s, want %s", lang, got, want)
		}
	}
	if w, h := A4.size(); w < 8.26 || w > 8.28 || h < 11.69 || h > 11.7 {
		t.Errorf("A4 = %.3f x %.3f in", w, h)
	}
	if w, h := Letter.size(); w != 8.5 || h != 11 {
		t.Errorf("Letter = %v x %v in", w, h)
	}
}

func TestFindChromium(t *testing.T) {
	_, err := FindChromium(filepath.Join(t.TempDir(), "nonexistent"))
	if !errors.Is(err, ErrNoChromium) || !strings.Contains(err.Error(), "PLAYBOOK_CHROMIUM=") ||
		!strings.Contains(err.Error(), "apt-get install chromium") {
		t.Errorf("missing override: %v", err)
	}
	plain := filepath.Join(t.TempDir(), "chromium")
	if err := os.WriteFile(plain, []byte("not a program"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := FindChromium(plain); !errors.Is(err, ErrNoChromium) || !strings.Contains(err.Error(), "not executable") {
		t.Errorf("non-executable override: %v", err)
	}
	exe := filepath.Join(t.TempDir(), "my-chrome")
	if err := os.WriteFile(exe, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if got, err := FindChromium(exe); err != nil || got != exe {
		t.Errorf("FindChromium(%s) = %q, %v", exe, got, err)
	}
	// An empty PATH finds nothing.
	t.Setenv("PATH", t.TempDir())
	if _, err := FindChromium(""); !errors.Is(err, ErrNoChromium) {
		t.Errorf("empty PATH: %v", err)
	}
}

func TestServe(t *testing.T) {
	files := []output.File{
		{Path: "index.html", Data: []byte("home")},
		{Path: "workshops/a/index.html", Data: []byte("handout")},
		{Path: "assets/style.1.css", Data: []byte("p{}")},
		{Path: "404.html", Data: []byte("missing")},
	}
	srv, err := Serve(files, "/team/")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	if !strings.HasPrefix(srv.URL, "http://127.0.0.1:") || !strings.HasSuffix(srv.URL, "/team/") {
		t.Fatalf("URL %s", srv.URL)
	}
	host := strings.TrimSuffix(srv.URL, "/team/")
	tests := []struct {
		path, body, ctype string
		status            int
	}{
		{"/team/", "home", "text/html", 200},
		{"/team", "home", "text/html", 200},
		{"/team/workshops/a/", "handout", "text/html", 200},
		{"/team/workshops/a", "handout", "text/html", 200}, // after the redirect
		{"/team/assets/style.1.css", "p{}", "text/css", 200},
		{"/team/nope/", "missing", "text/html", 404},
		{"/workshops/a/", "missing", "text/html", 404}, // outside the base path
		{"/team/../etc/passwd", "missing", "text/html", 404},
	}
	for _, tt := range tests {
		resp, err := http.Get(host + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.status || string(body) != tt.body || !strings.HasPrefix(resp.Header.Get("Content-Type"), tt.ctype) {
			t.Errorf("GET %s = %d %q (%s), want %d %q (%s)", tt.path, resp.StatusCode, body, resp.Header.Get("Content-Type"), tt.status, tt.body, tt.ctype)
		}
	}
}

func TestCountPages(t *testing.T) {
	pdf := "%PDF-1.4\n1 0 obj <</Type /Pages /Count 2>>\n2 0 obj <</Type /Page /Parent 1 0 R>>\n3 0 obj <</Type/Page>>\n"
	if got := CountPages([]byte(pdf)); got != 2 {
		t.Errorf("CountPages = %d, want 2", got)
	}
	if got := CountPages(nil); got != 0 {
		t.Errorf("CountPages(nil) = %d", got)
	}
}

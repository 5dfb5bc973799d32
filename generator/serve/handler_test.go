package serve

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"playbook/generator/output"
)

func testSite() []output.File {
	page := func(s string) []byte {
		return []byte("<!doctype html><html><head><link rel=stylesheet href=/style.css></head><body>" + s + "</body></html>")
	}
	return []output.File{
		{Path: "index.html", Data: page("home")},
		{Path: "a/index.html", Data: page("a")},
		{Path: "a/b/index.html", Data: page("ab")},
		{Path: "über/index.html", Data: page("umlaut")},
		{Path: "plain.html", Data: []byte("no body tag")},
		{Path: "404.html", Data: page("not here")},
		{Path: "style.css", Data: []byte("body{color:red}")},
		{Path: "app.js", Data: []byte("console.log(1)")},
		{Path: "search.json", Data: []byte(`{"a":1}`)},
		{Path: "logo.png", Data: []byte("\x89PNG\r\n\x1a\n")},
	}
}

func get(t *testing.T, h http.Handler, method, target string, hdr ...string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func newTestServer(base string) *Server {
	s := New(Options{BasePath: base})
	s.Publish(testSite())
	return s
}

func TestPathTraversalRejected(t *testing.T) {
	h := newTestServer("/").Handler()
	for _, target := range []string{
		"/../etc/passwd",
		"/a/../../etc/passwd",
		"/%2e%2e/etc/passwd",
		"/%2E%2E/%2e%2e/etc/passwd",
		"/a/%2e%2e/%2e%2e/x",
		"/a%2f..%2f..%2fetc",
		"/a%2Fb",
		"/a%5c..%5cx",
		"/a%00.html",
		"/./index.html",
		"/a/.",
		"//evil.example/",
		"/a//b/",
	} {
		rec := get(t, h, "GET", target)
		if rec.Code != http.StatusBadRequest {
			t.Errorf("GET %s = %d, want 400", target, rec.Code)
		}
	}
	// A raw backslash or NUL cannot pass through a URL parser; build them.
	for _, p := range []string{`/a\..\x`, "/a\x00b"} {
		req := httptest.NewRequest("GET", "/", nil)
		req.URL.Path = p
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusBadRequest {
			t.Errorf("GET %q = %d, want 400", p, rec.Code)
		}
	}
}

func TestServeSite(t *testing.T) {
	h := newTestServer("/").Handler()
	tests := []struct {
		target   string
		code     int
		ctype    string
		contains string
		location string
		injected bool
	}{
		{"/", 200, "text/html; charset=utf-8", "home", "", true},
		{"/index.html", 200, "text/html; charset=utf-8", "home", "", true},
		{"/a/", 200, "text/html; charset=utf-8", ">a<", "", true},
		{"/a", 302, "", "", "/a/", false},
		{"/a?q=1", 302, "", "", "/a/?q=1", false},
		{"/a/b", 302, "", "", "/a/b/", false},
		{"/%C3%BCber/", 200, "text/html; charset=utf-8", "umlaut", "", true},
		{"/%C3%BCber", 302, "", "", "/%C3%BCber/", false},
		{"/plain.html", 200, "text/html; charset=utf-8", "no body tag", "", true},
		{"/style.css", 200, "text/css; charset=utf-8", "color:red", "", false},
		{"/app.js", 200, "text/javascript; charset=utf-8", "console", "", false},
		{"/search.json", 200, "application/json", `"a"`, "", false},
		{"/logo.png", 200, "image/png", "PNG", "", false},
		{"/nope", 404, "text/html; charset=utf-8", "not here", "", true},
		{"/a/nope/", 404, "text/html; charset=utf-8", "not here", "", true},
		{"/_playbook/live.js", 200, "text/javascript; charset=utf-8", "EventSource", "", false},
		{"/_playbook/other", 404, "", "", "", false},
	}
	for _, tt := range tests {
		rec := get(t, h, "GET", tt.target)
		if rec.Code != tt.code {
			t.Errorf("GET %s = %d, want %d", tt.target, rec.Code, tt.code)
			continue
		}
		body := rec.Body.String()
		if tt.ctype != "" && rec.Header().Get("Content-Type") != tt.ctype {
			t.Errorf("GET %s: Content-Type %q, want %q", tt.target, rec.Header().Get("Content-Type"), tt.ctype)
		}
		if !strings.Contains(body, tt.contains) {
			t.Errorf("GET %s: body %q lacks %q", tt.target, body, tt.contains)
		}
		if loc := rec.Header().Get("Location"); loc != tt.location {
			t.Errorf("GET %s: Location %q, want %q", tt.target, loc, tt.location)
		}
		if got := strings.Contains(body, liveTag); got != tt.injected {
			t.Errorf("GET %s: live script injected = %v, want %v", tt.target, got, tt.injected)
		}
		if tt.code == 200 && rec.Header().Get("Cache-Control") != "no-cache" {
			t.Errorf("GET %s: Cache-Control %q", tt.target, rec.Header().Get("Cache-Control"))
		}
	}
}

func TestInjectionPlacement(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<html><body>x</body></html>", "<html><body>x" + liveTag + "</body></html>"},
		{"<BODY>x</BODY >", "<BODY>x" + liveTag + "</BODY >"},
		{"<body><pre></body></pre></body>", "<body><pre></body></pre>" + liveTag + "</body>"},
		{"no tag", "no tag" + liveTag},
		{"", liveTag},
	}
	for _, tt := range tests {
		if got := string(newEntry("x.html", []byte(tt.in)).body()); got != tt.want {
			t.Errorf("inject(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestETagAndHead(t *testing.T) {
	h := newTestServer("/").Handler()
	first := get(t, h, "GET", "/a/")
	etag := first.Header().Get("ETag")
	if len(etag) < 10 || etag[0] != '"' {
		t.Fatalf("ETag %q", etag)
	}
	if rec := get(t, h, "GET", "/a/", "If-None-Match", etag); rec.Code != http.StatusNotModified || rec.Body.Len() != 0 {
		t.Errorf("If-None-Match match: %d with %d bytes", rec.Code, rec.Body.Len())
	}
	if rec := get(t, h, "GET", "/a/", "If-None-Match", `"other"`); rec.Code != 200 {
		t.Errorf("If-None-Match mismatch: %d", rec.Code)
	}
	if rec := get(t, h, "GET", "/", "If-None-Match", etag); rec.Code != 200 {
		t.Errorf("ETag of /a/ matched /: %d", rec.Code)
	}
	head := get(t, h, "HEAD", "/a/")
	if head.Code != 200 || head.Body.Len() != 0 || head.Header().Get("Content-Length") != first.Header().Get("Content-Length") {
		t.Errorf("HEAD: %d, %d bytes, length %q", head.Code, head.Body.Len(), head.Header().Get("Content-Length"))
	}
	if rec := get(t, h, "POST", "/a/"); rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Allow") != "GET, HEAD" {
		t.Errorf("POST: %d", rec.Code)
	}
}

func TestBasePath(t *testing.T) {
	h := newTestServer("handbuch").Handler()
	for target, want := range map[string]struct {
		code int
		loc  string
	}{
		"/":                  {302, "/handbuch/"},
		"/handbuch":          {302, "/handbuch/"},
		"/handbuch/":         {200, ""},
		"/handbuch/a":        {302, "/handbuch/a/"},
		"/handbuch/a/":       {200, ""},
		"/a/":                {404, ""},
		"/handbuchx/":        {404, ""},
		"/_playbook/live.js": {200, ""},
	} {
		rec := get(t, h, "GET", target)
		if rec.Code != want.code || rec.Header().Get("Location") != want.loc {
			t.Errorf("GET %s = %d %q, want %d %q", target, rec.Code, rec.Header().Get("Location"), want.code, want.loc)
		}
	}
}

func TestBeforeFirstPublish(t *testing.T) {
	s := New(Options{})
	rec := get(t, s.Handler(), "GET", "/")
	if rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), liveTag) {
		t.Fatalf("GET / before publish = %d %q", rec.Code, rec.Body.String())
	}
}

func TestOriginCheck(t *testing.T) {
	h := newTestServer("/").Handler()
	for origin, want := range map[string]int{
		"":                        200,
		"http://example.com":      200, // httptest's Host
		"HTTP://EXAMPLE.COM":      200,
		"http://evil.example":     403,
		"http://example.com:8080": 403,
		"https://example.com":     403,
		"null":                    403,
	} {
		rec := get(t, h, "HEAD", eventsPath, "Origin", origin)
		if rec.Code != want {
			t.Errorf("Origin %q: %d, want %d", origin, rec.Code, want)
		}
	}
}

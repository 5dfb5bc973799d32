package serve

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
)

const (
	livePath   = "/_playbook/live.js"
	eventsPath = "/_playbook/events"
)

// pingEvery keeps idle event streams alive through proxies and lets the
// server notice browsers that went away.
const pingEvery = 20 * time.Second

// Handler serves the site, the live-reload script and the event stream.
func (s *Server) Handler() http.Handler { return http.HandlerFunc(s.serveHTTP) }

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p, ok := checkPath(r)
	if !ok {
		http.Error(w, "bad request path", http.StatusBadRequest)
		return
	}
	switch {
	case p == livePath:
		s.serveEntry(w, r, s.live, http.StatusOK)
		return
	case p == eventsPath:
		s.serveEvents(w, r)
		return
	case strings.HasPrefix(p, "/_playbook/"):
		http.NotFound(w, r)
		return
	}
	site := s.site.Load()
	if site == nil {
		s.serveBuilding(w, r)
		return
	}
	if !strings.HasPrefix(p, s.base) {
		// "/" or "/handbook" while the site lives at "/handbook/".
		if p == "/" || p+"/" == s.base {
			http.Redirect(w, r, s.base, http.StatusFound)
			return
		}
		s.serveNotFound(w, r, site)
		return
	}
	rel := p[len(s.base):]
	name := rel
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	if e := site.files[name]; e != nil {
		s.serveEntry(w, r, e, http.StatusOK)
		return
	}
	if name == rel && site.files[rel+"/index.html"] != nil {
		target := r.URL.EscapedPath() + "/"
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, target, http.StatusFound)
		return
	}
	s.serveNotFound(w, r, site)
}

// checkPath returns the decoded request path, or false when it could name
// something outside the site: "." or ".." segments (also percent-encoded),
// an encoded slash or backslash, a backslash, NUL, or an empty segment
// (which would make "//host" redirects possible).
func checkPath(r *http.Request) (string, bool) {
	p := r.URL.Path
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") || strings.Contains(p, "//") {
		return "", false
	}
	raw := strings.ToLower(r.URL.EscapedPath())
	if strings.Contains(raw, "%2f") || strings.Contains(raw, "%5c") || strings.Contains(raw, "%00") {
		return "", false
	}
	for seg := range strings.SplitSeq(p[1:], "/") {
		if seg == "." || seg == ".." {
			return "", false
		}
	}
	return p, true
}

func (s *Server) serveEntry(w http.ResponseWriter, r *http.Request, e *entry, status int) {
	h := w.Header()
	h.Set("Content-Type", e.ctype)
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("ETag", e.etag)
	if status == http.StatusOK {
		// ServeContent answers If-None-Match, Range and HEAD.
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(e.body()))
		return
	}
	body := e.body()
	h.Del("ETag") // an error page must not be cached as the resource
	h.Set("Content-Length", fmt.Sprint(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

func (s *Server) serveNotFound(w http.ResponseWriter, r *http.Request, site *Site) {
	if e := site.files["404.html"]; e != nil {
		s.serveEntry(w, r, e, http.StatusNotFound)
		return
	}
	page := newEntry("404.html", []byte("<!doctype html><title>404</title><body><h1>404 page not found</h1></body>"))
	s.serveEntry(w, r, page, http.StatusNotFound)
}

// serveBuilding answers before the first build is published; the injected
// script reloads the page once it is.
func (s *Server) serveBuilding(w http.ResponseWriter, r *http.Request) {
	page := newEntry("building.html", []byte(`<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="2"><title>Building…</title><body><p>Building the playbook…</p></body>`))
	w.Header().Set("Retry-After", "1")
	s.serveEntry(w, r, page, http.StatusServiceUnavailable)
}

// serveEvents streams live-reload events to one browser.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	if !sameOrigin(r) {
		http.Error(w, "cross-origin event stream refused", http.StatusForbidden)
		return
	}
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return
	}

	// Subscribe before reading the state, so no change slips between.
	sub := s.hub.Subscribe()
	defer sub.Close()
	build := ""
	if site := s.site.Load(); site != nil {
		build = site.id
	}
	hello, _ := json.Marshal(reloadMsg{Build: build})
	fmt.Fprintf(w, "retry: 1000\n\n")
	writeEvent(w, Event{Name: "hello", Data: string(hello)})
	if ev := s.errorState(); ev != nil {
		writeEvent(w, *ev)
	} else {
		writeEvent(w, Event{Name: "ok", Data: "{}"})
	}
	if rc.Flush() != nil {
		return
	}

	ping := time.NewTicker(pingEvery)
	defer ping.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case ev, ok := <-sub.Events():
			if !ok {
				return // dropped as too slow: the browser reconnects
			}
			writeEvent(w, ev)
		case <-ping.C:
			fmt.Fprint(w, ": ping\n\n")
		}
		if rc.Flush() != nil {
			return
		}
	}
}

func writeEvent(w http.ResponseWriter, ev Event) {
	// Data is JSON, which never holds a raw newline, so one data line is
	// enough; strip any anyway so an event cannot be split.
	data := strings.NewReplacer("\r", "", "\n", "").Replace(ev.Data)
	fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.Name, data)
}

// sameOrigin accepts requests without an Origin header (same-origin
// EventSource requests often have none) and those whose Origin is this
// server's own, so other sites cannot read the event stream.
func sameOrigin(r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return strings.EqualFold(origin, scheme+"://"+r.Host)
}

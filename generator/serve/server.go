// Package serve is the development server: it serves the last good build
// from memory, injects a live-reload script into pages, pushes reloads and
// build errors to browsers over server-sent events, and follows a watcher.
package serve

import (
	_ "embed"
	"encoding/json"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"

	"playbook/generator/output"
)

//go:embed live.js
var liveJS []byte

// Options configure a Server.
type Options struct {
	Logger *slog.Logger // nil: discard
	// BasePath is where the site lives on the server, as config.BasePath
	// gives it ("/" or "/handbook/").
	BasePath string
	// ClientBuffer is how many events a browser may lag behind before it
	// is dropped (default 16).
	ClientBuffer int
}

// Server serves the current Site and tells browsers when it changes.
type Server struct {
	log  *slog.Logger
	base string
	hub  *Hub
	live *entry

	site atomic.Pointer[Site]

	mu     sync.Mutex // serializes Publish and SetError; guards failed
	failed *Event     // the build-error event while the last build failed
}

// New makes a server with no site yet: until the first Publish it answers
// with a "building" page that reloads itself.
func New(opts Options) *Server {
	s := &Server{
		log:  opts.Logger,
		base: cleanBase(opts.BasePath),
		hub:  NewHub(orDefault(opts.ClientBuffer, 16)),
		live: newEntry("live.js", liveJS),
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	return s
}

func orDefault(v, def int) int {
	if v > 0 {
		return v
	}
	return def
}

func cleanBase(b string) string {
	b = strings.Trim(b, "/")
	if b == "" {
		return "/"
	}
	return "/" + b + "/"
}

// Hub is the server's event hub (for tests and extra notifications).
func (s *Server) Hub() *Hub { return s.hub }

// Site is the snapshot being served, or nil before the first Publish.
func (s *Server) Site() *Site { return s.site.Load() }

// Publish makes files the served site, clears a build error, and tells
// browsers what changed: "css" when only stylesheets did, else "reload"
// with the changed page paths ("*" when a script, image or font changed, or
// on the first publish). It keeps the Data slices: do not modify them after.
func (s *Server) Publish(files []output.File) Changes {
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.site.Load()
	cur := newSite(files, old)
	s.site.Store(cur)

	wasFailing := s.failed != nil
	s.failed = nil
	if wasFailing {
		s.hub.Broadcast(Event{Name: "ok", Data: "{}"})
	}
	if old == nil {
		s.broadcast("reload", reloadMsg{Build: cur.id, Paths: []string{"*"}})
		return Changes{Pages: []string{"*"}}
	}
	c := changes(old, cur, s.base)
	switch {
	case c.Empty():
	case c.CSSOnly():
		s.broadcast("css", reloadMsg{Build: cur.id, CSS: c.CSS})
	default:
		paths := c.Pages
		if reloadsAll(c.Other) {
			paths = append([]string{"*"}, paths...)
		}
		if len(paths) > 0 || len(c.CSS) > 0 {
			s.broadcast("reload", reloadMsg{Build: cur.id, Paths: paths, CSS: c.CSS})
		}
	}
	return c
}

// Patch replaces the given files of the served site and leaves the rest,
// for an early render of an edit that the next Publish confirms. Browsers
// showing a changed page reload it. Before the first Publish it does
// nothing. It keeps the Data slices: do not modify them after.
func (s *Server) Patch(files []output.File) Changes {
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.site.Load()
	if old == nil {
		return Changes{}
	}
	cur := old.with(files)
	s.site.Store(cur)
	c := changes(old, cur, s.base)
	if len(c.Pages) > 0 || len(c.CSS) > 0 {
		s.broadcast("reload", reloadMsg{Build: cur.id, Paths: c.Pages, CSS: c.CSS})
	}
	return c
}

// SetError records that the last build failed, keeps serving the last good
// site, and shows msg in every open page until the next Publish. msg is
// read one problem a line, in diag's "file:line:col: error: text" form.
func (s *Server) SetError(msg string) {
	data, _ := json.Marshal(errorMsg{Problems: ParseProblems(msg), Text: msg})
	ev := Event{Name: "build-error", Data: string(data)}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failed = &ev
	s.hub.Broadcast(ev)
}

// errorState returns the build-error event, if the last build failed.
func (s *Server) errorState() *Event {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.failed
}

type reloadMsg struct {
	Build string   `json:"build"`
	Paths []string `json:"paths,omitempty"`
	CSS   []string `json:"css,omitempty"`
}

type errorMsg struct {
	Problems []Problem `json:"problems"`
	Text     string    `json:"text"`
}

func (s *Server) broadcast(name string, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		s.log.Error("serve: encode event", "event", name, "err", err)
		return
	}
	if n := s.hub.Broadcast(Event{Name: name, Data: string(data)}); n > 0 {
		s.log.Debug("serve: dropped slow live-reload clients", "count", n)
	}
}

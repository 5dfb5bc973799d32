package serve

import (
	"encoding/json"
	"io"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"playbook/generator/output"
)

// TestPatch: an early render replaces only its files, reloads only its
// pages, and the build that confirms it changes nothing more.
func TestPatch(t *testing.T) {
	base := testSite()
	s := New(Options{})
	if c := s.Patch(base); !c.Empty() {
		t.Fatalf("a patch before the first publish changed %+v", c)
	}
	s.Publish(base)
	sub := s.Hub().Subscribe()
	defer sub.Close()

	early := []output.File{{Path: "a/b/index.html", Data: []byte("<body>neu</body>")}}
	c := s.Patch(early)
	if !slices.Equal(c.Pages, []string{"/a/b/"}) || len(c.Other)+len(c.CSS) > 0 {
		t.Fatalf("patch changes = %+v", c)
	}
	ev := <-sub.Events()
	var rm reloadMsg
	json.Unmarshal([]byte(ev.Data), &rm)
	if ev.Name != "reload" || !slices.Equal(rm.Paths, []string{"/a/b/"}) || rm.Build != s.Site().ID() {
		t.Fatalf("event %s %+v", ev.Name, rm)
	}
	if s.Site().Len() != len(base) {
		t.Fatalf("%d files served after the patch, want %d", s.Site().Len(), len(base))
	}
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/a/b/", nil))
	if body, _ := io.ReadAll(rec.Body); !strings.Contains(string(body), "neu") {
		t.Fatalf("patched page not served: %q", body)
	}

	// The build confirming the early render: same bytes, no reload, and
	// the same ID as if the build had been published alone.
	full := withChange(base, "a/b/index.html", "<body>neu</body>")
	if c := s.Publish(full); !c.Empty() {
		t.Fatalf("the confirming build changed %+v", c)
	}
	alone := New(Options{})
	alone.Publish(full)
	if alone.Site().ID() != s.Site().ID() {
		t.Fatal("patched and published site differ in ID from the same site published at once")
	}
	select {
	case ev := <-sub.Events():
		t.Fatalf("unexpected event %s after the confirming build", ev.Name)
	default:
	}
}

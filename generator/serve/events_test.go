package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"playbook/generator/output"
)

// streamRecorder is a flushable ResponseWriter for event streams. When gate
// is set, every Write waits for it, like a browser that stopped reading.
type streamRecorder struct {
	mu     sync.Mutex
	header http.Header
	buf    bytes.Buffer
	code   int
	gate   chan struct{}
}

func newStreamRecorder() *streamRecorder { return &streamRecorder{header: make(http.Header)} }

func (r *streamRecorder) Header() http.Header { return r.header }
func (r *streamRecorder) WriteHeader(code int) {
	r.mu.Lock()
	r.code = code
	r.mu.Unlock()
}
func (r *streamRecorder) Write(p []byte) (int, error) {
	if r.gate != nil {
		<-r.gate
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.buf.Write(p)
}
func (r *streamRecorder) Flush() {}

// take returns the events written since the last call, and whether a ping
// comment was among them.
func (r *streamRecorder) take() (evs []Event, pinged bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for block := range strings.SplitSeq(r.buf.String(), "\n\n") {
		var ev Event
		for line := range strings.SplitSeq(block, "\n") {
			switch {
			case strings.HasPrefix(line, "event: "):
				ev.Name = line[len("event: "):]
			case strings.HasPrefix(line, "data: "):
				ev.Data = line[len("data: "):]
			case line == ": ping":
				pinged = true
			}
		}
		if ev.Name != "" {
			evs = append(evs, ev)
		}
	}
	r.buf.Reset()
	return evs, pinged
}

func names(evs []Event) []string {
	var out []string
	for _, e := range evs {
		out = append(out, e.Name)
	}
	return out
}

// connect runs the event stream handler in the bubble until the test ends.
func connect(t *testing.T, s *Server, rec *streamRecorder) (done <-chan struct{}, cancel func()) {
	ctx, cancel := context.WithCancel(t.Context())
	req := httptest.NewRequest("GET", eventsPath, nil).WithContext(ctx)
	ch := make(chan struct{})
	go func() {
		s.Handler().ServeHTTP(rec, req)
		close(ch)
	}()
	return ch, cancel
}

func withChange(files []output.File, path, data string) []output.File {
	out := slices.Clone(files)
	for i := range out {
		if out[i].Path == path {
			out[i].Data = []byte(data)
			return out
		}
	}
	return append(out, output.File{Path: path, Data: []byte(data)})
}

func TestEventStream(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := New(Options{})
		files := testSite()
		s.Publish(files)
		rec := newStreamRecorder()
		done, cancel := connect(t, s, rec)
		synctest.Wait()
		evs, _ := rec.take()
		if got := names(evs); !slices.Equal(got, []string{"hello", "ok"}) {
			t.Fatalf("on connect: %v", got)
		}
		if rec.code != 200 || rec.header.Get("Content-Type") != "text/event-stream" {
			t.Fatalf("response %d %q", rec.code, rec.header.Get("Content-Type"))
		}
		var hello reloadMsg
		json.Unmarshal([]byte(evs[0].Data), &hello)
		if hello.Build != s.Site().ID() || hello.Build == "" {
			t.Fatalf("hello build %q, site %q", hello.Build, s.Site().ID())
		}

		s.SetError("content/a.md:3:7: error: unknown key <b>x</b>\nsecond line")
		synctest.Wait()
		evs, _ = rec.take()
		if len(evs) != 1 || evs[0].Name != "build-error" {
			t.Fatalf("after SetError: %v", evs)
		}
		var em errorMsg
		if err := json.Unmarshal([]byte(evs[0].Data), &em); err != nil {
			t.Fatal(err)
		}
		want := []Problem{{File: "content/a.md", Line: 3, Col: 7, Severity: "error", Msg: "unknown key <b>x</b>"},
			{Severity: "error", Msg: "second line"}}
		if !slices.Equal(em.Problems, want) {
			t.Fatalf("problems = %+v", em.Problems)
		}

		files = withChange(files, "a/index.html", "<body>new a</body>")
		s.Publish(files)
		synctest.Wait()
		evs, _ = rec.take()
		if got := names(evs); !slices.Equal(got, []string{"ok", "reload"}) {
			t.Fatalf("after fixing publish: %v", got)
		}
		var rm reloadMsg
		json.Unmarshal([]byte(evs[1].Data), &rm)
		if !slices.Equal(rm.Paths, []string{"/a/"}) || rm.Build != s.Site().ID() {
			t.Fatalf("reload = %+v", rm)
		}

		s.Publish(withChange(files, "style.css", "body{color:blue}"))
		synctest.Wait()
		evs, _ = rec.take()
		if got := names(evs); !slices.Equal(got, []string{"css"}) {
			t.Fatalf("after CSS change: %v", got)
		}

		synctest.Wait()
		if _, pinged := rec.take(); pinged {
			t.Fatal("ping before the interval")
		}
		time.Sleep(pingEvery)
		synctest.Wait()
		if _, pinged := rec.take(); !pinged {
			t.Fatal("no ping after the interval")
		}
		cancel()
		<-done
		if n := s.Hub().Len(); n != 0 {
			t.Fatalf("%d subscribers left after disconnect", n)
		}
	})
}

func TestErrorSentOnConnect(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := New(Options{})
		s.Publish(testSite())
		s.SetError("boom")
		rec := newStreamRecorder()
		_, cancel := connect(t, s, rec)
		defer cancel()
		synctest.Wait()
		evs, _ := rec.take()
		if got := names(evs); !slices.Equal(got, []string{"hello", "build-error"}) {
			t.Fatalf("on connect: %v", got)
		}
		if !strings.Contains(evs[1].Data, `"msg":"boom"`) {
			t.Fatalf("error data %s", evs[1].Data)
		}
	})
}

func TestSlowClientDropped(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := New(Options{ClientBuffer: 4})
		s.Publish(testSite())
		slow := newStreamRecorder()
		slow.gate = make(chan struct{})
		slowDone, cancel := connect(t, s, slow)
		defer cancel()
		fast := newStreamRecorder()
		_, cancelFast := connect(t, s, fast)
		defer cancelFast()
		synctest.Wait() // slow is stuck writing its hello; fast is idle
		files := testSite()
		for i := range 10 {
			files = withChange(files, "a/index.html", fmt.Sprintf("<body>%d</body>", i))
			s.Publish(files)
			synctest.Wait()
		}
		if n := s.Hub().Len(); n != 1 {
			t.Fatalf("%d subscribers, want the slow one dropped", n)
		}
		evs, _ := fast.take()
		if got := names(evs); len(got) != 12 { // hello, ok, 10 reloads
			t.Fatalf("fast client got %d events: %v", len(got), got)
		}
		close(slow.gate) // the slow browser reads again: its stream ends
		<-slowDone
	})
}

func TestHubFanOut(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := NewHub(8)
		var wg sync.WaitGroup
		got := make([][]string, 3)
		for i := range got {
			sub := h.Subscribe()
			wg.Go(func() {
				for ev := range sub.Events() {
					got[i] = append(got[i], ev.Data)
				}
			})
		}
		var want []string
		for i := range 100 {
			d := fmt.Sprint(i)
			want = append(want, d)
			if n := h.Broadcast(Event{Name: "x", Data: d}); n != 0 {
				t.Fatalf("dropped %d readers that keep up", n)
			}
			synctest.Wait()
		}
		// A subscriber that never reads is dropped once its buffer is full.
		lazy := h.Subscribe()
		for i := range 9 {
			h.Broadcast(Event{Name: "y", Data: fmt.Sprint(i)})
			synctest.Wait()
		}
		var buffered int
		for range lazy.Events() {
			buffered++
		}
		if buffered != 8 {
			t.Fatalf("lazy subscriber got %d events before the drop, want 8", buffered)
		}
		lazy.Close() // after a drop: harmless
		for _, sub := range h.snapshot() {
			sub.Close()
		}
		wg.Wait()
		for i := range got {
			if !slices.Equal(got[i][:100], want) || len(got[i]) != 109 {
				t.Fatalf("subscriber %d got %d events", i, len(got[i]))
			}
		}
	})
}

func TestPublishChanges(t *testing.T) {
	base := testSite()
	tests := []struct {
		name   string
		files  []output.File
		event  string // "" = none
		pages  []string
		css    []string
		others []string
		paths  []string // reload paths sent
	}{
		{"unchanged", base, "", nil, nil, nil, nil},
		{"page", withChange(base, "a/b/index.html", "<body>x</body>"), "reload", []string{"/a/b/"}, nil, nil, []string{"/a/b/"}},
		{"home", withChange(base, "index.html", "x"), "reload", []string{"/"}, nil, nil, []string{"/"}},
		{"css only", withChange(base, "style.css", "x"), "css", nil, []string{"/style.css"}, nil, nil},
		{"page and css", withChange(withChange(base, "style.css", "x"), "plain.html", "y"), "reload", []string{"/plain.html"}, []string{"/style.css"}, nil, []string{"/plain.html"}},
		{"new page", withChange(base, "neu/index.html", "x"), "reload", []string{"/neu/"}, nil, nil, []string{"/neu/"}},
		{"removed page", base[1:], "reload", []string{"/"}, nil, nil, []string{"/"}},
		{"search index only", withChange(base, "search.json", "{}"), "", nil, nil, []string{"/search.json"}, nil},
		{"image", withChange(base, "logo.png", "x"), "reload", nil, nil, []string{"/logo.png"}, []string{"*"}},
		{"script and page", withChange(withChange(base, "app.js", "x"), "a/index.html", "y"), "reload", []string{"/a/"}, nil, []string{"/app.js"}, []string{"*", "/a/"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := New(Options{})
			s.Publish(base)
			sub := s.Hub().Subscribe()
			defer sub.Close()
			c := s.Publish(tt.files)
			if !slices.Equal(c.Pages, tt.pages) || !slices.Equal(c.CSS, tt.css) || !slices.Equal(c.Other, tt.others) {
				t.Fatalf("changes = %+v", c)
			}
			var ev Event
			select {
			case ev = <-sub.Events():
			default:
			}
			if ev.Name != tt.event {
				t.Fatalf("event %q, want %q", ev.Name, tt.event)
			}
			if ev.Name == "reload" {
				var rm reloadMsg
				json.Unmarshal([]byte(ev.Data), &rm)
				if !slices.Equal(rm.Paths, tt.paths) || !slices.Equal(rm.CSS, tt.css) {
					t.Fatalf("reload = %+v", rm)
				}
			}
		})
	}
}

func TestPublishUnderBasePath(t *testing.T) {
	s := New(Options{BasePath: "/hb/"})
	s.Publish(testSite())
	c := s.Publish(withChange(withChange(testSite(), "index.html", "x"), "a/b/index.html", "y"))
	if want := []string{"/hb/", "/hb/a/b/"}; !slices.Equal(c.Pages, want) {
		t.Fatalf("pages = %v, want %v", c.Pages, want)
	}
}

func TestSiteIDStable(t *testing.T) {
	a, b := New(Options{}), New(Options{})
	a.Publish(testSite())
	files := testSite()
	slices.Reverse(files)
	b.Publish(files)
	if a.Site().ID() != b.Site().ID() {
		t.Fatal("same content, different build ids")
	}
	b.Publish(withChange(files, "index.html", "x"))
	if a.Site().ID() == b.Site().ID() {
		t.Fatal("different content, same build id")
	}
}

// snapshot lists the current subscribers.
func (h *Hub) snapshot() []*Sub {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []*Sub
	for s := range h.subs {
		out = append(out, s)
	}
	return out
}

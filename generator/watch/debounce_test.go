package watch

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"testing/synctest"
	"time"
)

const window = 30 * time.Millisecond

// startDebounce runs debounce in the synctest bubble; the caller owns in.
func startDebounce(t *testing.T) (chan<- Change, <-chan []Change) {
	t.Helper()
	in := make(chan Change)
	out := make(chan []Change)
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan struct{})
	go func() {
		debounce(ctx, in, out, window, 20*window)
		close(done)
	}()
	t.Cleanup(func() { cancel(); <-done })
	return in, out
}

// poll returns the batch waiting on out, or nil when none is ready.
func poll(out <-chan []Change) []Change {
	synctest.Wait()
	select {
	case b := <-out:
		return b
	default:
		return nil
	}
}

func TestDebounceBurstIsOneSortedBatch(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		in, out := startDebounce(t)
		for i := range 500 {
			in <- Change{Path: fmt.Sprintf("/p/%03d", (i*7)%100), Op: Write}
			if i%50 == 0 {
				time.Sleep(window / 2) // gaps shorter than the window
			}
		}
		time.Sleep(window - time.Millisecond)
		if b := poll(out); b != nil {
			t.Fatalf("batch sent before the window closed: %d changes", len(b))
		}
		time.Sleep(time.Millisecond)
		b := poll(out)
		if len(b) != 100 {
			t.Fatalf("batch has %d changes, want 100 distinct paths", len(b))
		}
		if !slices.IsSortedFunc(b, func(x, y Change) int { return compare(x.Path, y.Path) }) {
			t.Fatal("batch not sorted")
		}
		time.Sleep(10 * window)
		if b := poll(out); b != nil {
			t.Fatalf("unexpected second batch: %v", b)
		}
	})
}

func compare(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func TestDebounceSeparateBursts(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		in, out := startDebounce(t)
		in <- Change{Path: "/a", Op: Write}
		time.Sleep(2 * window)
		if b := poll(out); len(b) != 1 || b[0].Path != "/a" {
			t.Fatalf("first batch = %v", b)
		}
		in <- Change{Path: "/b", Op: Write}
		time.Sleep(2 * window)
		if b := poll(out); len(b) != 1 || b[0].Path != "/b" {
			t.Fatalf("second batch = %v", b)
		}
	})
}

func TestDebounceMaxWaitUnderSteadyStream(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		in, out := startDebounce(t)
		start := time.Now()
		var batches int
		for i := 0; time.Since(start) < 50*window; i++ {
			in <- Change{Path: fmt.Sprintf("/s/%d", i), Op: Create}
			time.Sleep(window / 3) // never quiet for a full window
			if b := poll(out); b != nil {
				batches++
			}
		}
		// 50 windows of traffic with a 20-window cap: 2 flushes, not 0.
		if batches != 2 {
			t.Fatalf("got %d batches under a steady stream, want 2", batches)
		}
	})
}

func TestDebounceBusyReceiverMerges(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		in, out := startDebounce(t)
		in <- Change{Path: "/a", Op: Create}
		time.Sleep(5 * window) // batch ready, nobody receiving: "building"
		in <- Change{Path: "/a", Op: Write}
		in <- Change{Path: "/b", Op: Remove}
		time.Sleep(5 * window)
		b := poll(out)
		want := []Change{{"/a", Create}, {"/b", Remove}}
		if !slices.Equal(b, want) {
			t.Fatalf("batch = %v, want %v", b, want)
		}
		if b := poll(out); b != nil {
			t.Fatalf("leftover batch %v", b)
		}
	})
}

func TestMerge(t *testing.T) {
	tests := []struct{ prev, next, want Op }{
		{0, Write, Write},
		{Create, Write, Create},
		{Write, Write, Write},
		{Create, Remove, Remove},
		{Remove, Create, Write},
		{Rename, Create, Write},
		{Write, Rename, Rename},
	}
	for _, tt := range tests {
		if got := merge(tt.prev, tt.next); got != tt.want {
			t.Errorf("merge(%v, %v) = %v, want %v", tt.prev, tt.next, got, tt.want)
		}
	}
}

func TestEditorTemp(t *testing.T) {
	for name, want := range map[string]bool{
		"a.md": false, "playbook.toml": false, "4913": true, "a.md~": true, ".a.md.swp": true,
		"a.md.swx": true, "a.tmp": true, "#a.md#": true, ".#a.md": true, "#": false,
		"a.md___jb_tmp___": true, "a.md___jb_old___": true, "tmp.md": false,
	} {
		if got := editorTemp(name); got != want {
			t.Errorf("editorTemp(%q) = %v, want %v", name, got, want)
		}
	}
}

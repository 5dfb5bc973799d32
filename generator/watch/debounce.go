package watch

import (
	"context"
	"slices"
	"strings"
	"time"
)

// debounce collects changes from in and sends them to out as one batch once
// no change arrived for window, or at the latest maxWait after the first one.
// While out is not ready, later changes join the waiting batch. It returns
// when ctx ends or in is closed (after a last flush attempt bounded by ctx).
func debounce(ctx context.Context, in <-chan Change, out chan<- []Change, window, maxWait time.Duration) {
	pending := make(map[string]Op)
	timer := time.NewTimer(window)
	timer.Stop()
	var (
		first time.Time // arrival of the oldest pending change
		ready bool      // quiet period over: offer the batch
		batch []Change  // built lazily from pending when ready
	)
	for {
		var sendc chan<- []Change
		if ready {
			if batch == nil {
				batch = sorted(pending)
			}
			sendc = out
		}
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case c, ok := <-in:
			if !ok {
				timer.Stop()
				if len(pending) > 0 {
					select {
					case out <- sorted(pending):
					case <-ctx.Done():
					}
				}
				return
			}
			if len(pending) == 0 {
				first = time.Now()
			}
			pending[c.Path] = merge(pending[c.Path], c.Op)
			if ready {
				batch = nil // rebuild with the newcomer
				continue
			}
			wait := window
			if left := maxWait - time.Since(first); left < wait {
				wait = max(left, 0)
			}
			timer.Reset(wait)
		case <-timer.C:
			ready = true
		case sendc <- batch:
			clear(pending)
			ready, batch = false, nil
		}
	}
}

// merge combines the pending op for a path with a newer one.
func merge(prev, next Op) Op {
	switch {
	case prev == 0:
		return next
	case prev == Create && next == Write:
		return Create // still new
	case (prev == Remove || prev == Rename) && (next == Create || next == Write):
		return Write // replaced in place, e.g. an atomic save
	}
	return next
}

func sorted(pending map[string]Op) []Change {
	out := make([]Change, 0, len(pending))
	for p, op := range pending {
		out = append(out, Change{Path: p, Op: op})
	}
	slices.SortFunc(out, func(a, b Change) int { return strings.Compare(a.Path, b.Path) })
	return out
}

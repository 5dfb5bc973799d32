package browsertest

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Eval runs js in the page and returns its value; an error fails the test.
func Eval[T any](t testing.TB, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("eval %s: %v", js, err)
	}
	return v
}

// Until polls the boolean expression js every 10 ms until it holds, and
// fails the test after limit, naming what it waited for and what the page
// shows. Errors while polling (a page mid-navigation) only mean "not yet".
func Until(t testing.TB, ctx context.Context, what, js string, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			state, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href + " " + (document.body ? document.body.innerText.slice(0, 200) : "")`))
			t.Fatalf("timed out waiting for %s (%s): %v; page: %s", what, js, err, state)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

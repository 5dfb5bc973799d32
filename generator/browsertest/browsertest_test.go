package browsertest

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

func TestSmoke(t *testing.T) {
	url := Serve(t, Files{"index.html": []byte("<!doctype html><title>Hallo</title><p id=x>ok</p>")}, nil)
	ctx := New(t, 30*time.Second)
	if err := chromedp.Do(ctx, chromedp.Navigate(url+"/")); err != nil {
		t.Fatal(err)
	}
	title, err := chromedp.Run(ctx, chromedp.Title())
	if err != nil || title != "Hallo" {
		t.Fatalf("title %q, %v", title, err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string]("document.getElementById('x').textContent"))
	if err != nil || got != "ok" {
		t.Fatalf("eval %q %v", got, err)
	}
}

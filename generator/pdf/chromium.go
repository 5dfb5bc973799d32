// Package pdf prints a page or workshop handout of a built site to PDF
// through a local headless Chromium: the site is served from memory on
// 127.0.0.1, the browser loads the page (so the theme's print stylesheet and
// scripts apply exactly as in a reader's browser) and prints it with
// Page.printToPDF on the chosen paper.
package pdf

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/chromedp/chromedp"

	"playbook/generator/chromium"
)

// ErrNoChromium means no browser was found; its text tells the user what to do.
var ErrNoChromium = errors.New("no Chromium found: install chromium (apt-get install chromium) or set PLAYBOOK_CHROMIUM=/path")

// FindChromium returns the browser to run. override (PLAYBOOK_CHROMIUM) wins
// when set and must name an executable file or a command on PATH; otherwise
// the first of the usual names on PATH is used.
func FindChromium(override string) (string, error) {
	if override != "" {
		if p, err := exec.LookPath(override); err == nil {
			return p, nil
		}
		if fi, err := os.Stat(override); err != nil || fi.IsDir() {
			return "", fmt.Errorf("PLAYBOOK_CHROMIUM=%s is not a program: %w", override, ErrNoChromium)
		}
		return "", fmt.Errorf("PLAYBOOK_CHROMIUM=%s is not executable: %w", override, ErrNoChromium)
	}
	if p := chromium.Find(); p != "" {
		return p, nil
	}
	return "", ErrNoChromium
}

// Paper is a sheet size accepted by --paper.
type Paper string

// The supported paper sizes: A4 in Germany, Letter in North America.
const (
	A4     Paper = "a4"
	Letter Paper = "letter"
)

// ParsePaper reads a --paper value; case does not matter.
func ParsePaper(s string) (Paper, error) {
	switch p := Paper(strings.ToLower(strings.TrimSpace(s))); p {
	case A4, Letter:
		return p, nil
	}
	return "", fmt.Errorf("unknown paper %q: use a4 or letter", s)
}

// DefaultPaper is the paper readers of a playbook in lang most likely use:
// A4 for German, Letter otherwise.
func DefaultPaper(lang string) Paper {
	if strings.HasPrefix(strings.ToLower(lang), "de") {
		return A4
	}
	return Letter
}

// size is the sheet in inches, portrait.
func (p Paper) size() (w, h float64) {
	if p == Letter {
		return 8.5, 11
	}
	return 210 / 25.4, 297 / 25.4
}

// String is the name users know.
func (p Paper) String() string {
	if p == Letter {
		return "Letter"
	}
	return "A4"
}

// Options say how to print.
type Options struct {
	// Chromium is the browser executable (see FindChromium).
	Chromium string
	Paper    Paper
	// Timeout bounds the whole print, browser start included; 0 means one minute.
	Timeout time.Duration
}

// PrintURL starts a headless Chromium, loads url and prints it. The browser
// and its temporary profile are gone when it returns.
func PrintURL(ctx context.Context, url string, opt Options) ([]byte, error) {
	if opt.Chromium == "" {
		return nil, ErrNoChromium
	}
	timeout := opt.Timeout
	if timeout <= 0 {
		timeout = time.Minute
	}
	profile, err := os.MkdirTemp("", "playbook-print-")
	if err != nil {
		return nil, fmt.Errorf("make a browser profile: %w", err)
	}
	defer os.RemoveAll(profile)

	ctx, cancelTimeout := context.WithTimeout(ctx, timeout)
	defer cancelTimeout()
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, append(chromium.Flags(), chromedp.ExecPath(opt.Chromium), chromedp.UserDataDir(profile))...)
	defer cancelAlloc()
	tab, cancelTab := chromedp.NewContext(actx)
	defer cancelTab()

	if err := chromedp.Do(tab, chromedp.Navigate(url)); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("chromium did not load %s within %s: %w", url, timeout, ctx.Err())
		}
		return nil, fmt.Errorf("chromium (%s): load %s: %w", opt.Chromium, url, err)
	}
	data, err := PrintTab(tab, opt.Paper)
	if err != nil {
		return nil, fmt.Errorf("chromium (%s): %w", opt.Chromium, err)
	}
	return data, nil
}

// PrintTab prints the page loaded in a chromedp tab context on paper. Tests
// use it to print a page after changing its state (ticks in localStorage).
// The margins come from the theme's @page rule; the browser's own header and
// footer stay off, since the theme prints its own.
func PrintTab(tab context.Context, paper Paper) ([]byte, error) {
	// Fonts may still load after the load event; printing waits for them.
	if _, err := chromedp.Run(tab, chromedp.Evaluate[bool]("document.fonts.ready.then(() => true)", chromedp.EvalAwaitPromise)); err != nil {
		return nil, fmt.Errorf("wait for fonts: %w", err)
	}
	w, h := paper.size()
	data, err := chromedp.Run(tab, chromedp.PrintToPDF(
		chromedp.PDFPaper(chromedp.PaperSize{Width: w, Height: h}),
		chromedp.PDFOutlineAndTagged(),
		chromedp.PDFStream(),
	))
	if err != nil {
		return nil, fmt.Errorf("print to PDF: %w", err)
	}
	return data, nil
}

// Package chromium finds a local Chromium and names the switches every
// headless run of it uses (playbook print, the browser tests).
package chromium

import (
	"os/exec"

	"github.com/chromedp/chromedp"
)

// names are the programs looked up on PATH, most likely first.
var names = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"}

// Find returns the first Chromium on PATH, or "".
func Find() string {
	for _, name := range names {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Flags are the switches for a headless, quiet, throwaway browser: no
// sandbox (containers and CI run as root), no first-run, update or other
// background traffic (a closed network refuses it, many at a time).
func Flags() []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Headless,
		chromedp.DisableGPU,
		chromedp.NoSandbox,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-dev-shm-usage", true),
	}
}

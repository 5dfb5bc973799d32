//go:build race

package search

// raceEnabled lets the biggest tests shrink under the race detector, which
// slows this code about tenfold and adds nothing to a single-threaded check.
const raceEnabled = true

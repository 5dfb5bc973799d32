//go:build race

package markdown

// slowdown scales time budgets in tests: the race detector slows code ~10x.
const slowdown = 10

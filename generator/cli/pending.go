package cli

import (
	"context"
	"fmt"
)

func runServe(ctx context.Context, e env, args []string) int  { return pending(e, "serve") }
func runSearch(ctx context.Context, e env, args []string) int { return pending(e, "search") }
func runPrint(ctx context.Context, e env, args []string) int  { return pending(e, "print") }

func pending(e env, name string) int {
	fmt.Fprintf(e.stderr, "playbook %s: not wired yet\n", name)
	return exitUsage
}

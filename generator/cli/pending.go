package cli

import (
	"context"
	"fmt"
)

func runSearch(ctx context.Context, e env, args []string) int { return pending(e, "search") }

func pending(e env, name string) int {
	fmt.Fprintf(e.stderr, "playbook %s: not wired yet\n", name)
	return exitUsage
}

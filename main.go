// Command playbook compiles a Markdown sales playbook into a static site.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"playbook/generator/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(code)
}

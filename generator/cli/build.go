package cli

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"playbook/generator/build"
	"playbook/generator/output"
)

func runBuild(ctx context.Context, e env, args []string) int {
	fs := flags(e, "build")
	out := fs.String("o", "", "output folder (default: DIR/<output from playbook.toml>, usually DIR/public)")
	drafts := fs.Bool("drafts", false, "include pages marked draft")
	quiet := fs.Bool("q", false, "print only problems")
	pos, code, ok := parse(fs, args, 0, 1)
	if !ok {
		return code
	}
	dir := "."
	if len(pos) == 1 {
		dir = pos[0]
	}
	res, err := build.New().Build(ctx, build.Input{Dir: dir, Drafts: *drafts, Now: now(e)})
	if err != nil {
		return report(e.stderr, err)
	}
	printWarnings(e.stderr, res.Warnings)
	for _, n := range res.Notes {
		fmt.Fprintln(e.stderr, "note: "+n)
	}
	target := *out
	if target == "" {
		target = res.Config.Output
		if !filepath.IsAbs(target) {
			target = filepath.Join(dir, target)
		}
	}
	start := time.Now()
	st, err := output.Write(ctx, target, res.Files)
	if err != nil {
		fmt.Fprintf(e.stderr, "playbook build: %v\n", err)
		return exitContent
	}
	if !*quiet {
		fmt.Fprintf(e.stdout, "built %d pages into %s in %s (%d files written, %d unchanged, %d removed; write %s)\n",
			res.Stats.Pages, target, res.Stats.Duration.Round(time.Millisecond), st.Written, st.Unchanged, st.Removed,
			time.Since(start).Round(time.Millisecond))
	}
	return exitOK
}

// now is the build date: today, or PLAYBOOK_NOW (YYYY-MM-DD) so tests and
// reproducible builds do not depend on the calendar.
func now(e env) time.Time {
	if v := e.getenv("PLAYBOOK_NOW"); v != "" {
		if t, err := time.Parse("2006-01-02", v); err == nil {
			return t
		}
	}
	return time.Now()
}

package cli

import (
	"context"
	"errors"
	"fmt"
	"path"
	"path/filepath"

	"playbook/generator/build"
	"playbook/generator/diag"
)

func runCheck(ctx context.Context, e env, args []string) int {
	fs := flags(e, "check")
	format := fs.String("format", "text", "output format: text (path:line:col: severity: message), json, github (workflow annotations) or gitlab (Code Quality report)")
	strict := fs.Bool("strict", false, "exit 1 on warnings too")
	drafts := fs.Bool("drafts", false, "check pages marked draft too")
	quiet := fs.Bool("q", false, "no summary line")
	pos, code, ok := parse(fs, args, 0, 1)
	if !ok {
		return code
	}
	write, known := checkFormats[*format]
	if !known {
		fmt.Fprintf(e.stderr, "playbook check: --format must be text, json, github or gitlab, not %q\n", *format)
		return exitUsage
	}
	dir := "."
	if len(pos) == 1 {
		dir = pos[0]
	}
	var list diag.List
	pages := 0
	res, err := build.New().Build(ctx, build.Input{Dir: dir, Drafts: *drafts, NoRender: true, Now: now(e)})
	switch {
	case err == nil:
		list = res.Warnings
		pages = res.Stats.Pages
	case errors.As(err, &list):
	default:
		list = diag.List{diag.Errorf(diag.Pos{}, "%v", err)}
	}
	list.Sort()
	if dir != "." && dir != "" {
		// Name files from where check runs, as compilers do, so that
		// editors and CI annotations find them.
		for i := range list {
			if f := list[i].Pos.File; f != "" {
				list[i].Pos.File = path.Join(filepath.ToSlash(dir), f)
			}
		}
	}
	if err := write(e.stdout, list); err != nil {
		fmt.Fprintf(e.stderr, "playbook check: %v\n", err)
		return exitContent
	}
	// The summary goes to stderr so that stdout holds only the problems,
	// in the chosen format, for whatever reads it.
	nerr, nwarn := len(list.Errors()), len(list.Warnings())
	switch {
	case *quiet:
	case nerr == 0 && nwarn == 0:
		fmt.Fprintf(e.stderr, "%d pages checked, no problems\n", pages)
	default:
		fmt.Fprintf(e.stderr, "%d %s, %d %s\n", nerr, plural(nerr, "error", "errors"), nwarn, plural(nwarn, "warning", "warnings"))
	}
	if nerr > 0 || (*strict && nwarn > 0) {
		return exitContent
	}
	return exitOK
}

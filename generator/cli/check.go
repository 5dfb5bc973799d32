package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"playbook/generator/build"
	"playbook/generator/diag"
)

func runCheck(ctx context.Context, e env, args []string) int {
	fs := flags(e, "check")
	format := fs.String("format", "text", "output format: text (path:line:col: severity: message) or json")
	strict := fs.Bool("strict", false, "exit 1 on warnings too")
	drafts := fs.Bool("drafts", false, "check pages marked draft too")
	quiet := fs.Bool("q", false, "no summary line")
	pos, code, ok := parse(fs, args, 0, 1)
	if !ok {
		return code
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(e.stderr, "playbook check: --format must be text or json, not %q\n", *format)
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
	if *format == "json" {
		type item struct {
			File     string `json:"file"`
			Line     int    `json:"line,omitempty"`
			Col      int    `json:"column,omitempty"`
			Severity string `json:"severity"`
			Message  string `json:"message"`
		}
		items := make([]item, 0, len(list))
		for _, d := range list {
			items = append(items, item{d.Pos.File, d.Pos.Line, d.Pos.Col, d.Severity.String(), d.Msg})
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(items); err != nil {
			return exitContent
		}
	} else {
		for _, d := range list {
			fmt.Fprintln(e.stdout, d.Error())
		}
		nerr, nwarn := len(list.Errors()), len(list.Warnings())
		if *quiet {
			// problems only
		} else if nerr == 0 && nwarn == 0 {
			fmt.Fprintf(e.stderr, "%d pages checked, no problems\n", pages)
		} else {
			fmt.Fprintf(e.stderr, "%d %s, %d %s\n", nerr, plural(nerr, "error", "errors"), nwarn, plural(nwarn, "warning", "warnings"))
		}
	}
	if list.HasErrors() || (*strict && len(list) > 0) {
		return exitContent
	}
	return exitOK
}

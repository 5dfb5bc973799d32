package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"playbook/generator/config"
	"playbook/generator/page"
	"playbook/generator/scaffold"
)

func runNew(_ context.Context, e env, args []string) int {
	fs := flags(e, "new")
	dir := fs.String("dir", ".", "the playbook folder (holding playbook.toml)")
	pos, code, ok := parse(fs, args, 2, 2)
	if !ok {
		return code
	}
	kind, known := page.ParseKind(pos[0])
	if !known {
		var names []string
		for _, k := range page.Kinds {
			names = append(names, string(k))
		}
		fmt.Fprintf(e.stderr, "playbook new: unknown kind %q: use one of %s\n", pos[0], strings.Join(names, ", "))
		return exitUsage
	}
	title := strings.TrimSpace(pos[1])
	if title == "" {
		fmt.Fprintln(e.stderr, "playbook new: the title must not be empty")
		return exitUsage
	}
	lang := "de"
	if data, err := os.ReadFile(filepath.Join(*dir, config.FileName)); err == nil {
		if cfg, err := config.Parse(config.FileName, data); err == nil {
			lang = cfg.Language
		}
	} else {
		fmt.Fprintf(e.stderr, "playbook new: no %s in %s: run it inside a playbook or pass --dir\n", config.FileName, *dir)
		return exitContent
	}
	data, err := scaffold.Page(kind, title, lang, time.Now())
	if err != nil {
		fmt.Fprintf(e.stderr, "playbook new: %v\n", err)
		return exitContent
	}
	target := filepath.Join(*dir, scaffold.PagePath(kind, title))
	if err := scaffold.WriteNew(target, data); err != nil {
		fmt.Fprintf(e.stderr, "playbook new: %v\n", err)
		return exitContent
	}
	fmt.Fprintf(e.stdout, "created %s\n", target)
	return exitOK
}

func runInit(_ context.Context, e env, args []string) int {
	fs := flags(e, "init")
	pos, code, ok := parse(fs, args, 1, 1)
	if !ok {
		return code
	}
	written, err := scaffold.Init(pos[0])
	if err != nil {
		fmt.Fprintf(e.stderr, "playbook init: %v\n", err)
		return exitContent
	}
	fmt.Fprintf(e.stdout, "created a playbook in %s (%d files); next: playbook serve %s\n", pos[0], len(written), pos[0])
	return exitOK
}

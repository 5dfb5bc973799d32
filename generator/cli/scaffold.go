package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"playbook/generator/config"
	"playbook/generator/page"
	"playbook/generator/scaffold"
)

func runNew(_ context.Context, e env, args []string) int {
	fs := flags(e, "new")
	dir := fs.String("dir", ".", "the playbook folder (holding playbook.toml)")
	in := fs.String("in", "", "folder under content/ for the page (default: the kind's folder, such as objections)")
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
	cfg, code, ok := newConfig(e, *dir)
	if !ok {
		return code
	}
	contentDir := filepath.Join(*dir, "content")
	contentFS := os.DirFS(contentDir)
	rel, err := scaffold.PagePath(contentFS, kind, *in, title)
	if err != nil {
		fmt.Fprintf(e.stderr, "playbook new: %v\n", err)
		return exitUsage
	}
	target := filepath.Join(contentDir, filepath.FromSlash(rel))
	if other := scaffold.Collision(contentFS, rel); other != "" {
		if other == rel {
			fmt.Fprintf(e.stderr, "playbook new: %s already exists: not overwritten (pick another title or edit that page)\n", target)
		} else {
			fmt.Fprintf(e.stderr, "playbook new: content/%s already has the URL %s that content/%s would get: pick another title, or edit that page\n",
				other, page.URLFor(rel), rel)
		}
		return exitContent
	}
	data, err := scaffold.Page(kind, title, rel, cfg, now(e))
	if err != nil {
		fmt.Fprintf(e.stderr, "playbook new: %v\n", err)
		return exitContent
	}
	if err := scaffold.WriteNew(target, data); err != nil {
		fmt.Fprintf(e.stderr, "playbook new: %v\n", err)
		return exitContent
	}
	fmt.Fprintf(e.stdout, "created %s\n", target)
	return exitOK
}

// newConfig reads the playbook's config for `playbook new`. A config with
// errors still gives a page (from the defaults), with a note to run check.
func newConfig(e env, dir string) (*config.Config, int, bool) {
	data, err := os.ReadFile(filepath.Join(dir, config.FileName))
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			fmt.Fprintf(e.stderr, "playbook new: no %s in %s: run it inside a playbook or pass --dir\n", config.FileName, displayPath(dir))
		} else {
			fmt.Fprintf(e.stderr, "playbook new: %v\n", err)
		}
		return nil, exitContent, false
	}
	cfg, err := config.Parse(config.FileName, data)
	if err != nil {
		fmt.Fprintf(e.stderr, "playbook new: %s has errors (see playbook check); the page uses the default settings\n", config.FileName)
		cfg = config.Default()
	}
	return cfg, exitOK, true
}

func displayPath(dir string) string {
	if dir == "" || dir == "." {
		return "the current folder"
	}
	return dir
}

func runInit(_ context.Context, e env, args []string) int {
	fs := flags(e, "init")
	pos, code, ok := parse(fs, args, 1, 1)
	if !ok {
		return code
	}
	written, kept, err := scaffold.Init(pos[0])
	if err != nil {
		fmt.Fprintf(e.stderr, "playbook init: %v\n", err)
		return exitContent
	}
	for _, k := range kept {
		fmt.Fprintf(e.stderr, "playbook init: kept your %s\n", k)
	}
	fmt.Fprintf(e.stdout, "created a playbook in %s (%d files); next: playbook serve %s\n", pos[0], len(written), pos[0])
	return exitOK
}

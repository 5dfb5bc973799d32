package cli

import (
	"context"
	"fmt"
	"io/fs"
	"strings"

	"playbook/generator/build"
	"playbook/generator/search"
)

// stringList is a repeatable flag: --tag a --tag b.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

func runSearch(ctx context.Context, e env, args []string) int {
	fl := flags(e, "search")
	limit := fl.Int("n", 10, "number of results")
	drafts := fl.Bool("drafts", false, "include pages marked draft")
	var f search.Filter
	fl.Var((*stringList)(&f.Kinds), "kind", "only pages of this kind (repeatable)")
	fl.Var((*stringList)(&f.Stages), "stage", "only pages of this stage (repeatable)")
	fl.Var((*stringList)(&f.Personas), "persona", "only pages for this persona (repeatable)")
	fl.Var((*stringList)(&f.Tags), "tag", "only pages with this tag (repeatable)")
	pos, code, ok := parse(fl, args, 1, 2)
	if !ok {
		return code
	}
	dir, query := ".", pos[0]
	if len(pos) == 2 {
		dir, query = pos[0], pos[1]
	}
	// Build in memory, then read the index back from the built files: the
	// same bytes the browser client would fetch, so the same answers.
	res, err := build.New().Build(ctx, build.Input{Dir: dir, Drafts: *drafts, Now: now(e)})
	if err != nil {
		return report(e.stderr, err)
	}
	files := make(map[string][]byte, len(res.Files))
	for _, f := range res.Files {
		files[f.Path] = f.Data
	}
	ix, err := search.Load(func(p string) ([]byte, error) {
		if data, ok := files[p]; ok {
			return data, nil
		}
		return nil, fs.ErrNotExist
	})
	if err != nil {
		fmt.Fprintf(e.stderr, "playbook search: %v\n", err)
		return exitContent
	}
	if err := ix.WriteText(e.stdout, query, f, *limit); err != nil {
		fmt.Fprintf(e.stderr, "playbook search: %v\n", err)
		return exitContent
	}
	return exitOK
}

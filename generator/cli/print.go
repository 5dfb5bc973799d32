package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"playbook/generator/build"
	"playbook/generator/pdf"
)

func runPrint(ctx context.Context, e env, args []string) int {
	fs := flags(e, "print")
	out := fs.String("o", "", "the PDF to write (default: the page's name + .pdf in the current folder)")
	paperFlag := fs.String("paper", "", "a4 or letter (default: a4 for language \"de\", letter otherwise)")
	drafts := fs.Bool("drafts", false, "include pages marked draft")
	timeout := fs.Duration("timeout", time.Minute, "give up when Chromium takes longer")
	pos, code, ok := parse(fs, args, 1, 2)
	if !ok {
		return code
	}
	dir, arg := ".", pos[0]
	if len(pos) == 2 {
		dir, arg = pos[0], pos[1]
	}
	var paper pdf.Paper
	if *paperFlag != "" {
		p, err := pdf.ParsePaper(*paperFlag)
		if err != nil {
			fmt.Fprintf(e.stderr, "playbook print: %v\n", err)
			return exitUsage
		}
		paper = p
	}
	res, err := build.New().Build(ctx, build.Input{Dir: dir, Drafts: *drafts, Now: now(e)})
	if err != nil {
		return report(e.stderr, err)
	}
	printWarnings(e.stderr, res.Warnings)
	pg, err := pdf.Resolve(res.Site, arg)
	var nf *pdf.NotFoundError
	if errors.As(err, &nf) {
		return notFound(e, nf)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "playbook print: %v\n", err)
		return exitUsage
	}
	target := *out
	if target == "" {
		name := path.Base(strings.Trim(pg.URL, "/"))
		if name == "." || name == "/" || name == "" {
			name = "index"
		}
		target = name + ".pdf"
	}
	// Fail before starting a browser when the PDF cannot be written.
	if fi, err := os.Stat(filepath.Dir(target)); err != nil || !fi.IsDir() {
		fmt.Fprintf(e.stderr, "playbook print: write %s: no folder %s\n", target, filepath.Dir(target))
		return exitUsage
	}
	bin, err := pdf.FindChromium(e.getenv("PLAYBOOK_CHROMIUM"))
	if err != nil {
		fmt.Fprintf(e.stderr, "playbook print: %v\n", err)
		return exitContent
	}
	if paper == "" {
		paper = pdf.DefaultPaper(res.Config.Language)
	}
	data, err := pdf.PrintPage(ctx, res.Site, res.Files, pg, pdf.Options{Chromium: bin, Paper: paper, Timeout: *timeout})
	if err != nil {
		fmt.Fprintf(e.stderr, "playbook print: %v\n", err)
		return exitContent
	}
	if err := writeFile(target, data); err != nil {
		fmt.Fprintf(e.stderr, "playbook print: %v\n", err)
		return exitContent
	}
	n := pdf.CountPages(data)
	fmt.Fprintf(e.stdout, "printed %s (%s) to %s: %d %s, %s\n", pg.Title, pg.URL, target, n, plural(n, "page", "pages"), paper)
	return exitOK
}

// notFound prints an unknown PAGE with its close matches, one a line.
func notFound(e env, nf *pdf.NotFoundError) int {
	fmt.Fprintf(e.stderr, "playbook print: no page %q in this playbook\n", nf.Page)
	if len(nf.Close) > 0 {
		fmt.Fprintln(e.stderr, "did you mean:")
		for _, c := range nf.Close {
			fmt.Fprintf(e.stderr, "  %s\n", c)
		}
	}
	return exitUsage
}

// writeFile writes through a temporary file beside name, so a failed print
// never leaves half a PDF behind.
func writeFile(name string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}

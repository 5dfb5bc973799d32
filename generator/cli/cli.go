// Package cli is the command line: flags and subcommands. It is the only code
// that reads arguments or the environment.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"strings"

	"playbook/generator/diag"
)

// Exit codes.
const (
	exitOK      = 0
	exitContent = 1 // the playbook has errors
	exitUsage   = 2 // the command line is wrong
)

// Version is the program version, set at link time with -ldflags "-X playbook/generator/cli.Version=…".
var Version = "dev"

// env is what every command gets: where to write, and how to read the environment.
type env struct {
	stdout, stderr io.Writer
	getenv         func(string) string
}

type command struct {
	name    string
	usage   string // the synopsis after "playbook "
	summary string
	run     func(ctx context.Context, e env, args []string) int
}

func commands() []command {
	return []command{
		{"build", "build [DIR] [-o OUT] [--drafts]", "build the site into OUT (default DIR/public)", runBuild},
		{"serve", "serve [DIR] [--port N] [--bind ADDR] [--drafts]", "build in memory, serve on 127.0.0.1 and rebuild on every change", runServe},
		{"check", "check [DIR] [--format text|json] [--strict]", "run every check of the build without writing a site", runCheck},
		{"search", "search [DIR] QUERY", "print the ranked search results for QUERY", runSearch},
		{"new", "new [--dir DIR] KIND \"Title\"", "write a new page of KIND from a template", runNew},
		{"init", "init DIR", "create a new playbook in DIR", runInit},
		{"print", "print [DIR] PAGE -o FILE.pdf", "print a page or workshop handout to PDF with headless Chromium", runPrint},
		{"version", "version", "print the version", runVersion},
		{"help", "help [COMMAND]", "show help", nil},
	}
}

// Main runs the command line and returns the process exit code.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	e := env{stdout: stdout, stderr: stderr, getenv: getenv}
	if prof := getenv("PLAYBOOK_CPUPROFILE"); prof != "" {
		// For developers measuring the build: PLAYBOOK_CPUPROFILE=cpu.out playbook build ...
		if f, err := os.Create(prof); err == nil {
			defer f.Close()
			if err := pprof.StartCPUProfile(f); err == nil {
				defer pprof.StopCPUProfile()
			}
		}
	}
	if len(args) == 0 {
		usage(e.stderr)
		return exitUsage
	}
	name := args[0]
	switch name {
	case "-h", "--help", "-help":
		usage(e.stdout)
		return exitOK
	case "help":
		if len(args) > 1 {
			for _, c := range commands() {
				if c.name == args[1] && c.run != nil {
					return c.run(ctx, e, []string{"-h"})
				}
			}
			fmt.Fprintf(e.stderr, "playbook help: unknown command %q\n", args[1])
			return exitUsage
		}
		usage(e.stdout)
		return exitOK
	case "-v", "--version":
		name = "version"
	}
	for _, c := range commands() {
		if c.name == name && c.run != nil {
			return c.run(ctx, e, args[1:])
		}
	}
	fmt.Fprintf(e.stderr, "playbook: unknown command %q\n\n", name)
	usage(e.stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "playbook compiles a Markdown sales playbook into a static site.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Usage:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  playbook %-48s %s\n", c.usage, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Run 'playbook COMMAND -h' for a command's options.")
}

// flags makes a FlagSet whose usage text names the command.
func flags(e env, name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	for _, c := range commands() {
		if c.name == name {
			fs.Usage = func() {
				fmt.Fprintf(fs.Output(), "Usage: playbook %s\n\n%s.\n", c.usage, upperFirst(c.summary))
				var any bool
				fs.VisitAll(func(*flag.Flag) { any = true })
				if any {
					fmt.Fprintln(fs.Output(), "\nOptions:")
					fs.PrintDefaults()
				}
			}
		}
	}
	return fs
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// parse parses flags placed anywhere among the arguments (Go's flag package
// stops at the first positional one) and returns the positional arguments.
// It returns (nil, code, false) when the caller should exit with code.
func parse(fs *flag.FlagSet, args []string, minPos, maxPos int) ([]string, int, bool) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.SetOutput(io.Discard)
				return nil, exitOK, false
			}
			return nil, exitUsage, false
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if rest[0] == "--" {
			pos = append(pos, rest[1:]...)
			break
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
	if len(pos) < minPos || len(pos) > maxPos {
		if len(pos) < minPos {
			fmt.Fprintf(fs.Output(), "playbook %s: missing argument\n", fs.Name())
		} else {
			fmt.Fprintf(fs.Output(), "playbook %s: too many arguments: %s\n", fs.Name(), strings.Join(pos[maxPos:], " "))
		}
		fs.Usage()
		return nil, exitUsage, false
	}
	return pos, exitOK, true
}

// report prints diagnostics, one a line, and returns the exit code they call for.
func report(w io.Writer, err error) int {
	var list diag.List
	if errors.As(err, &list) {
		list.Sort()
		for _, d := range list {
			fmt.Fprintln(w, d.Error())
		}
		n := len(list.Errors())
		fmt.Fprintf(w, "%d %s\n", n, plural(n, "error", "errors"))
		return exitContent
	}
	fmt.Fprintf(w, "playbook: %v\n", err)
	return exitContent
}

func printWarnings(w io.Writer, list diag.List) {
	for _, d := range list {
		fmt.Fprintln(w, d.Error())
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func runVersion(_ context.Context, e env, args []string) int {
	fs := flags(e, "version")
	if _, code, ok := parse(fs, args, 0, 0); !ok {
		return code
	}
	fmt.Fprintf(e.stdout, "playbook %s\n", Version)
	return exitOK
}

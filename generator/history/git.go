package history

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
)

// git runs one git command. It is a value so that tests and callers can
// point it at another binary; it carries no state between calls.
type git struct {
	bin string // executable, "git" when empty
	dir string // working directory for the command
}

// locationVars are inherited variables that would make git look somewhere
// other than dir: set inside Git hooks (GIT_DIR=.git is relative to the
// hook's cwd) they would point our commands at the wrong repository.
var locationVars = []string{
	"GIT_DIR=", "GIT_WORK_TREE=", "GIT_INDEX_FILE=", "GIT_OBJECT_DIRECTORY=",
	"GIT_ALTERNATE_OBJECT_DIRECTORIES=", "GIT_COMMON_DIR=", "GIT_NAMESPACE=",
	"GIT_PREFIX=",
}

// env is the environment for every git process: the caller's, minus the
// repository-location variables, plus settings that keep git read-only
// and offline.
func gitEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		drop := false
		for _, p := range locationVars {
			if strings.HasPrefix(kv, p) {
				drop = true
				break
			}
		}
		if !drop {
			env = append(env, kv)
		}
	}
	return append(env,
		// git status must not refresh and rewrite the index: that would race
		// with the user's own git commands and change the file we key on.
		"GIT_OPTIONAL_LOCKS=0",
		// A partial clone (--filter=blob:none) would otherwise fetch every
		// missing old blob over the network, one request each (git >= 2.44).
		"GIT_NO_LAZY_FETCH=1",
		"GIT_TERMINAL_PROMPT=0",
		"LC_ALL=C",
	)
}

func (g git) command(ctx context.Context, args ...string) *exec.Cmd {
	bin := g.bin
	if bin == "" {
		bin = "git"
	}
	// Flags before the subcommand override user configuration that would
	// change the output we parse.
	full := append([]string{
		"-c", "core.quotePath=false",
		"-c", "log.showSignature=false",
		"-c", "color.ui=false",
		"--no-pager", "--literal-pathspecs",
	}, args...)
	cmd := exec.CommandContext(ctx, bin, full...)
	cmd.Dir = g.dir
	cmd.Env = gitEnv()
	return cmd
}

// gitError is a failed git command with what git said on stderr.
type gitError struct {
	args   []string
	code   int // exit code, -1 if git did not run or was killed
	stderr string
	err    error
}

func (e *gitError) Error() string {
	msg := strings.TrimSpace(e.stderr)
	if msg == "" {
		msg = e.err.Error()
	}
	return fmt.Sprintf("git %s: %s", strings.Join(e.args, " "), msg)
}

func (e *gitError) Unwrap() error { return e.err }

// output runs git and returns its stdout; on failure the error holds stderr.
func (g git) output(ctx context.Context, args ...string) ([]byte, error) {
	cmd := g.command(ctx, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	err := cmd.Run()
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			err = ctxErr
		}
		code := -1
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			code = exit.ExitCode()
		}
		return stdout.Bytes(), &gitError{args: args, code: code, stderr: stderr.String(), err: err}
	}
	return stdout.Bytes(), nil
}

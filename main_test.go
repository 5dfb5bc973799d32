package main

import (
	"context"
	"flag"
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"playbook/generator/cli"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/script")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"playbook": func() {
			os.Exit(cli.Main(context.Background(), os.Args[1:], os.Stdout, os.Stderr, os.Getenv))
		},
	})
}

// TestScripts runs the real command line on the playbook folders in
// testdata/script/*.txtar.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *update,
		Cmds:          scriptCmds(), // main_cmds_test.go
		Condition:     scriptCondition,
		Setup: func(env *testscript.Env) error {
			// A fixed date so review_by checks do not depend on the day the tests run.
			env.Setenv("PLAYBOOK_NOW", "2026-06-01")
			return nil
		},
	})
}

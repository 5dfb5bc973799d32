package main

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

// scriptCmds are the testscript commands for what a txtar archive cannot
// hold: bytes and file names that are not UTF-8, huge files, and a
// fingerprint of a whole output folder.
//
//	decode FILE...           replace \xHH and \\ escapes in FILE with the bytes they stand for
//	repeat FILE N TEXT       append TEXT (escapes decoded, \n included) N times to FILE
//	treehash DIR             print one hash over every path, mode and content under DIR
//	mvx OLD NEW              rename OLD to NEW, escapes decoded in both (file names that are not UTF-8)
//	[!] grepall REGEXP DIR [SUFFIX]  some file under DIR (ending in SUFFIX) matches; with !, none does
//
// and the condition [root], for what root may do anyway (read a chmod 000 file).
func scriptCmds() map[string]func(ts *testscript.TestScript, neg bool, args []string) {
	return map[string]func(ts *testscript.TestScript, neg bool, args []string){
		"decode":   cmdDecode,
		"repeat":   cmdRepeat,
		"treehash": cmdTreehash,
		"mvx":      cmdMvx,
		"grepall":  cmdGrepall,
	}
}

// scriptCondition adds [root]: true when the tests run as root, who can
// read any file whatever its mode.
func scriptCondition(cond string) (bool, error) {
	if cond == "root" {
		return os.Geteuid() == 0, nil
	}
	return false, fmt.Errorf("unknown condition %q", cond)
}

func cmdDecode(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: decode FILE...")
	}
	for _, a := range args {
		name := ts.MkAbs(a)
		data, err := os.ReadFile(name)
		ts.Check(err)
		out, err := unescape(string(data), false)
		ts.Check(err)
		ts.Check(os.WriteFile(name, out, 0o644))
	}
}

func cmdRepeat(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: repeat FILE N TEXT")
	}
	n, err := strconv.Atoi(args[1])
	if err != nil || n < 0 || n > 1e8 {
		ts.Fatalf("repeat: bad count %q", args[1])
	}
	text, err := unescape(args[2], true)
	ts.Check(err)
	f, err := os.OpenFile(ts.MkAbs(args[0]), os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	ts.Check(err)
	_, err = f.Write(bytes.Repeat(text, n))
	ts.Check(err)
	ts.Check(f.Close())
}

// cmdTreehash prints a hash of DIR so a script can save it (cp stdout
// before.txt) and later prove the folder unchanged (cmp stdout before.txt).
func cmdTreehash(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: treehash DIR")
	}
	root := ts.MkAbs(args[0])
	h := sha256.New()
	n := 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		info, err := d.Info()
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%v\x00", filepath.ToSlash(rel), info.Mode())
		if d.Type().IsRegular() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			fmt.Fprintf(h, "%d\x00", len(data))
			h.Write(data)
			n++
		}
		return nil
	})
	ts.Check(err)
	fmt.Fprintf(ts.Stdout(), "%d files %x\n", n, h.Sum(nil))
}

func cmdMvx(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: mvx OLD NEW")
	}
	from, err := unescape(args[0], false)
	ts.Check(err)
	to, err := unescape(args[1], false)
	ts.Check(err)
	ts.Check(os.Rename(ts.MkAbs(string(from)), ts.MkAbs(string(to))))
}

func cmdGrepall(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 && len(args) != 3 {
		ts.Fatalf("usage: grepall REGEXP DIR [SUFFIX]")
	}
	suffix := ""
	if len(args) == 3 {
		suffix = args[2]
	}
	re, err := regexp.Compile(args[0])
	ts.Check(err)
	var hits []string
	err = filepath.WalkDir(ts.MkAbs(args[1]), func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() || !strings.HasSuffix(p, suffix) {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if re.Match(data) {
			hits = append(hits, p)
			fmt.Fprintln(ts.Stdout(), p)
		}
		return nil
	})
	ts.Check(err)
	switch {
	case neg && len(hits) > 0:
		ts.Fatalf("%d files match %q, among them %s", len(hits), args[0], hits[0])
	case !neg && len(hits) == 0:
		ts.Fatalf("no file under %s matches %q", args[1], args[0])
	}
}

// unescape decodes \xHH and \\ (and, with lines, \n, \r and \t).
func unescape(s string, lines bool) ([]byte, error) {
	var out []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			out = append(out, c)
			continue
		}
		switch e := s[i+1]; {
		case e == '\\':
			out = append(out, '\\')
			i++
		case e == 'x' && i+3 < len(s):
			v, err := strconv.ParseUint(s[i+2:i+4], 16, 8)
			if err != nil {
				return nil, fmt.Errorf("bad escape %q", s[i:i+4])
			}
			out = append(out, byte(v))
			i += 3
		case lines && e == 'n':
			out = append(out, '\n')
			i++
		case lines && e == 'r':
			out = append(out, '\r')
			i++
		case lines && e == 't':
			out = append(out, '\t')
			i++
		default:
			out = append(out, c)
		}
	}
	return out, nil
}

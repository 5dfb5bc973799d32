package output

import (
	"fmt"
	"path"
	"strings"
	"unicode/utf8"
)

// Marker is the file Write leaves in every output folder it manages. Its
// presence is what allows Write to delete files there later.
const Marker = ".playbook"

// tmpPrefix starts the name of every temporary file Write creates, so a
// leftover from an interrupted run can be recognised and removed.
const tmpPrefix = ".playbook-tmp-"

// Validate checks that every File.Path is a clean, relative slash path that
// stays inside the output folder, and that no two files collide. Write calls
// it before touching the disk; render can call it to fail early.
func Validate(files []File) error {
	seen := make(map[string]struct{}, len(files))
	for _, f := range files {
		if err := validPath(f.Path); err != nil {
			return fmt.Errorf("output: invalid file path %q: %s", f.Path, err)
		}
		if _, dup := seen[f.Path]; dup {
			return fmt.Errorf("output: file path %q is produced twice", f.Path)
		}
		seen[f.Path] = struct{}{}
	}
	// A path cannot be a file and a folder at once ("a" and "a/b").
	for _, f := range files {
		for d := path.Dir(f.Path); d != "."; d = path.Dir(d) {
			if _, clash := seen[d]; clash {
				return fmt.Errorf("output: %q is both a file and the folder of %q", d, f.Path)
			}
		}
	}
	return nil
}

// validPath says why p is not an acceptable output path, or returns nil.
func validPath(p string) error {
	switch {
	case p == "":
		return errString("empty")
	case !utf8.ValidString(p):
		return errString("not valid UTF-8")
	case strings.IndexByte(p, 0) >= 0:
		return errString("contains a NUL byte")
	case strings.IndexByte(p, '\\') >= 0:
		return errString("contains a backslash")
	case p[0] == '/':
		return errString("absolute")
	case len(p) >= 2 && p[1] == ':':
		return errString("looks like a drive letter")
	case path.Clean(p) != p:
		return errString("not clean")
	}
	for seg := range strings.SplitSeq(p, "/") {
		switch {
		case seg == "." || seg == "..":
			return errString("has a " + seg + " segment")
		case seg == Marker || strings.HasPrefix(seg, tmpPrefix):
			return errString("uses a name reserved by playbook")
		}
	}
	return nil
}

type errString string

func (e errString) Error() string { return string(e) }

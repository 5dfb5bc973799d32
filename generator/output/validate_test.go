package output

import (
	"strings"
	"testing"
)

func TestValidate(t *testing.T) {
	tests := []struct {
		name  string
		paths []string
		err   string // substring; "" means valid
	}{
		{"ok", []string{"index.html", "a/b/index.html", "css/site.css", "ä/ü.html", ".well-known/x"}, ""},
		{"empty", []string{""}, "empty"},
		{"dotdot", []string{"../../etc/x"}, "has a .. segment"},
		{"dotdot clean", []string{"../x"}, "has a .. segment"},
		{"only dotdot", []string{".."}, "has a .. segment"},
		{"dot", []string{"."}, "has a . segment"},
		{"inner dotdot", []string{"a/../../x"}, "not clean"},
		{"absolute", []string{"/etc/passwd"}, "absolute"},
		{"backslash", []string{`..\..\x`}, "backslash"},
		{"backslash inner", []string{`a\b.html`}, "backslash"},
		{"nul", []string{"a\x00b"}, "NUL"},
		{"drive", []string{"C:/x"}, "drive"},
		{"trailing slash", []string{"a/"}, "not clean"},
		{"double slash", []string{"a//b"}, "not clean"},
		{"dot segment", []string{"./a"}, "not clean"},
		{"bad utf8", []string{"a\xffb"}, "UTF-8"},
		{"marker", []string{".playbook"}, "reserved"},
		{"temp name", []string{"a/.playbook-tmp-1"}, "reserved"},
		{"duplicate", []string{"a.html", "a.html"}, "twice"},
		{"file and folder", []string{"a/b/c.html", "a/b"}, "both a file and the folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var files []File
			for _, p := range tt.paths {
				files = append(files, File{Path: p})
			}
			err := Validate(files)
			if tt.err == "" {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Fatalf("Validate = %v, want error containing %q", err, tt.err)
			}
		})
	}
}

func FuzzValidate(f *testing.F) {
	for _, s := range []string{"index.html", "../x", "a/b", `a\b`, "/x", "a/./b", "C:x", ".playbook"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		if Validate([]File{{Path: p}}) != nil {
			return
		}
		// Invariant: an accepted path is relative, clean and never climbs.
		if strings.HasPrefix(p, "/") || strings.Contains(p, "\\") || strings.ContainsRune(p, 0) {
			t.Fatalf("accepted %q", p)
		}
		for seg := range strings.SplitSeq(p, "/") {
			if seg == "" || seg == "." || seg == ".." {
				t.Fatalf("accepted %q with segment %q", p, seg)
			}
		}
	})
}

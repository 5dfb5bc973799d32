package page

import (
	"playbook/generator/content"
	"playbook/generator/diag"
)

// Limits that keep hostile or broken front matter from stalling a build.
// Real front matter is a few hundred bytes, nested two levels at most.
const (
	maxFrontSize  = 256 << 10
	maxDepth      = 32
	maxKeyParts   = 32
	maxYAMLValues = 100_000 // counts alias expansions, against "billion laughs"
)

// decodeFront decodes src's front matter into a map value. Every problem is
// reported against file, with lines counted from the top of the file.
func decodeFront(src content.Source, file string) (root *value, errs diag.List) {
	start := max(src.FrontLine-1, 1) // the opening delimiter line
	if len(src.Front) > maxFrontSize {
		errs.Errorf(diag.Pos{File: file, Line: start},
			"front matter is %d KiB, more than the limit of %d KiB: move long text into the page body",
			len(src.Front)>>10, maxFrontSize>>10)
		return nil, errs
	}
	// The parsers are third-party code fed untrusted input: a panic there
	// must become a diagnostic, not a crashed build.
	defer func() {
		if r := recover(); r != nil {
			root = nil
			errs = diag.List{diag.Errorf(diag.Pos{File: file, Line: start}, "front matter could not be parsed (parser failure: %v)", r)}
		}
	}()
	switch src.Format {
	case content.TOML:
		return decodeTOML(src, file)
	case content.YAML:
		return decodeYAML(src, file)
	}
	return &value{kind: vMap, line: start}, nil
}

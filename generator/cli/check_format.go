package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"playbook/generator/config"
	"playbook/generator/diag"
)

// checkFormats are the output formats of `playbook check`; each writes the
// sorted problems to w. The schemas are documented in docs/authoring.md
// ("Checking a playbook in CI"): change them only in a compatible way.
var checkFormats = map[string]func(w io.Writer, list diag.List) error{
	"text":   writeText,
	"json":   writeJSON,
	"github": writeGitHub,
	"gitlab": writeGitLab,
}

// writeText prints "path:line:col: severity: message", one problem a line:
// the form editors (vim's errorformat, VS Code problem matchers) and CI
// annotators read.
func writeText(w io.Writer, list diag.List) error {
	for _, d := range list {
		if _, err := fmt.Fprintln(w, oneLine(d.Error())); err != nil {
			return err
		}
	}
	return nil
}

// jsonProblem is one element of the --format json array.
type jsonProblem struct {
	File     string `json:"file"`             // slash path from the playbook root; "" when the problem has no file
	Line     int    `json:"line,omitempty"`   // 1-based; left out when unknown
	Col      int    `json:"column,omitempty"` // 1-based; left out when unknown
	Severity string `json:"severity"`         // "error" or "warning"
	Message  string `json:"message"`
}

func writeJSON(w io.Writer, list diag.List) error {
	items := make([]jsonProblem, 0, len(list))
	for _, d := range list {
		items = append(items, jsonProblem{d.Pos.File, d.Pos.Line, d.Pos.Col, d.Severity.String(), d.Msg})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(items)
}

// writeGitHub prints GitHub Actions workflow commands, which GitHub shows as
// annotations on the changed lines of a pull request.
func writeGitHub(w io.Writer, list diag.List) error {
	for _, d := range list {
		var props []string
		if d.Pos.File != "" {
			props = append(props, "file="+ghProp(d.Pos.File))
		}
		if d.Pos.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", d.Pos.Line))
		}
		if d.Pos.Col > 0 {
			props = append(props, fmt.Sprintf("col=%d", d.Pos.Col))
		}
		props = append(props, "title=playbook check")
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", d.Severity, strings.Join(props, ","), ghData(d.Msg)); err != nil {
			return err
		}
	}
	return nil
}

// ghData escapes a workflow command's message.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProp escapes a workflow command's property value.
func ghProp(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// gitlabIssue is one entry of a GitLab Code Quality report, which GitLab
// shows in the merge request widget and diff.
type gitlabIssue struct {
	Description string         `json:"description"`
	CheckName   string         `json:"check_name"`
	Fingerprint string         `json:"fingerprint"`
	Severity    string         `json:"severity"`
	Location    gitlabLocation `json:"location"`
}

type gitlabLocation struct {
	Path  string      `json:"path"`
	Lines gitlabLines `json:"lines"`
}

type gitlabLines struct {
	Begin int `json:"begin"`
}

func writeGitLab(w io.Writer, list diag.List) error {
	items := make([]gitlabIssue, 0, len(list))
	seen := map[string]int{}
	for _, d := range list {
		file := d.Pos.File
		if file == "" {
			file = config.FileName
		}
		// The fingerprint leaves out the line, so a problem keeps its
		// identity when text above it moves; repeats get a counter.
		key := file + "\x00" + d.Severity.String() + "\x00" + d.Msg
		seen[key]++
		sum := sha256.Sum256(fmt.Appendf(nil, "%s\x00%d", key, seen[key]))
		sev := "minor"
		if d.Severity == diag.Error {
			sev = "major"
		}
		items = append(items, gitlabIssue{
			Description: d.Msg,
			CheckName:   "playbook-" + d.Severity.String(),
			Fingerprint: hex.EncodeToString(sum[:16]),
			Severity:    sev,
			Location:    gitlabLocation{Path: file, Lines: gitlabLines{Begin: max(d.Pos.Line, 1)}},
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(items)
}

// oneLine keeps a problem on one line whatever a message quotes from the
// input, so that line-based readers see one problem a line.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.NewReplacer("\r", `\r`, "\n", `\n`).Replace(s)
}

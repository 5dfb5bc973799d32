package serve

import (
	"strconv"
	"strings"
)

// Problem is one line of a failed build, as the error overlay shows it.
type Problem struct {
	File     string `json:"file,omitempty"`
	Line     int    `json:"line,omitempty"`
	Col      int    `json:"col,omitempty"`
	Severity string `json:"severity"`
	Msg      string `json:"msg"`
}

// maxProblems bounds the overlay; a broken theme can fail every page.
const maxProblems = 100

// ParseProblems splits a build error into problems, one a line, reading the
// "file:line:col: severity: message" form that diag.List prints. Lines of
// another form become a problem with only a message.
func ParseProblems(msg string) []Problem {
	var out []Problem
	lines := strings.Split(strings.TrimSpace(msg), "\n")
	for i, line := range lines {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		if len(out) == maxProblems {
			out = append(out, Problem{Severity: "error",
				Msg: "… and " + strconv.Itoa(len(lines)-i) + " more lines"})
			break
		}
		out = append(out, parseLine(line))
	}
	return out
}

func parseLine(line string) Problem {
	p := Problem{Severity: "error", Msg: line}
	rest := line
	if head, tail, ok := strings.Cut(line, ": "); ok && looksLikePos(head) {
		p.File, p.Line, p.Col = splitPos(head)
		rest = tail
	}
	for _, sev := range []string{"error", "warning"} {
		if r, ok := strings.CutPrefix(rest, sev+": "); ok {
			p.Severity, rest = sev, r
			break
		}
	}
	p.Msg = rest
	return p
}

// looksLikePos accepts "file", "file:12" and "file:12:3" where file has no
// spaces and looks like a path (a dot or slash in it).
func looksLikePos(s string) bool {
	return s != "" && !strings.ContainsAny(s, " \t") && strings.ContainsAny(s, "./")
}

// splitPos splits up to two trailing numbers off a position.
func splitPos(s string) (file string, line, col int) {
	nums := make([]int, 0, 2)
	for len(nums) < 2 {
		i := strings.LastIndexByte(s, ':')
		if i < 0 {
			break
		}
		n, err := strconv.Atoi(s[i+1:])
		if err != nil || n < 0 {
			break
		}
		nums = append(nums, n)
		s = s[:i]
	}
	switch len(nums) {
	case 1:
		line = nums[0]
	case 2:
		line, col = nums[1], nums[0]
	}
	return s, line, col
}

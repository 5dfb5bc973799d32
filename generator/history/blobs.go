package history

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// readStatus lists files under base with uncommitted changes, staged or
// not, in one `git status`. Untracked files are left out: listing them
// walks every folder, and they have no revisions to compare with anyway.
func readStatus(ctx context.Context, g git, base string) (map[string]bool, error) {
	out, err := g.output(ctx, "status", "--porcelain", "-z", "--untracked-files=no",
		"--no-renames", "--ignore-submodules=all", "--", base)
	if err != nil {
		return nil, err
	}
	dirty := map[string]bool{}
	for _, rec := range bytes.Split(out, []byte{0}) {
		// "XY path": two status letters, a space, the path from the root.
		if len(rec) < 4 {
			continue
		}
		if p, ok := strings.CutPrefix(string(rec[3:]), base); ok && p != "" {
			dirty[p] = true
		}
	}
	return dirty, nil
}

// Contents returns the old contents of the given revisions, by Blob id,
// read through one `git cat-file --batch` process however many there are.
// Blobs git does not have (a partial clone) are left out of the map.
func (h *History) Contents(ctx context.Context, revs []Revision) (map[string][]byte, error) {
	out := map[string][]byte{}
	if h == nil || !h.Available || len(revs) == 0 {
		return out, nil
	}
	var ids []string
	seen := map[string]bool{}
	for _, r := range revs {
		// Only plain ids: cat-file would also resolve "HEAD:path" and the like.
		if isHex(r.Blob) && !seen[r.Blob] {
			seen[r.Blob] = true
			ids = append(ids, r.Blob)
		}
	}
	if len(ids) == 0 {
		return out, nil
	}
	cmd := h.git.command(ctx, "cat-file", "--batch", "--buffer")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, fmt.Errorf("git cat-file: %w", err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("git cat-file: %w", err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("git cat-file: %w", err)
	}
	// Write the requests while reading the answers: with many blobs both
	// pipes fill up, and writing first would deadlock.
	go func() {
		bw := bufio.NewWriter(stdin)
		for _, id := range ids {
			bw.WriteString(id)
			bw.WriteByte('\n')
		}
		bw.Flush()
		stdin.Close()
	}()
	readErr := readBatch(bufio.NewReaderSize(stdout, 64<<10), len(ids), out)
	if readErr != nil {
		// Unblock git if we stopped reading early.
		io.Copy(io.Discard, stdout)
	}
	waitErr := cmd.Wait()
	switch {
	case ctx.Err() != nil:
		return nil, ctx.Err()
	case waitErr != nil:
		return nil, &gitError{args: []string{"cat-file", "--batch"}, code: -1, stderr: stderr.String(), err: waitErr}
	case readErr != nil:
		return nil, fmt.Errorf("git cat-file --batch: %w", readErr)
	}
	return out, nil
}

// readBatch reads n answers of cat-file --batch: "<id> <type> <size>\n"
// then the contents and a newline, or "<id> missing\n".
func readBatch(r *bufio.Reader, n int, out map[string][]byte) error {
	for range n {
		line, err := r.ReadString('\n')
		if err != nil {
			return fmt.Errorf("reading answer header: %w", err)
		}
		f := strings.Fields(line)
		if len(f) == 2 && (f[1] == "missing" || f[1] == "ambiguous") {
			continue
		}
		if len(f) != 3 {
			return fmt.Errorf("unexpected answer %q", line)
		}
		size, err := strconv.ParseInt(f[2], 10, 64)
		if err != nil || size < 0 {
			return fmt.Errorf("unexpected answer %q", line)
		}
		data := make([]byte, size+1)
		if _, err := io.ReadFull(r, data); err != nil {
			return fmt.Errorf("reading %s: %w", f[0], err)
		}
		if data[size] != '\n' {
			return errors.New("answer not terminated by a newline")
		}
		if f[1] == "blob" {
			out[f[0]] = data[:size:size]
		}
	}
	return nil
}

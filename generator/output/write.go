package output

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
)

// Stats counts what Write did.
type Stats struct {
	Written   int // files created or replaced
	Unchanged int // files left alone because their bytes were already right
	Removed   int // stale files (and links) deleted
}

// workers is how many files are written at once: enough to overlap disk
// latency, few enough not to starve a 2-core machine.
const workers = 4

const markerText = "This folder is written by playbook. Its files are replaced or deleted on every build.\n"

// Write makes dir hold exactly files (plus the Marker and hidden entries it
// never touches): files whose bytes differ are replaced atomically (temp file
// in the same folder, then rename), identical ones are left alone so their
// mtime stays, and stale files and empty folders are removed.
//
// All access goes through an os.Root, so neither a hostile path nor a symlink
// inside dir can make Write touch anything outside dir. Hidden entries (names
// starting with ".", such as a .git of a deploy checkout) are never deleted.
// Write refuses a non-empty dir that has no Marker, so a mistaken "-o ." can
// not wipe a user's folder.
func Write(ctx context.Context, dir string, files []File) (Stats, error) {
	var st Stats
	if err := Validate(files); err != nil {
		return st, err
	}
	if err := ctx.Err(); err != nil {
		return st, err
	}
	if err := claim(dir); err != nil {
		return st, err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return st, fmt.Errorf("output: %w", err)
	}
	defer root.Close()
	if err := ensureMarker(root); err != nil {
		return st, fmt.Errorf("output: write marker in %s: %w", dir, err)
	}

	wantFiles := make(map[string]struct{}, len(files))
	wantDirs := make(map[string]struct{})
	for _, f := range files {
		wantFiles[f.Path] = struct{}{}
		for d := path.Dir(f.Path); d != "."; d = path.Dir(d) {
			if _, ok := wantDirs[d]; ok {
				break // its parents are in already
			}
			wantDirs[d] = struct{}{}
		}
	}

	have, err := scan(root)
	if err != nil {
		return st, fmt.Errorf("output: read %s: %w", dir, err)
	}
	n, err := removeStale(ctx, root, have, wantFiles, wantDirs)
	st.Removed += n
	if err != nil {
		return st, err
	}
	n, err = makeDirs(root, have.dirs, wantDirs)
	st.Removed += n
	if err != nil {
		return st, err
	}
	written, unchanged, err := writeAll(ctx, root, files)
	st.Written, st.Unchanged = written, unchanged
	return st, err
}

// claim creates dir, or checks that an existing non-empty dir is ours.
func claim(dir string) error {
	ents, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("output: create output folder: %w", err)
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("output: read output folder: %w", err)
	}
	for _, e := range ents {
		if e.Name() == Marker && e.Type().IsRegular() {
			return nil
		}
	}
	if len(ents) > 0 {
		return fmt.Errorf("output folder %s is not empty and was not made by playbook; choose another output or empty it", dir)
	}
	return nil
}

func ensureMarker(root *os.Root) error {
	if fi, err := root.Lstat(Marker); err == nil && fi.Mode().IsRegular() {
		return nil
	}
	return root.WriteFile(Marker, []byte(markerText), 0o644)
}

// tree is what scan found in the output folder, as slash paths.
type tree struct {
	files []string // regular files, symlinks and other non-folders
	dirs  map[string]struct{}
	temps []string // leftovers of an interrupted Write
}

// scan lists dir without following symlinks and without entering hidden
// folders.
func scan(root *os.Root) (tree, error) {
	t := tree{dirs: make(map[string]struct{})}
	err := fs.WalkDir(root.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == "." {
			return nil
		}
		name := d.Name()
		if strings.HasPrefix(name, ".") {
			if strings.HasPrefix(name, tmpPrefix) && !d.IsDir() {
				t.temps = append(t.temps, p)
			}
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			t.dirs[p] = struct{}{}
		} else {
			t.files = append(t.files, p)
		}
		return nil
	})
	return t, err
}

// removeStale deletes files that are not wanted (or sit where a folder must
// go), then folders that are not wanted and are now empty.
func removeStale(ctx context.Context, root *os.Root, have tree, wantFiles, wantDirs map[string]struct{}) (int, error) {
	removed := 0
	for _, p := range have.temps {
		if err := root.Remove(filepath.FromSlash(p)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return removed, fmt.Errorf("output: remove leftover %s: %w", p, err)
		}
	}
	for _, p := range have.files {
		if _, ok := wantFiles[p]; ok {
			continue
		}
		if err := ctx.Err(); err != nil {
			return removed, err
		}
		// Remove deletes a symlink itself, never its target.
		if err := root.Remove(filepath.FromSlash(p)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return removed, fmt.Errorf("output: remove stale %s: %w", p, err)
		}
		removed++
	}
	// Children sort after their parent, so reverse order empties bottom-up.
	dirs := make([]string, 0, len(have.dirs))
	for d := range have.dirs {
		if _, ok := wantDirs[d]; !ok {
			dirs = append(dirs, d)
		}
	}
	slices.Sort(dirs)
	for _, d := range slices.Backward(dirs) {
		err := root.Remove(filepath.FromSlash(d))
		if err != nil && !errors.Is(err, fs.ErrNotExist) && !isNotEmpty(err) {
			return removed, fmt.Errorf("output: remove stale folder %s: %w", d, err)
		}
	}
	return removed, nil
}

// isNotEmpty reports a folder kept alive by hidden entries we do not delete.
func isNotEmpty(err error) bool {
	return errors.Is(err, syscall.ENOTEMPTY) || errors.Is(err, syscall.EEXIST)
}

// makeDirs creates the wanted folders, parents first. Something else in the
// way (a file, a symlink) is removed, so MkdirAll never follows a link.
func makeDirs(root *os.Root, have, want map[string]struct{}) (int, error) {
	removed := 0
	dirs := make([]string, 0, len(want))
	for d := range want {
		if _, ok := have[d]; !ok {
			dirs = append(dirs, d)
		}
	}
	slices.Sort(dirs)
	for _, d := range dirs {
		name := filepath.FromSlash(d)
		err := root.Mkdir(name, 0o755)
		if err == nil || !errors.Is(err, fs.ErrExist) {
			if err != nil {
				return removed, fmt.Errorf("output: create folder %s: %w", d, err)
			}
			continue
		}
		// Only hidden paths the scan skipped get here.
		fi, lerr := root.Lstat(name)
		if lerr == nil && fi.IsDir() {
			continue
		}
		if err := root.Remove(name); err != nil {
			return removed, fmt.Errorf("output: replace %s by a folder: %w", d, err)
		}
		removed++
		if err := root.Mkdir(name, 0o755); err != nil {
			return removed, fmt.Errorf("output: create folder %s: %w", d, err)
		}
	}
	return removed, nil
}

// writeAll writes files with a few workers and stops at the first error.
func writeAll(ctx context.Context, root *os.Root, files []File) (written, unchanged int, err error) {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	jobs := make(chan *File)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range min(workers, len(files)) {
		wg.Go(func() {
			w, u := 0, 0
			buf := make([]byte, 32<<10)
			for f := range jobs {
				same, err := writeOne(root, f, buf)
				if err != nil {
					cancel(err)
					continue // drain
				}
				if same {
					u++
				} else {
					w++
				}
			}
			mu.Lock()
			written += w
			unchanged += u
			mu.Unlock()
		})
	}
feed:
	for i := range files {
		select {
		case jobs <- &files[i]:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if ctx.Err() != nil {
		return written, unchanged, context.Cause(ctx)
	}
	return written, unchanged, nil
}

// writeOne writes f unless the file on disk already holds its bytes, and
// reports whether it was unchanged.
func writeOne(root *os.Root, f *File, buf []byte) (bool, error) {
	name := filepath.FromSlash(f.Path)
	fi, err := root.Lstat(name)
	switch {
	case err == nil && fi.Mode().IsRegular() && fi.Size() == int64(len(f.Data)):
		same, err := sameContent(root, name, f.Data, buf)
		if err != nil {
			return false, fmt.Errorf("output: read %s: %w", f.Path, err)
		}
		if same {
			return true, nil
		}
	case err == nil && fi.IsDir():
		// Only hidden leftovers can remain in a folder where a file must go.
		if err := root.RemoveAll(name); err != nil {
			return false, fmt.Errorf("output: replace folder %s by a file: %w", f.Path, err)
		}
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return false, fmt.Errorf("output: write %s: %w", f.Path, err)
	}

	tmp := path.Join(path.Dir(f.Path), tmpPrefix+strconv.FormatUint(rand.Uint64(), 36))
	tmpName := filepath.FromSlash(tmp)
	if err := writeNew(root, tmpName, f.Data); err != nil {
		root.Remove(tmpName)
		return false, fmt.Errorf("output: write %s: %w", f.Path, err)
	}
	// Rename replaces a symlink at name, never the file it points to.
	if err := root.Rename(tmpName, name); err != nil {
		root.Remove(tmpName)
		return false, fmt.Errorf("output: write %s: %w", f.Path, err)
	}
	return false, nil
}

func writeNew(root *os.Root, name string, data []byte) error {
	fh, err := root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = fh.Write(data)
	if cerr := fh.Close(); err == nil {
		err = cerr
	}
	return err
}

// sameContent compares the file with want in chunks, without reading it
// whole into memory.
func sameContent(root *os.Root, name string, want, buf []byte) (bool, error) {
	fh, err := root.Open(name)
	if err != nil {
		return false, err
	}
	defer fh.Close()
	for {
		n, err := io.ReadFull(fh, buf)
		if n > len(want) || !bytes.Equal(buf[:n], want[:n]) {
			return false, nil
		}
		want = want[n:]
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return len(want) == 0, nil
		}
		if err != nil {
			return false, err
		}
	}
}

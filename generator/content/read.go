package content

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"runtime"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"
	"unicode/utf8"

	"playbook/generator/diag"
)

// MaxFileSize is the largest file Read accepts. Anything bigger in content/ is
// almost surely a mistake (a video, a database dump) and would bloat the site.
const MaxFileSize = 32 << 20

// readWorkers bounds concurrent file reads. Reads are I/O bound, so a few more
// than the cores keeps the disk busy without flooding the scheduler.
func readWorkers() int {
	return min(max(runtime.GOMAXPROCS(0)*2, 4), 16)
}

// job is one file to read; the walk fills them in order, workers fill data
// and problems in place so the result stays deterministic.
type job struct {
	path  string
	page  bool
	data  []byte
	mod   time.Time
	probs diag.List
}

// Read walks fsys, the playbook's content/ folder, and reads every file in it.
// .md files go to Tree.Pages, everything else to Tree.Files.
//
// Hidden files and folders (".git", ".DS_Store") and editor leftovers (see
// Ignored) are skipped. Symlinked folders are not followed (a warning), so
// loops cannot hang the walk; a symlinked file is read through fsys, so with
// an os.Root-backed fsys one pointing outside content/ fails. Every problem
// is reported, naming the file, and the walk goes on. When ctx is cancelled
// Read stops and returns a nil Tree with one error saying so.
func Read(ctx context.Context, fsys fs.FS) (*Tree, diag.List) {
	var probs diag.List
	var jobs []*job
	walkErr := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		file := "content/" + p
		if p == "." {
			file = "content/"
		}
		if err != nil {
			// The root itself or a folder that could not be listed.
			probs.Errorf(diag.Pos{File: file}, "cannot read: %s", describe(err))
			if d != nil && d.IsDir() && p != "." {
				return fs.SkipDir
			}
			return nil
		}
		if p == "." {
			return nil
		}
		name := d.Name()
		if Ignored(name) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !utf8.ValidString(p) {
			probs.Errorf(diag.Pos{File: strings.ToValidUTF8(file, "\uFFFD")}, "file name is not valid UTF-8: rename it")
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		mode := d.Type()
		var size int64 = -1
		var mod time.Time
		if mode&fs.ModeSymlink != 0 {
			// fs.Stat follows the link inside fsys; an os.Root refuses to
			// leave content/ and the kernel refuses loops.
			info, serr := fs.Stat(fsys, p)
			if serr != nil {
				probs.Errorf(diag.Pos{File: file}, "cannot read symlink: %s", describe(serr))
				return nil
			}
			if info.IsDir() {
				probs.Warnf(diag.Pos{File: file}, "symlinked folder is not followed: copy the folder into content/ or link single files")
				return nil
			}
			mode, size, mod = info.Mode().Type(), info.Size(), info.ModTime()
		}
		if !mode.IsRegular() {
			probs.Warnf(diag.Pos{File: file}, "skipped: not a regular file")
			return nil
		}
		if size < 0 {
			info, ierr := d.Info()
			if ierr != nil {
				probs.Errorf(diag.Pos{File: file}, "cannot read: %s", describe(ierr))
				return nil
			}
			size, mod = info.Size(), info.ModTime()
		}
		if size > MaxFileSize {
			probs.Errorf(diag.Pos{File: file}, "file is %s, more than the limit of 32 MiB: keep large media outside content/", sizeText(size))
			return nil
		}
		isPage := strings.HasSuffix(name, ".md")
		if !isPage && strings.EqualFold(pathExt(name), ".md") {
			probs.Warnf(diag.Pos{File: file}, "copied as a plain file, not a page: rename it to end in lower-case .md")
		}
		jobs = append(jobs, &job{path: p, page: isPage, mod: mod})
		return nil
	})
	if walkErr != nil {
		if cerr := ctx.Err(); cerr != nil {
			return nil, diag.List{diag.Errorf(diag.Pos{File: "content/"}, "reading stopped: %v", cerr)}
		}
		probs.Errorf(diag.Pos{File: "content/"}, "cannot read: %s", describe(walkErr))
	}

	readAll(ctx, fsys, jobs)
	if cerr := ctx.Err(); cerr != nil {
		return nil, diag.List{diag.Errorf(diag.Pos{File: "content/"}, "reading stopped: %v", cerr)}
	}

	tree := &Tree{Pages: make(map[string][]byte), ModTimes: make(map[string]time.Time)}
	for _, j := range jobs {
		if len(j.probs) > 0 {
			probs = append(probs, j.probs...)
			continue
		}
		if j.page {
			tree.Pages[j.path] = j.data
			if !j.mod.IsZero() {
				tree.ModTimes[j.path] = j.mod
			}
		} else {
			tree.Files = append(tree.Files, File{Path: j.path, Data: j.data})
		}
	}
	sort.Slice(tree.Files, func(a, b int) bool { return tree.Files[a].Path < tree.Files[b].Path })
	probs.Sort()
	return tree, probs
}

// readAll reads every job's file with a bounded pool of goroutines.
func readAll(ctx context.Context, fsys fs.FS, jobs []*job) {
	next := make(chan *job)
	var wg sync.WaitGroup
	for range min(readWorkers(), len(jobs)) {
		wg.Go(func() {
			for j := range next {
				if ctx.Err() != nil {
					continue
				}
				data, err := readLimited(fsys, j.path)
				if err != nil {
					j.probs.Errorf(diag.Pos{File: "content/" + j.path}, "%s", err)
					continue
				}
				j.data = data
			}
		})
	}
	for _, j := range jobs {
		if ctx.Err() != nil {
			break
		}
		next <- j
	}
	close(next)
	wg.Wait()
}

// readLimited reads a file, failing if it grew past MaxFileSize since the walk.
func readLimited(fsys fs.FS, p string) ([]byte, error) {
	f, err := fsys.Open(p)
	if err != nil {
		return nil, fmt.Errorf("cannot read: %s", describe(err))
	}
	defer f.Close()
	var buf []byte
	if st, serr := f.Stat(); serr == nil && st.Size() > 0 && st.Size() <= MaxFileSize {
		buf = make([]byte, 0, st.Size()+1) // +1 so ReadAll sees EOF without growing
	}
	data, err := readInto(buf, io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read: %s", describe(err))
	}
	if len(data) > MaxFileSize {
		return nil, errors.New("file is more than the limit of 32 MiB: keep large media outside content/")
	}
	return data, nil
}

// readInto is io.ReadAll appending to buf.
func readInto(buf []byte, r io.Reader) ([]byte, error) {
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

// describe turns an fs error into a short reason without the path, which the
// diagnostic already names.
func describe(err error) string {
	switch {
	case errors.Is(err, syscall.ELOOP):
		return "symlink loop (links pointing at themselves or at each other)"
	case errors.Is(err, fs.ErrNotExist):
		return "the file or its symlink target does not exist"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	msg := err.Error()
	// os.Root reports links leaving content/ with an unexported error; say
	// what it means for an author.
	if strings.Contains(msg, "escapes") {
		return "symlink points outside content/ (" + msg + ")"
	}
	return msg
}

// Ignored reports whether a file or folder name is skipped by Read: hidden
// names and the temporary, swap and backup files editors leave behind.
func Ignored(name string) bool {
	if name == "" || name[0] == '.' { // hidden, and Emacs lock files ".#x"
		return true
	}
	switch {
	case name == "4913": // Vim's write test file
		return true
	case strings.HasSuffix(name, "~"): // Emacs, gedit backups
		return true
	case len(name) > 1 && name[0] == '#' && name[len(name)-1] == '#': // Emacs autosave
		return true
	case strings.HasPrefix(name, "~$"): // Office lock files
		return true
	}
	switch pathExt(name) {
	case ".swp", ".swx", ".swo", ".tmp":
		return true
	}
	return false
}

func pathExt(name string) string {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		return strings.ToLower(name[i:])
	}
	return ""
}

func sizeText(n int64) string {
	return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
}

package build

import (
	"bytes"
	"io"
	"io/fs"
	"path"
	"strings"
	"sync"
)

// Snapshot is a read-through cache over a playbook folder for watch mode: a
// rebuild reads only the files and folders that changed since the last one.
// Callers report changes with Forget; everything else is served from memory.
// A Snapshot is safe for concurrent use.
type Snapshot struct {
	base fs.FS

	mu    sync.Mutex
	files map[string]*cachedFile
	dirs  map[string][]fs.DirEntry
}

type cachedFile struct {
	data []byte
	info fs.FileInfo
}

// NewSnapshot caches reads from base (usually an os.Root's FS).
func NewSnapshot(base fs.FS) *Snapshot {
	return &Snapshot{base: base, files: map[string]*cachedFile{}, dirs: map[string][]fs.DirEntry{}}
}

// Forget drops what is cached for the slash paths (relative to the root) and
// for every folder on the way to them. A folder's path drops everything below.
func (s *Snapshot) Forget(paths ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range paths {
		p = path.Clean(p)
		if p == "." || p == "/" || p == "" {
			clear(s.files)
			clear(s.dirs)
			return
		}
		prefix := p + "/"
		delete(s.files, p)
		delete(s.dirs, p)
		for k := range s.files {
			if strings.HasPrefix(k, prefix) {
				delete(s.files, k)
			}
		}
		for k := range s.dirs {
			if strings.HasPrefix(k, prefix) {
				delete(s.dirs, k)
			}
		}
		for d := path.Dir(p); ; d = path.Dir(d) {
			delete(s.dirs, d)
			if d == "." || d == "/" {
				break
			}
		}
	}
}

// ForgetAll empties the cache.
func (s *Snapshot) ForgetAll() { s.Forget(".") }

// Open serves a cached regular file, or reads it through and caches it.
// Folders and anything else go to the base FS.
func (s *Snapshot) Open(name string) (fs.File, error) {
	s.mu.Lock()
	c, ok := s.files[name]
	s.mu.Unlock()
	if ok {
		return &memFile{Reader: bytes.NewReader(c.data), info: c.info}, nil
	}
	f, err := s.base.Open(name)
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() {
		return f, nil
	}
	data, err := io.ReadAll(f)
	f.Close()
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	s.mu.Lock()
	s.files[name] = &cachedFile{data: data, info: info}
	s.mu.Unlock()
	return &memFile{Reader: bytes.NewReader(data), info: info}, nil
}

// ReadDir lists a folder, caching the entries with their file info so a walk
// of an unchanged tree makes no system calls.
func (s *Snapshot) ReadDir(name string) ([]fs.DirEntry, error) {
	s.mu.Lock()
	list, ok := s.dirs[name]
	s.mu.Unlock()
	if ok {
		return list, nil
	}
	raw, err := fs.ReadDir(s.base, name)
	if err != nil {
		return nil, err
	}
	list = make([]fs.DirEntry, len(raw))
	for i, d := range raw {
		info, ierr := d.Info()
		if ierr != nil {
			list[i] = d // report the error when the walk asks
			continue
		}
		list[i] = fs.FileInfoToDirEntry(info)
	}
	s.mu.Lock()
	s.dirs[name] = list
	s.mu.Unlock()
	return list, nil
}

// Stat follows symlinks like the base FS does; it is not cached, since only
// symlinked files are stat'ed this way.
func (s *Snapshot) Stat(name string) (fs.FileInfo, error) { return fs.Stat(s.base, name) }

type memFile struct {
	*bytes.Reader
	info fs.FileInfo
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *memFile) Close() error               { return nil }

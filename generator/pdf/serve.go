package pdf

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"net"
	"net/http"
	"path"
	"strings"
	"time"

	"playbook/generator/output"
)

// Server serves a built site from memory on 127.0.0.1 for the browser to
// load, the way a static host does. It lives only as long as one print.
type Server struct {
	// URL is the site's root: scheme, host and base path, ending in "/".
	URL string
	srv *http.Server
}

// Serve starts serving files below base (the site's base path, "/" or
// "/team/") on a free port of 127.0.0.1.
func Serve(files []output.File, base string) (*Server, error) {
	if !strings.HasPrefix(base, "/") {
		base = "/" + base
	}
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	byPath := make(map[string][]byte, len(files))
	for _, f := range files {
		byPath[f.Path] = f.Data
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("serve the site for the browser: %w", err)
	}
	srv := &http.Server{Handler: handler(byPath, base), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	return &Server{URL: "http://" + ln.Addr().String() + base, srv: srv}, nil
}

// Close stops the server.
func (s *Server) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := s.srv.Shutdown(ctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return s.srv.Close()
	}
	return nil
}

// handler maps "/base/x/" to x/index.html and answers misses with 404.html.
func handler(files map[string][]byte, base string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		clean := path.Clean("/" + r.URL.Path)
		if strings.HasSuffix(r.URL.Path, "/") && clean != "/" {
			clean += "/"
		}
		rel, ok := strings.CutPrefix(clean, base)
		if !ok && clean+"/" == base {
			rel, ok = "", true
		}
		status := http.StatusOK
		var data []byte
		if ok {
			if rel == "" || strings.HasSuffix(rel, "/") {
				rel += "index.html"
			}
			data, ok = files[rel]
			if !ok {
				if _, dir := files[rel+"/index.html"]; dir {
					http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
					return
				}
			}
		}
		if !ok {
			rel, data, status = "404.html", files["404.html"], http.StatusNotFound
		}
		if ct := mime.TypeByExtension(path.Ext(rel)); ct != "" {
			w.Header().Set("Content-Type", ct)
		}
		w.WriteHeader(status)
		_, _ = w.Write(data)
	})
}

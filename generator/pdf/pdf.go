package pdf

import (
	"bytes"
	"context"
	"strings"

	"playbook/generator/output"
	"playbook/generator/site"
)

// PrintPage prints page p of a built site (files, as rendered for s): it
// serves the files on 127.0.0.1 for the duration of the print and loads the
// page in Chromium. Find p with Resolve.
func PrintPage(ctx context.Context, s *site.Site, files []output.File, p *site.Page, opt Options) ([]byte, error) {
	srv, err := Serve(files, basePath(s))
	if err != nil {
		return nil, err
	}
	defer srv.Close()
	return PrintURL(ctx, srv.URL+strings.TrimPrefix(p.URL, "/"), opt)
}

// CountPages counts the page objects of a PDF as Chromium writes them
// (uncompressed object dictionaries), for the one-line summary.
func CountPages(data []byte) int {
	n := 0
	for _, key := range [][]byte{[]byte("/Type /Page"), []byte("/Type/Page")} {
		rest := data
		for {
			i := bytes.Index(rest, key)
			if i < 0 {
				break
			}
			rest = rest[i+len(key):]
			if len(rest) == 0 || !isNameChar(rest[0]) {
				n++
			}
		}
	}
	return n
}

// isNameChar reports whether c continues a PDF name ("/Pages" after "/Page").
func isNameChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// Package output is the only code that writes the site to disk.
package output

// File is one file of the built site, held in memory until written.
type File struct {
	// Path is the slash path inside the output folder, e.g. "objections/zu-teuer/index.html".
	Path string
	Data []byte
}

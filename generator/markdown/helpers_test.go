package markdown

// fakeResolver knows a fixed set of pages and files.
type fakeResolver struct {
	pages, files map[string]string
}

func (r fakeResolver) Page(p string) (string, bool) { u, ok := r.pages[p]; return u, ok }
func (r fakeResolver) File(p string) (string, bool) { u, ok := r.files[p]; return u, ok }

var testResolver = fakeResolver{
	pages: map[string]string{
		"_index.md":                    "/",
		"objections/_index.md":         "/objections/",
		"objections/preis/start.md":    "/objections/preis/start/",
		"objections/preis/zu-teuer.md": "/objections/preis/zu-teuer/",
		"objections/kein budget.md":    "/objections/kein-budget/",
		"pitches.md":                   "/pitches/",
		"pitches/elevator.md":          "/pitches/elevator/",
	},
	files: map[string]string{
		"objections/preis/bild.png": "/objections/preis/bild.png",
		"files/preisliste.pdf":      "/files/preisliste.pdf",
		"files/mit leerzeichen.pdf": "/files/mit%20leerzeichen.pdf",
	},
}

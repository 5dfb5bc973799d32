package render

import (
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"

	"playbook/generator/markdown"
	"playbook/generator/page"
	"playbook/generator/site"
)

// bigSite is the fixture plus n objection pages spread over 10 folders.
func bigSite(n int) *site.Site {
	s := testSite()
	home := s.Home
	tags := s.Taxonomies[0].Terms[1]
	var body strings.Builder
	for range 4 {
		body.WriteString("<h2 id=\"x\">Abschnitt</h2>\n<p>Wenn der Kunde sagt, dass kein Budget da ist, frag nach dem Zeitpunkt der nächsten Planung.</p>\n")
	}
	body.WriteString(scriptHTML(40, 18, `<p>Verstehe ich, <span class="ph" data-ph="Vorname">{{Vorname}}</span>.</p>`))
	html := []byte(body.String())
	for f := range 10 {
		folder := &site.Page{
			Page: &page.Page{Source: fmt.Sprintf("bulk%d/_index.md", f), URL: fmt.Sprintf("/bulk%d/", f), IsFolder: true,
				Kind: page.KindObjection, Title: fmt.Sprintf("Ordner %d", f), Section: fmt.Sprintf("bulk%d", f)},
			Doc:         &markdown.Document{},
			Parent:      home,
			Breadcrumbs: []*site.Page{home},
		}
		s.Pages = append(s.Pages, folder)
		s.Sections = append(s.Sections, folder)
		for i := range n / 10 {
			p := &site.Page{
				Page: &page.Page{Source: fmt.Sprintf("bulk%d/p%d.md", f, i), URL: fmt.Sprintf("/bulk%d/p%d/", f, i),
					Kind: page.KindObjection, Title: fmt.Sprintf("Einwand %d", i), Summary: "Kurz gesagt: kein Geld.",
					Objection: &page.Objection{Objection: "Zu teuer."}, Tags: []string{"preis"}, Section: folder.Section},
				Doc:         &markdown.Document{HTML: html, Placeholders: []string{"Vorname"}},
				Parent:      folder,
				Breadcrumbs: []*site.Page{home, folder},
				Terms:       []site.TermRef{{Taxonomy: "tags", Name: "preis", URL: tags.URL}},
			}
			folder.Children = append(folder.Children, p)
			tags.Pages = append(tags.Pages, p)
			s.Pages = append(s.Pages, p)
		}
	}
	return s
}

func BenchmarkRender10k(b *testing.B) {
	s := bigSite(10000)
	th := loadTheme(b)
	b.ResetTimer()
	cpu0 := cpuTime()
	for b.Loop() {
		if _, err := Render(s, th); err != nil {
			b.Fatal(err)
		}
	}
	n := float64(b.N) * float64(len(s.Pages))
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/n, "ns/page")
	// CPU time per page, all threads: steadier than wall time on a shared machine.
	b.ReportMetric(float64((cpuTime()-cpu0).Nanoseconds())/n, "cpu-ns/page")
}

// cpuTime is the process's user plus system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

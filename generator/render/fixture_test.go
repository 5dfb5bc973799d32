package render

import (
	"fmt"
	"strings"
	"time"

	"playbook/generator/config"
	"playbook/generator/content"
	"playbook/generator/markdown"
	"playbook/generator/page"
	"playbook/generator/site"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// scriptHTML is a script card as generator/markdown emits it (DOM.md).
func scriptHTML(words, secs int, text string) string {
	return fmt.Sprintf(`<figure class="script" data-script data-words="%d" data-seconds="%d">`+
		`<figcaption class="script-head"><span class="script-label">Skript</span>`+
		`<span class="script-time" title="geschätzte Sprechzeit">≈ %d s</span></figcaption>`+
		`<div class="script-text" data-script-text>%s</div>`+
		`<button type="button" class="script-copy" data-script-copy hidden>Kopieren</button></figure>`+"\n",
		words, secs, secs, text)
}

const checklistHTML = `<ul class="checklist" data-checklist>
<li class="task" data-task="1a2b3c4d"><label><input type="checkbox" class="task-box" data-task-box> Termin bestätigt</label></li>
<li class="task" data-task="5e6f7a8b"><label><input type="checkbox" class="task-box" data-task-box checked> Agenda geschickt</label></li>
</ul>
`

// testSite builds a small site by hand: one page of every kind, a folder, the
// home page, three taxonomies, an alias and a content file.
func testSite() *site.Site {
	cfg := config.Default()
	cfg.Title = "Vertriebs-Playbook"
	cfg.BaseURL = "https://playbook.example.com/team/"
	cfg.Placeholders = map[string]string{"Vorname": "Vorname der Ansprechperson", "Firma": "Firma des Interessenten"}

	mk := func(src, url, title string, kind page.Kind, html string) *site.Page {
		sec := ""
		if i := strings.Index(strings.Trim(url, "/"), "/"); i > 0 {
			sec = strings.Trim(url, "/")[:i]
		} else if url != "/" {
			sec = strings.Trim(url, "/")
		}
		return &site.Page{
			Page: &page.Page{Source: src, URL: url, Section: sec, Kind: kind, Title: title},
			Doc:  &markdown.Document{HTML: []byte(html)},
		}
	}

	home := mk("_index.md", "/", "Vertriebs-Playbook", page.KindPage, "<p>Alles, was du im Gespräch brauchst.</p>\n")
	home.IsFolder = true
	home.Doc.Summary = "Alles, was du im Gespräch brauchst."
	home.Summary = home.Doc.Summary

	objs := mk("objections/_index.md", "/objections/", "Einwände", page.KindObjection, "<p>Die häufigsten Einwände.</p>\n")
	objs.IsFolder = true
	objs.Summary = "Antworten auf die häufigsten Einwände."

	budget := mk("objections/kein-budget.md", "/objections/kein-budget/", "Kein Budget", page.KindObjection,
		`<h2 id="antwort">Antwort<a class="anchor" href="#antwort" aria-hidden="true">#</a></h2>`+"\n"+
			scriptHTML(24, 11, `<p>Verstehe ich, <span class="ph" data-ph="Vorname">{{Vorname}}</span>.<br>Darf ich fragen, wie <span class="ph" data-ph="Firma">{{Firma}}</span> heute plant?</p>`)+
			`<div class="alert alert-tip" role="note"><p class="alert-title">Tipp</p><p>Nicht über den Preis reden.</p></div>`+"\n")
	budget.Summary = "Wenn der Interessent sagt, es sei kein Geld da."
	budget.Objection = &page.Objection{Objection: "Wir haben dafür kein Budget.", Category: "Preis"}
	budget.Tags = []string{"kein budget", "preis"}
	budget.Personas = []string{"CFO"}
	budget.Stage = "negotiation"
	budget.Owner = "Anna Berger"
	budget.Version = "3"
	budget.Updated = day("2025-03-02")
	budget.ReviewBy = day("2025-06-01")
	budget.Overdue = true
	budget.Doc.Placeholders = []string{"Vorname", "Firma"}
	budget.Doc.Scripts = []markdown.Script{{Words: 24, Seconds: 11}}
	budget.Weight = 1

	pitch := mk("pitches/elevator.md", "/pitches/elevator/", "Elevator Pitch", page.KindPitch,
		scriptHTML(91, 42, `<p>Wir helfen Vertriebsteams, schneller zu antworten.</p>`))
	pitch.Pitch = &page.Pitch{Duration: 30 * time.Second, DurationText: "30s", Audience: "Geschäftsführung"}
	pitch.Doc.Scripts = []markdown.Script{{Words: 91, Seconds: 42}}
	pitch.Summary = "Dreißig Sekunden für den ersten Eindruck."

	vm := mk("voicemails/erstkontakt.md", "/voicemails/erstkontakt/", "Erstkontakt", page.KindVoicemail,
		scriptHTML(50, 25, `<p>Hallo <span class="ph" data-ph="Vorname">{{Vorname}}</span>, hier ist Anna.</p>`))
	vm.Voicemail = &page.Voicemail{MaxSeconds: 30}
	vm.Doc.Scripts = []markdown.Script{{Words: 50, Seconds: 25}}
	vm.Doc.Placeholders = []string{"Vorname"}
	vm.Summary = "Kurze Nachricht nach dem ersten Anrufversuch."

	cad := mk("cadences/neukunde.md", "/cadences/neukunde/", "Neukunden-Kadenz", page.KindCadence, "<p>Zwei Wochen, fünf Kontakte.</p>\n")
	cad.Cadence = &page.Cadence{Steps: []page.Step{
		{Day: 1, Channel: "call", Note: "Vormittags anrufen."},
		{Day: 1, Channel: "voicemail", Template: "voicemails/erstkontakt"},
		{Day: 3, Channel: "email"},
		{Day: 7, Channel: "Fax", Note: "Nur wenn gewünscht."},
	}}
	cad.StepPages = []*site.Page{nil, vm, nil, nil}
	cad.Summary = "Zwei Wochen, fünf Kontakte."
	cad.Doc.Summary = cad.Summary
	vm.UsedBy = []*site.Page{cad}

	ret := mk("retention/kuendigung.md", "/retention/kuendigung/", "Kündigung droht", page.KindRetention, "<p>So reagierst du.</p>\n")
	ret.Retention = &page.Retention{Trigger: "Der Kunde fragt nach der Kündigungsfrist.", Signals: []string{"Weniger Logins", "Ansprechpartner gewechselt"}}
	ret.Summary = "Wenn ein Kunde abspringen will."

	chk := mk("checklists/erstgespraech.md", "/checklists/erstgespraech/", "Erstgespräch", page.KindChecklist, checklistHTML)
	chk.Summary = "Vor dem ersten Termin."

	ws := mk("workshops/onboarding.md", "/workshops/onboarding/", "Onboarding-Workshop", page.KindWorkshop, "<p>Ein halber Tag für neue Kolleginnen und Kollegen.</p>\n")
	ws.Workshop = &page.Workshop{Pages: []string{"checklists/erstgespraech", "objections/kein-budget"}}
	ws.Handout = []*site.Page{chk, budget}
	ws.Summary = "Handout für den ersten Tag."
	ws.Updated = day("2025-02-01")

	about := mk("ueber.md", "/ueber/", "Über dieses Playbook", page.KindPage,
		`<p>So pflegst du das CRM-Feld:</p>`+"\n"+`<pre class="chroma"><code class="language-json"><span class="p">{</span><span class="nt">&#34;stage&#34;</span><span class="p">:</span> <span class="s2">&#34;demo&#34;</span><span class="p">}</span></code></pre>`+"\n")
	about.Summary = "Wie dieses Playbook entsteht."

	all := []*site.Page{home, objs, budget, pitch, vm, cad, ret, chk, ws, about}
	for _, p := range all[1:] {
		p.Breadcrumbs = []*site.Page{home}
		p.Parent = home
	}
	budget.Breadcrumbs = []*site.Page{home, objs}
	budget.Parent = objs
	objs.Children = []*site.Page{budget}
	budget.Backlinks = []*site.Page{ws}
	budget.Related = []*site.Page{pitch}

	terms := func(name string, pairs ...string) *site.Taxonomy {
		tax := &site.Taxonomy{Name: name, URL: "/" + name + "/"}
		for i := 0; i < len(pairs); i += 2 {
			tax.Terms = append(tax.Terms, &site.Term{Name: pairs[i], Slug: pairs[i+1], URL: "/" + name + "/" + pairs[i+1] + "/", Pages: []*site.Page{budget}})
		}
		return tax
	}
	tags := terms("tags", "kein budget", "kein-budget", "preis", "preis")
	personas := terms("personas", "CFO", "cfo")
	stages := terms("stages", "Verhandlung", "negotiation")
	for _, tax := range []*site.Taxonomy{tags, personas, stages} {
		for _, t := range tax.Terms {
			budget.Terms = append(budget.Terms, site.TermRef{Taxonomy: tax.Name, Name: t.Name, URL: t.URL})
		}
	}

	s := &site.Site{
		Config:     cfg,
		Now:        day("2025-07-01"),
		Pages:      all,
		Home:       home,
		ByURL:      map[string]*site.Page{},
		BySource:   map[string]*site.Page{},
		Sections:   []*site.Page{objs},
		Taxonomies: []*site.Taxonomy{tags, personas, stages},
		Files:      []content.File{{Path: "objections/bild.png", Data: []byte("\x89PNG fake")}},
		Aliases:    []site.Alias{{From: "/alt/budget/", To: "/objections/kein-budget/", Page: budget}},
	}
	for _, p := range all {
		s.ByURL[p.URL] = p
		s.BySource[p.Source] = p
	}
	return s
}

package render

import (
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"

	"playbook/generator/page"
	"playbook/generator/site"
)

// timing compares a pitch's target duration or a voicemail's limit with the
// estimated speaking time of its scripts (seconds). A pitch's scripts count
// together (they are one pitch), a voicemail's each on its own (one is left
// on the line): the same rule as the build's warnings.
type timing struct {
	TargetKey string // i18n key of the target's label
	Target    int    // 0 when the page sets none
	Est       int    // estimated speaking time
	Count     int    // scripts on the page
	WPM       int    // the speaking rate the estimate assumes
	Over      bool
	Diff      int // |Est - Target| when both are known

	// The bar drawn under the numbers, in percent of Scale seconds (a little
	// more than the larger of Est and Target, so the target mark shows).
	Scale     int
	EstPct    string
	TargetPct string

	// The texts the template prints, built here (template calls are what
	// rendering spends its time on): the estimate's tooltip, "42 s", the
	// target with its label, the target alone, and the verdict.
	WPMTitle    string
	EstText     string
	TargetText  string
	TargetClock string
	Verdict     string
}

func (e *env) timingOf(p *site.Page) *timing {
	t := &timing{WPM: e.s.Config.WPM()}
	pitch := false
	switch {
	case p.Pitch != nil:
		t.TargetKey = "timing.target"
		t.Target = int(p.Pitch.Duration.Seconds())
		pitch = true
	case p.Voicemail != nil:
		t.TargetKey = "timing.max"
		t.Target = p.Voicemail.MaxSeconds
	default:
		return nil
	}
	if p.Doc != nil {
		for _, s := range p.Doc.Scripts {
			if pitch {
				t.Est += s.Seconds
			} else {
				t.Est = max(t.Est, s.Seconds)
			}
			t.Count++
		}
	}
	if t.Target == 0 && t.Count == 0 {
		return nil
	}
	if t.Target > 0 && t.Count > 0 {
		t.Over = t.Est > t.Target
		t.Diff = t.Est - t.Target
		if t.Diff < 0 {
			t.Diff = -t.Diff
		}
	}
	t.Scale = max(t.Est, t.Target) * 11 / 10
	if t.Scale < 1 {
		t.Scale = 1
	}
	t.EstPct = pct(t.Est, t.Scale)
	t.TargetPct = pct(t.Target, t.Scale)
	t.WPMTitle = fmt.Sprintf(e.tr("timing.wpm", "%d words per minute"), t.WPM)
	t.EstText = clock(t.Est)
	t.TargetClock = clock(t.Target)
	t.TargetText = e.tr(t.TargetKey, "") + " " + t.TargetClock
	if t.Over {
		t.Verdict = fmt.Sprintf(e.tr("timing.over", "%s over"), clock(t.Diff))
	} else {
		t.Verdict = fmt.Sprintf(e.tr("timing.ok", "%s left"), clock(t.Diff))
	}
	return t
}

func pct(n, of int) string {
	return strconv.FormatFloat(float64(n)*100/float64(of), 'f', 1, 64)
}

type cadenceDay struct {
	Day   int
	Label string // "Tag 3", in the interface language
	Steps []cadenceStep
}

type cadenceStep struct {
	Channel  string
	Label    string
	Icon     string // symbol id in icons.svg
	IconHref string // the symbol's URL: icons.svg#Icon
	Note     string
	Page     *entry // the step's template page, nil when none
}

// channelIcons are the channels with a symbol of their own in icons.svg.
var channelIcons = map[string]bool{
	"call": true, "email": true, "voicemail": true, "linkedin": true,
	"visit": true, "letter": true, "sms": true, "video": true,
}

// cadence is what a cadence page shows above its text: the steps by day, a
// one-line summary and the name of its calendar file.
type cadence struct {
	Days  []cadenceDay
	Steps int
	Span  int    // last day
	File  string // calendar file name without extension
	UID   string // stable part of the events' UIDs
}

// cadenceOf groups a cadence's steps by day, keeping the order of the front
// matter within a day; days ascend.
func (e *env) cadenceOf(p *site.Page) *cadence {
	if p.Cadence == nil || len(p.Cadence.Steps) == 0 {
		return nil
	}
	idx := make([]int, len(p.Cadence.Steps))
	for i := range idx {
		idx[i] = i
	}
	steps := p.Cadence.Steps
	sort.SliceStable(idx, func(a, b int) bool { return steps[idx[a]].Day < steps[idx[b]].Day })
	c := &cadence{Steps: len(steps), File: slugFile(p.URL), UID: strings.Trim(p.URL, "/")}
	icons := ""
	if ip, ok := e.th.AssetPath("icons.svg"); ok {
		icons = e.base + ip
	}
	for _, i := range idx {
		st := steps[i]
		ch := strings.ToLower(strings.TrimSpace(st.Channel))
		cs := cadenceStep{Channel: st.Channel, Label: e.tr("channel."+ch, st.Channel), Icon: "other", Note: st.Note}
		if channelIcons[ch] {
			cs.Icon = ch
		}
		cs.IconHref = icons + "#" + cs.Icon
		if i < len(p.StepPages) && p.StepPages[i] != nil {
			cs.Page = e.entry(p.StepPages[i])
		}
		if n := len(c.Days); n == 0 || c.Days[n-1].Day != st.Day {
			c.Days = append(c.Days, cadenceDay{Day: st.Day, Label: fmt.Sprintf(e.tr("cadence.day", "Day %d"), st.Day)})
		}
		c.Days[len(c.Days)-1].Steps = append(c.Days[len(c.Days)-1].Steps, cs)
		c.Span = max(c.Span, st.Day)
	}
	return c
}

// slugFile names a download after the page: "/cadences/neu/" -> "neu".
func slugFile(u string) string {
	name := path.Base(strings.Trim(u, "/"))
	if name == "." || name == "/" || name == "" {
		return "cadence"
	}
	return name
}

// usage is a cadence that uses a page as a step template, with the days.
type usage struct {
	*entry
	Days string // "Tag 1, Tag 21"
}

func (e *env) usages(p *site.Page) []usage {
	if len(p.UsedBy) == 0 {
		return nil
	}
	out := make([]usage, 0, len(p.UsedBy))
	for _, c := range p.UsedBy {
		if c == nil {
			continue
		}
		var days []string
		seen := map[int]bool{}
		if c.Cadence != nil {
			for i, sp := range c.StepPages {
				if sp == p && i < len(c.Cadence.Steps) && !seen[c.Cadence.Steps[i].Day] {
					d := c.Cadence.Steps[i].Day
					seen[d] = true
					days = append(days, fmt.Sprintf(e.tr("cadence.day", "Day %d"), d))
				}
			}
		}
		out = append(out, usage{entry: e.entry(c), Days: strings.Join(days, ", ")})
	}
	return out
}

// facts is the short line a listing shows under a page's title: the timing
// of a pitch or voicemail, the size of a cadence or checklist.
func (e *env) facts(p *site.Page) string {
	switch {
	case p.Pitch != nil || p.Voicemail != nil:
		t := e.timingOf(p)
		if t == nil {
			return ""
		}
		s := ""
		if t.Count > 0 {
			s = "≈ " + clock(t.Est)
		}
		if t.Target > 0 {
			if s != "" {
				s += " · "
			}
			s += e.tr(t.TargetKey, "") + " " + clock(t.Target)
		}
		return s
	case p.Cadence != nil && len(p.Cadence.Steps) > 0:
		last := 0
		for _, st := range p.Cadence.Steps {
			last = max(last, st.Day)
		}
		return e.trn("facts.steps", len(p.Cadence.Steps)) + " · " + e.trn("facts.days", last)
	case p.Kind == page.KindChecklist && p.Doc != nil && len(p.Doc.Tasks) > 0:
		return e.trn("facts.tasks", len(p.Doc.Tasks))
	}
	return ""
}

// trn is the template function tn in Go: key.one or key.other with n.
func (e *env) trn(key string, n int) string {
	k := key + ".other"
	if n == 1 {
		k = key + ".one"
	}
	return fmt.Sprintf(e.tr(k, "%d"), n)
}

// clock formats a speaking time as the template function seconds does.
func clock(n int) string {
	if n < 60 {
		return fmt.Sprintf("%d s", n)
	}
	return fmt.Sprintf("%d:%02d min", n/60, n%60)
}

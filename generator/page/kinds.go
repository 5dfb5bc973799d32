package page

import (
	"strconv"
	"time"
)

// kindFields fills the struct of p's kind from the fields that belong to
// it (f holds only those, by name).
func (b *builder) kindFields(p *Page, f map[string]*value, startLine int) {
	switch p.Kind {
	case KindObjection:
		p.Objection = &Objection{}
		if v := f["objection"]; v != nil {
			p.Objection.Objection, _ = b.text("objection", v)
		}
		if v := f["category"]; v != nil {
			p.Objection.Category, _ = b.text("category", v)
		}
	case KindPitch:
		p.Pitch = &Pitch{}
		if v := f["duration"]; v != nil {
			p.Pitch.Duration, p.Pitch.DurationText = b.duration(v)
		}
		if v := f["audience"]; v != nil {
			p.Pitch.Audience, _ = b.text("audience", v)
		}
	case KindVoicemail:
		p.Voicemail = &Voicemail{}
		if v := f["max_seconds"]; v != nil {
			if n, ok := b.whole("max_seconds", v); ok {
				if n < 1 || n > 3600 {
					b.errorf(v.line, "max_seconds must be a number of seconds from 1 to 3600, not %d", n)
				} else {
					p.Voicemail.MaxSeconds = int(n)
				}
			}
		}
	case KindCadence:
		p.Cadence = &Cadence{}
		line := startLine
		if v := f["steps"]; v != nil {
			line = v.line
			p.Cadence.Steps = b.steps(v)
		}
		if len(p.Cadence.Steps) == 0 && !p.IsFolder && !b.errs.HasErrors() {
			b.warnf(line, "cadence has no steps: add [[steps]] with day and channel (TOML) or a steps: list (YAML)")
		}
	case KindRetention:
		p.Retention = &Retention{}
		if v := f["trigger"]; v != nil {
			p.Retention.Trigger, _ = b.text("trigger", v)
		}
		if v := f["signals"]; v != nil {
			p.Retention.Signals, _ = b.list("signals", v)
		}
	case KindWorkshop:
		p.Workshop = &Workshop{}
		line := startLine
		if v := f["pages"]; v != nil {
			line = v.line
			list, lines := b.list("pages", v)
			for i, s := range list {
				if ps := pagePath(s); ps != "" {
					p.Workshop.Pages = append(p.Workshop.Pages, ps)
				} else {
					b.errorf(lines[i], "pages: entry %q is not a page path", s)
				}
			}
		}
		// A section's own _index.md introduces the folder: it lists no handout.
		if len(p.Workshop.Pages) == 0 && !p.IsFolder {
			b.errorf(line, "a workshop needs pages: a list of page paths such as \"checklists/erstgespraech\", printed in that order")
		}
	}
}

// duration reads a pitch's speaking time: text such as "2min" or a number
// of seconds.
func (b *builder) duration(v *value) (time.Duration, string) {
	switch v.kind {
	case vNull:
		return 0, ""
	case vInt, vFloat:
		secs := v.f
		if v.kind == vInt {
			secs = float64(v.i)
		}
		if secs > 0 && secs <= maxDuration.Seconds() {
			return time.Duration(secs * float64(time.Second)), v.text
		}
	case vString:
		if d, ok := ParseDuration(v.text); ok {
			return d, v.text
		}
	}
	b.errorf(v.line, "duration must be a speaking time such as \"30s\", \"2min\" or \"1:30\", not %s", v.describe())
	return 0, ""
}

// stepFields are the fields a cadence step may have.
var stepFields = map[string]bool{"day": true, "channel": true, "template": true, "note": true}

// steps reads a cadence's steps in the order written.
func (b *builder) steps(v *value) []Step {
	if v.kind == vNull {
		return nil
	}
	if v.kind != vList {
		b.errorf(v.line, "steps must be a list of steps ([[steps]] tables in TOML, a list of \"- day: ...\" entries in YAML), not %s", v.describe())
		return nil
	}
	var out []Step
	prevDay := 0
	for i, it := range v.items {
		n := i + 1
		if it.kind != vMap {
			b.errorf(it.line, "step %d must be a table with day and channel, not %s", n, it.describe())
			continue
		}
		st := Step{Line: it.line}
		ok := true
		if d := it.get("day"); d == nil || d.kind == vNull {
			b.errorf(it.line, "step %d: day is required (a whole number from 1 on)", n)
			ok = false
		} else if day, good := b.whole("step "+strconv.Itoa(n)+": day", d); !good {
			ok = false
		} else if day < 1 || day > 100000 {
			b.errorf(d.line, "step %d: day must be a whole number from 1 on, not %d", n, day)
			ok = false
		} else {
			st.Day = int(day)
		}
		if c := it.get("channel"); c == nil || c.kind == vNull {
			b.errorf(it.line, "step %d: channel is required (call, email, voicemail, linkedin, visit, letter, ...)", n)
			ok = false
		} else if s, good := b.text("step "+strconv.Itoa(n)+": channel", c); !good {
			ok = false
		} else if s == "" {
			b.errorf(c.line, "step %d: channel must not be empty", n)
			ok = false
		} else {
			st.Channel = s
		}
		if t := it.get("template"); t != nil {
			if s, good := b.text("step "+strconv.Itoa(n)+": template", t); good {
				st.Template = pagePath(s)
			}
		}
		if nt := it.get("note"); nt != nil {
			st.Note, _ = b.text("step "+strconv.Itoa(n)+": note", nt)
		}
		for j, k := range it.keys {
			if !stepFields[k] {
				b.warnf(it.vals[j].line, "step %d: unknown field %q is ignored (a step has day, channel, template and note)", n, k)
			}
		}
		if !ok {
			continue
		}
		if st.Day < prevDay {
			b.warnf(st.Line, "step %d is on day %d, before day %d of the step above: steps are shown in the order written", n, st.Day, prevDay)
		}
		prevDay = st.Day
		out = append(out, st)
	}
	return out
}

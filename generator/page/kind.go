package page

import "strings"

// sectionKinds maps a top-level content folder to the kind of its pages.
var sectionKinds = map[string]Kind{
	"objections": KindObjection,
	"pitches":    KindPitch,
	"cadences":   KindCadence,
	"voicemails": KindVoicemail,
	"retention":  KindRetention,
	"checklists": KindChecklist,
	"workshops":  KindWorkshop,
}

// kindFields lists the front-matter fields that belong to one kind only.
// Such a field on a page of another kind is kept in Params with a warning.
var kindFields = map[string]Kind{
	"objection":   KindObjection,
	"category":    KindObjection,
	"duration":    KindPitch,
	"audience":    KindPitch,
	"max_seconds": KindVoicemail,
	"steps":       KindCadence,
	"trigger":     KindRetention,
	"signals":     KindRetention,
	"pages":       KindWorkshop,
}

// KindForSection is the kind of pages in a top-level folder: "objections" →
// KindObjection, "pitches" → KindPitch, and so on; KindPage for any other
// folder and for "" (the content root). Case is ignored.
func KindForSection(section string) Kind {
	if k, ok := sectionKinds[strings.ToLower(section)]; ok {
		return k
	}
	return KindPage
}

// ParseKind reads a kind name as written in front matter. Surrounding space
// and case are ignored.
func ParseKind(s string) (Kind, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, k := range Kinds {
		if string(k) == s {
			return k, true
		}
	}
	return "", false
}

func kindList() string {
	names := make([]string, len(Kinds))
	for i, k := range Kinds {
		names[i] = string(k)
	}
	return strings.Join(names, ", ")
}

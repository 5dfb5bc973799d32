package markdown

import (
	"fmt"
	"hash/fnv"
	"reflect"
	"testing"
)

func tasksOf(t *testing.T, src string) []Task {
	t.Helper()
	return New(Options{}).Convert([]byte(src), Context{Path: "c.md", File: "content/c.md", Line: 1}).Tasks
}

func idsOf(tasks []Task) map[string]string {
	m := map[string]string{}
	for _, t := range tasks {
		m[t.Text] = t.ID
	}
	return m
}

func TestTaskIDs(t *testing.T) {
	h := fnv.New32a()
	h.Write([]byte("crm prüfen"))
	want := fmt.Sprintf("%08x", h.Sum32())

	tasks := tasksOf(t, "- [ ] CRM   prüfen\n- [x] Termin vorschlagen\n- [ ] Ziel notieren\n")
	if tasks[0].ID != want {
		t.Errorf("ID of %q = %s, want FNV-1a of the normalised text %s", tasks[0].Text, tasks[0].ID, want)
	}
	wantTasks := []Task{
		{ID: want, Text: "CRM prüfen", Checked: false, Line: 1},
		{ID: tasks[1].ID, Text: "Termin vorschlagen", Checked: true, Line: 2},
		{ID: tasks[2].ID, Text: "Ziel notieren", Checked: false, Line: 3},
	}
	if !reflect.DeepEqual(tasks, wantTasks) {
		t.Errorf("Tasks = %+v\nwant %+v", tasks, wantTasks)
	}

	t.Run("reordering keeps ids", func(t *testing.T) {
		before := idsOf(tasks)
		after := idsOf(tasksOf(t, "- [ ] Ziel notieren\n- [ ] CRM prüfen\n- [ ] Termin vorschlagen\n"))
		if !reflect.DeepEqual(before, after) {
			t.Errorf("ids changed on reorder:\n%v\n%v", before, after)
		}
	})
	t.Run("case and spacing do not matter", func(t *testing.T) {
		got := tasksOf(t, "- [ ]  crm PRÜFEN \n")
		if got[0].ID != want {
			t.Errorf("ID = %s, want %s", got[0].ID, want)
		}
	})
	t.Run("rewording changes only that item", func(t *testing.T) {
		after := tasksOf(t, "- [ ] CRM prüfen\n- [x] Termin direkt vorschlagen\n- [ ] Ziel notieren\n")
		changed := 0
		for i := range after {
			if after[i].ID != tasks[i].ID {
				changed++
				if i != 1 {
					t.Errorf("item %d changed id", i)
				}
			}
		}
		if changed != 1 {
			t.Errorf("%d ids changed, want 1", changed)
		}
	})
	t.Run("duplicates numbered in document order", func(t *testing.T) {
		got := tasksOf(t, "- [ ] Eins\n  - [ ] eins\n- [ ] EINS\n")
		base := got[0].ID
		if got[1].ID != base+"-2" || got[2].ID != base+"-3" {
			t.Errorf("ids = %s %s %s", got[0].ID, got[1].ID, got[2].ID)
		}
	})
	t.Run("ids unique across lists of a page", func(t *testing.T) {
		got := tasksOf(t, "- [ ] A\n\nText\n\n- [ ] A\n")
		if got[0].ID == got[1].ID {
			t.Errorf("same id %s twice", got[0].ID)
		}
	})
}

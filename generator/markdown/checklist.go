package markdown

import (
	"fmt"
	"hash/fnv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Node kinds of interactive checklists. goldmark's task-list parser finds the
// boxes; our transformer then rebuilds each list holding one.
var (
	kindChecklist = ast.NewNodeKind("Checklist")
	kindTaskItem  = ast.NewNodeKind("TaskItem")
	kindTaskLabel = ast.NewNodeKind("TaskLabel")
)

// checklist is a list with at least one task item.
type checklist struct {
	ast.BaseBlock
	ordered bool
	start   int
}

func (n *checklist) Kind() ast.NodeKind { return kindChecklist }

func (n *checklist) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// taskItem is a list item that starts with a box; its first child is a taskLabel.
type taskItem struct {
	ast.BaseBlock
	id      string
	checked bool
}

func (n *taskItem) Kind() ast.NodeKind { return kindTaskItem }

func (n *taskItem) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"ID": n.id, "Checked": fmt.Sprint(n.checked)}, nil)
}

// taskLabel holds the inline text of a task item's first block.
type taskLabel struct {
	ast.BaseBlock
}

func (n *taskLabel) Kind() ast.NodeKind { return kindTaskLabel }

func (n *taskLabel) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

type checklistExtension struct{}

func (e checklistExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(e, 110)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(e, 100)))
}

// taskBox returns the checkbox that starts item, or nil.
func taskBox(item *ast.ListItem) *east.TaskCheckBox {
	first := item.FirstChild()
	if first == nil {
		return nil
	}
	box, _ := first.FirstChild().(*east.TaskCheckBox)
	return box
}

func (e checklistExtension) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	st := stateOf(pc)
	if st == nil {
		return
	}
	var lists []*ast.List
	var items []*ast.ListItem
	seen := map[*ast.List]bool{}
	walkBlocks(doc, func(n ast.Node) {
		item, ok := n.(*ast.ListItem)
		if !ok || taskBox(item) == nil {
			return
		}
		items = append(items, item)
		if l, ok := item.Parent().(*ast.List); ok && !seen[l] {
			seen[l] = true
			lists = append(lists, l)
		}
	})
	for _, l := range lists {
		cl := &checklist{ordered: l.IsOrdered(), start: l.Start}
		cl.SetPos(l.Pos())
		cl.SetBlankPreviousLines(l.HasBlankPreviousLines())
		l.Parent().ReplaceChild(l.Parent(), l, cl)
		moveChildren(cl, l)
	}
	var buf []byte
	for _, item := range items {
		box := taskBox(item)
		first := item.FirstChild()
		buf = appendInlineText(buf[:0], first, st.src)
		label := collapseSpace(buf)
		ti := &taskItem{id: st.taskID(label), checked: box.IsChecked}
		ti.SetPos(item.Pos())
		st.doc.Tasks = append(st.doc.Tasks, Task{ID: ti.id, Text: label, Checked: box.IsChecked, Line: st.line(blockPos(item))})

		lab := &taskLabel{}
		first.RemoveChild(first, box)
		moveChildren(lab, first)
		item.RemoveChild(item, first)
		ti.AppendChild(ti, lab)
		moveChildren(ti, item)
		item.Parent().ReplaceChild(item.Parent(), item, ti)
	}
}

// moveChildren appends all of from's children to to, in order.
func moveChildren(to, from ast.Node) {
	for c := from.FirstChild(); c != nil; {
		next := c.NextSibling()
		to.AppendChild(to, c)
		c = next
	}
}

// taskID is the first 8 hex digits of FNV-1a 32 over the lower-cased,
// space-collapsed text: rewording an item resets its tick, reordering does
// not. Repeats on one page get "-2", "-3", ... in document order.
func (st *docState) taskID(label string) string {
	h := fnv.New32a()
	_, _ = h.Write([]byte(strings.ToLower(label)))
	id := fmt.Sprintf("%08x", h.Sum32())
	st.taskIDs[id]++
	if n := st.taskIDs[id]; n > 1 {
		id += "-" + itoa(n)
	}
	return id
}

func (e checklistExtension) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindChecklist, e.renderList)
	reg.Register(kindTaskItem, e.renderItem)
	reg.Register(kindTaskLabel, e.renderLabel)
}

func (e checklistExtension) renderList(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*checklist)
	tag := "ul"
	if n.ordered {
		tag = "ol"
	}
	if entering {
		_, _ = fmt.Fprintf(w, `<%s class="checklist" data-checklist`, tag)
		if n.ordered && n.start != 1 {
			_, _ = fmt.Fprintf(w, ` start="%d"`, n.start)
		}
		_, _ = w.WriteString(">\n")
	} else {
		_, _ = fmt.Fprintf(w, "</%s>\n", tag)
	}
	return ast.WalkContinue, nil
}

func (e checklistExtension) renderItem(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(`<li class="task" data-task="`)
		writeEscaped(w, node.(*taskItem).id)
		_, _ = w.WriteString(`">`)
	} else {
		_, _ = w.WriteString("</li>\n")
	}
	return ast.WalkContinue, nil
}

func (e checklistExtension) renderLabel(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(`<label><input type="checkbox" class="task-box" data-task-box`)
		if item, ok := node.Parent().(*taskItem); ok && item.checked {
			_, _ = w.WriteString(" checked")
		}
		_, _ = w.WriteString("> ")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("</label>")
	if node.NextSibling() != nil {
		_ = w.WriteByte('\n')
	}
	return ast.WalkContinue, nil
}

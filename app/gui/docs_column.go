package gui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	ttwidget "github.com/dweymouth/fyne-tooltip/widget"

	"cmocoder.org/cmocoder/coding"
)

// docsColumn is the documents column's heading and filter box.
type docsColumn struct {
	heading *widget.Label
	filter  *widget.Entry
	quiet   bool // selecting in the list only follows a filter change
	total   int  // documents in the project
	shown   int
}

// documentsColumn is the left column: heading with the count, a filter
// box (title, file name, authors, year) and the documents.
func (v *projectView) documentsColumn() fyne.CanvasObject {
	c := &v.docsList
	if c.heading == nil {
		c.heading = widget.NewLabelWithStyle("Documents", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	c.filter = widget.NewEntry()
	c.filter.SetPlaceHolder("Filter documents")
	c.filter.OnChanged = func(string) { v.refilter() }
	v.setDocsHeading()
	return container.NewBorder(container.NewVBox(c.heading, c.filter), nil, nil, nil, v.docList)
}

// filterDocs keeps the documents that match the filter box.
func (v *projectView) filterDocs(docs []coding.Document) []coding.Document {
	c := &v.docsList
	if c.heading == nil {
		c.heading = widget.NewLabelWithStyle("Documents", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	c.total = len(docs)
	q := ""
	if c.filter != nil {
		q = strings.ToLower(strings.TrimSpace(c.filter.Text))
	}
	if q == "" {
		c.shown = len(docs)
		v.setDocsHeadingCounts(len(docs), len(docs))
		return docs
	}
	var out []coding.Document
	for _, d := range docs {
		if strings.Contains(strings.ToLower(d.Title+" "+d.FileName+" "+d.Authors+" "+d.Year), q) {
			out = append(out, d)
		}
	}
	v.setDocsHeadingCounts(len(out), len(docs))
	return out
}

func (v *projectView) setDocsHeading() {
	v.setDocsHeadingCounts(len(v.docs), v.docsList.total)
}

func (v *projectView) setDocsHeadingCounts(shown, total int) {
	if v.docsList.heading == nil {
		return
	}
	if shown == total {
		v.docsList.heading.SetText(fmt.Sprintf("Documents (%d)", total))
	} else {
		v.docsList.heading.SetText(fmt.Sprintf("Documents (%d of %d)", shown, total))
	}
}

// refilter applies the filter box, keeping the document shown selected
// when it still matches (without showing it again).
func (v *projectView) refilter() {
	cur := ""
	if v.ws != nil {
		cur = v.ws.doc.ID
	}
	if err := v.load(); err != nil {
		return
	}
	v.docsList.quiet = true
	defer func() { v.docsList.quiet = false }()
	v.docList.UnselectAll()
	v.selection = -1
	v.docList.Refresh()
	for i, d := range v.docs {
		if d.ID == cur {
			v.docList.Select(i)
		}
	}
}

// widestCounts is the counts line the documents column keeps room for:
// up to 99 fragments of each role, and unclassified, show whole however
// narrow it is dragged.
const widestCounts = "C 99 · R 99 · M 99 · O 99 · U 99"

// newDocRow is a row of the documents list: the title (shortened with an
// ellipsis, whole in the tooltip), the fragments per role by the letters
// of their coding keys, and the pages. The counts line never shortens:
// the list is never narrower than it, so no number is cut off.
func newDocRow() fyne.CanvasObject {
	title := ttwidget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Truncation = fyne.TextTruncateEllipsis
	// The lines under the title in caption size: they take less of the
	// window's width, which the pages need more.
	counts := widget.NewLabel(widestCounts)
	counts.SizeName = theme.SizeNameCaptionText
	pages := widget.NewLabel("")
	pages.SizeName = theme.SizeNameCaptionText
	pages.Truncation = fyne.TextTruncateEllipsis
	return container.NewVBox(title, counts, pages)
}

// fillDocRow shows document d in a row made by newDocRow.
func (v *projectView) fillDocRow(o fyne.CanvasObject, d coding.Document) {
	box := o.(*fyne.Container)
	title := box.Objects[0].(*ttwidget.Label)
	title.SetText(d.Title)
	title.SetToolTip(d.Title)
	box.Objects[1].(*widget.Label).SetText(v.docRoleCounts(d))
	box.Objects[2].(*widget.Label).SetText(v.summary(d))
}

// docRoleCounts is a document's fragments per role, then those without a
// role yet, by the letters of the keys that code them: "C 2 · R 0 · M 1 ·
// O 3 · U 4".
func (v *projectView) docRoleCounts(d coding.Document) string {
	parts := make([]string, len(coding.Categories))
	for i, r := range coding.Categories {
		parts[i] = fmt.Sprintf("%s %d", string(roleKey(r)), v.counts[d.ID][r])
	}
	return strings.Join(parts, " · ")
}

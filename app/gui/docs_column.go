package gui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

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

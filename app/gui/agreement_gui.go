package gui

import (
	"fmt"
	"slices"
	"strings"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/coding"
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// agreementColumns are the agreement table's columns and their widths.
var agreementColumns = []struct {
	title string
	width float32
}{
	{"Document", 220}, {"Role", 170}, {"Both", 70}, {"A only", 70}, {"B only", 70},
	{"Agreement", 105}, {"Kappa", 70}, {"Overlap", 80},
}

// agreementCell is the text of one cell of an agreement row.
func agreementCell(r session.Agreement, col int) string {
	switch col {
	case 0:
		return r.Document
	case 1:
		return r.Role.Title()
	case 2:
		return fmt.Sprint(r.Both)
	case 3:
		return fmt.Sprint(r.OnlyA)
	case 4:
		return fmt.Sprint(r.OnlyB)
	case 5:
		return fmt.Sprintf("%.1f%%", 100*r.Percent())
	case 6:
		k := fmt.Sprintf("%.2f", r.Kappa())
		if k == "-0.00" {
			k = "0.00"
		}
		return k
	case 7:
		overlap, ok := r.Overlap()
		if !ok {
			return "—"
		}
		return fmt.Sprintf("%.1f%%", 100*overlap)
	}
	return ""
}

// compareCodersDialog shows the intercoder agreement of two of the
// project's coders, as the agreement verb prints it (Code ▸ Compare two
// coders).
func (ws *workspace) compareCodersDialog() {
	if ws.win == nil {
		return
	}
	frags, err := ws.session.Fragments("")
	if err != nil {
		ws.fail(err)
		return
	}
	var coders []string
	for _, f := range frags {
		if !slices.Contains(coders, f.Coder) {
			coders = append(coders, f.Coder)
		}
	}
	slices.Sort(coders)
	if len(coders) < 2 {
		have := "nobody has coded anything yet"
		if len(coders) == 1 {
			have = "only " + coders[0] + " has coded so far"
		}
		dialog.ShowInformation("Compare two coders", "Agreement needs the fragments of two coders in this project; "+have+
			". Code with another coder name (File ▸ Coder name…) or merge a teammate's project first.", ws.win)
		return
	}
	docs, err := ws.session.Documents()
	if err != nil {
		ws.fail(err)
		return
	}
	var rows []session.Agreement
	summary := widget.NewLabel("")
	summary.Wrapping = fyne.TextWrapWord
	table := widget.NewTable(
		func() (int, int) { return len(rows) + 1, len(agreementColumns) },
		newCutLabel,
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			if id.Row == 0 {
				l.TextStyle = fyne.TextStyle{Bold: true}
				l.SetText(agreementColumns[id.Col].title)
				return
			}
			l.TextStyle = fyne.TextStyle{Bold: rows[id.Row-1].DocID == ""} // the pooled rows
			l.SetText(agreementCell(rows[id.Row-1], id.Col))
		})
	for i, c := range agreementColumns {
		table.SetColumnWidth(i, c.width)
	}
	a, b := widget.NewSelect(coders, nil), widget.NewSelect(coders, nil)
	refresh := func() {
		rows = nil
		switch {
		case a.Selected == b.Selected:
			summary.SetText("Choose two different coders.")
		default:
			got, n, err := ws.session.CompareCoders(docs, a.Selected, b.Selected)
			if err != nil {
				summary.SetText(session.OneLine(err))
				break
			}
			rows = got
			summary.SetText(fmt.Sprintf("%s (A) and %s (B) on %s. Each character other than spaces is coded with a role by both, "+
				"by one or by neither; kappa corrects the agreement for chance, overlap is both ÷ (both + A only + B only).", a.Selected, b.Selected, coding.Count(n, "document")))
		}
		table.Refresh()
	}
	a.OnChanged = func(string) { refresh() }
	b.OnChanged = func(string) { refresh() }
	a.SetSelected(coders[0])
	b.SetSelected(coders[1])
	copyTable := widget.NewButton("Copy table", func() {
		fyne.CurrentApp().Clipboard().SetContent(agreementText(rows))
		ws.say("Copied the agreement table (tab-separated): paste it into a spreadsheet or manuscript.")
	})
	pick := container.NewHBox(widget.NewLabel("Coder A"), a, widget.NewLabel("Coder B"), b, layoutSpacer(), copyTable)
	content := container.NewBorder(container.NewVBox(pick, summary), nil, nil, nil, table)
	d := dialog.NewCustom("Compare two coders", "Close", content, ws.win)
	d.Resize(fyne.NewSize(920, 540))
	d.Show()
}

// agreementText is the table as tab-separated text with its header, for
// the clipboard.
func agreementText(rows []session.Agreement) string {
	var b strings.Builder
	for c, col := range agreementColumns {
		if c > 0 {
			b.WriteByte('\t')
		}
		b.WriteString(col.title)
	}
	b.WriteByte('\n')
	for _, r := range rows {
		for c := range agreementColumns {
			if c > 0 {
				b.WriteByte('\t')
			}
			b.WriteString(agreementCell(r, c))
		}
		b.WriteByte('\n')
	}
	return b.String()
}

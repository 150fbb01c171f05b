package gui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cmocoder.org/cmocoder/coding"
)

// menuAction finds an item of the main menu by its label.
func menuAction(t *testing.T, ws *workspace, menu, label string) func() {
	t.Helper()
	for _, m := range ws.menus() {
		for _, it := range m.Items {
			if m.Label == menu && it.Label == label {
				return it.Action
			}
		}
	}
	t.Fatalf("no %s ▸ %s", menu, label)
	return nil
}

// tableText is every cell of the first table under o, a row a line.
func tableText(t *testing.T, o fyne.CanvasObject) string {
	t.Helper()
	var table *widget.Table
	walk(o, func(c fyne.CanvasObject) {
		if tb, ok := c.(*widget.Table); ok && table == nil {
			table = tb
		}
	})
	if table == nil {
		t.Fatal("no table")
	}
	rows, cols := table.Length()
	var b strings.Builder
	for r := range rows {
		for c := range cols {
			cell := table.CreateCell()
			table.UpdateCell(widget.TableCellID{Row: r, Col: c}, cell)
			b.WriteString(cell.(*widget.Label).Text + "|")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// TestCompareCodersDialog: with one coder the dialog explains what is
// needed; once a second coder codes the same sentence, Code ▸ Compare two
// coders shows each role's counts, kappa and overlap for the two, and the
// table can be copied.
func TestCompareCodersDialog(t *testing.T) {
	ws, w := openWorkspace(t)
	compare := menuAction(t, ws, "Code", "Compare two coders…")
	compare()
	if text := dialogText(w); !strings.Contains(text, "only Demo coder has coded so far") {
		t.Fatalf("with one coder the dialog says %q", text)
	}
	test.Tap(button(t, topDialog(t, w), "OK"))

	// Bea codes exactly the span of one of the demo's context fragments.
	var ctx coding.Fragment
	for _, f := range stored(t, ws) {
		if f.Role == coding.Context {
			ctx = f
			break
		}
	}
	if err := ws.session.Do(coding.AddFragment{Fragment: coding.Fragment{DocID: ctx.DocID, Start: ctx.Start, End: ctx.End,
		Role: coding.Context, Coder: "Bea"}}); err != nil {
		t.Fatal(err)
	}
	compare()
	dlg := topDialog(t, w)
	if text := dialogText(w); !strings.Contains(text, "Bea (A) and Demo coder (B) on 1 document") {
		t.Errorf("summary: %q", text)
	}
	table := tableText(t, dlg)
	lines := strings.Split(strings.TrimSpace(table), "\n")
	if len(lines) != 1+len(coding.Roles) || !strings.HasPrefix(lines[0], "Document|Role|Both|A only|B only|Agreement|Kappa|Overlap|") {
		t.Fatalf("table:\n%s", table)
	}
	// Bea coded one of the Demo coder's context fragments: all of it is
	// agreed, the Demo coder's other context fragment is B only.
	units := 0
	for _, r := range ctx.Text {
		if r != '\f' && !strings.ContainsRune(" \t\n\r", r) {
			units++
		}
	}
	if !strings.Contains(lines[1], "Agyeman-Duah et al. 2014|Context|"+itoa(units)+"|0|") {
		t.Errorf("context row %q, want %d characters coded by both and none by Bea only", lines[1], units)
	}
	for _, l := range lines[2:] {
		// Bea coded no other role: nothing is "both" or "A only".
		if f := strings.Split(l, "|"); f[2] != "0" || f[3] != "0" {
			t.Errorf("row %q", l)
		}
	}
	test.Tap(button(t, dlg, "Copy table"))
	if got := fyne.CurrentApp().Clipboard().Content(); !strings.HasPrefix(got, "Document\tRole\tBoth\t") || !strings.Contains(got, "\tContext\t"+itoa(units)+"\t0\t") {
		t.Errorf("clipboard %q", got)
	}
}

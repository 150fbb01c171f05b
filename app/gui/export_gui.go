package gui

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/coding/export"
)

// exportChoices are the tables and formats as the Export form names them.
var (
	exportTableNames = map[string]string{
		export.TableCMOCs:         "CMOCs (by programme theory, with sources and pages)",
		export.TableFragments:     "Fragments (every coded passage)",
		export.TableMatrix:        "Mechanism-by-source matrix",
		export.TableCodebook:      "Codebook (labels, definitions, counts)",
		export.TableSources:       "Sources (study characteristics, appraisal)",
		export.TableContributions: "Contributions of sources to CMOCs (roles each source supports)",
	}
	exportFormatNames = map[string]string{
		export.CSV:      "CSV (.csv)",
		export.XLSX:     "Excel (.xlsx)",
		export.DOCX:     "Word (.docx)",
		export.Markdown: "Markdown (.md)",
		export.HTML:     "HTML report (.html)",
		export.TeX:      "LaTeX tabular (.tex)",
	}
	matrixRowNames = []string{"Mechanism labels", "Programme theories"}
)

// Preference keys of the table, format and matrix rows exported last.
const (
	prefExportTable  = "exportTable"
	prefExportFormat = "exportFormat"
	prefExportBy     = "exportMatrixBy"
)

// exportForm is File > Export…'s form.
type exportForm struct {
	table, format, by *widget.Select
	extras            *exportExtras // citations, excluded sources (export_cite_gui.go)
	dialog            *dialog.FormDialog
}

func optionsOf(keys []string, names map[string]string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = names[k]
	}
	return out
}

// exportDialog asks for a table and a format, then where to save.
func (ws *workspace) exportDialog() {
	if ws.win == nil {
		return
	}
	f := &exportForm{}
	p := fyne.CurrentApp().Preferences()
	f.table = widget.NewSelect(optionsOf(export.Tables, exportTableNames), nil)
	f.table.SetSelectedIndex(max(slices.Index(export.Tables, p.String(prefExportTable)), 0))
	f.format = widget.NewSelect(optionsOf(export.Formats, exportFormatNames), nil)
	f.format.SetSelectedIndex(max(slices.Index(export.Formats, p.String(prefExportFormat)), 0))
	f.by = widget.NewSelect(matrixRowNames, nil)
	f.by.SetSelectedIndex(min(max(p.Int(prefExportBy), 0), len(matrixRowNames)-1))
	f.table.OnChanged = func(string) {
		if export.Tables[f.table.SelectedIndex()] == export.TableMatrix {
			f.by.Enable()
		} else {
			f.by.Disable()
		}
	}
	f.table.OnChanged("")
	f.extras = newExportExtras()
	f.dialog = dialog.NewForm("Export a table", "Choose file…", "Cancel", append([]*widget.FormItem{
		widget.NewFormItem("Table", f.table),
		widget.NewFormItem("Format", f.format),
		widget.NewFormItem("Matrix rows", f.by),
	}, f.extras.items()...), func(ok bool) {
		if ok {
			table, format := export.Tables[f.table.SelectedIndex()], export.Formats[f.format.SelectedIndex()]
			p.SetString(prefExportTable, table) // offered first next time
			p.SetString(prefExportFormat, format)
			p.SetInt(prefExportBy, f.by.SelectedIndex())
			ws.chooseExportFile(table, format, matrixBy(f.by.SelectedIndex()))
		}
	}, ws.win)
	f.dialog.Resize(fyne.NewSize(560, 320))
	f.dialog.Show()
	ws.exportForm = f
}

func matrixBy(i int) string {
	if i == 1 {
		return "theories"
	}
	return "labels"
}

// buildExport builds a table in a format in memory, so that nothing is
// written when building fails.
func (ws *workspace) buildExport(table, format, by string) ([]byte, []string, error) {
	ep, err := session.ExportProject(ws.session)
	if err != nil {
		return nil, nil, err
	}
	opt := export.Options{MatrixBy: by}
	if ws.exportForm != nil { // the choices of the form just filled
		ws.exportForm.extras.apply(&opt)
	}
	t, warnings, err := export.Build(ep, table, opt)
	if err != nil {
		return nil, nil, err
	}
	var buf bytes.Buffer
	if err := export.Write(&buf, t, format); err != nil {
		return nil, nil, err
	}
	return buf.Bytes(), warnings, nil
}

// chooseExportFile builds the export, then asks where to save it.
func (ws *workspace) chooseExportFile(table, format, by string) {
	data, warnings, err := ws.buildExport(table, format, by)
	if err != nil {
		ws.fail(err)
		return
	}
	ws.chooseSaveFile(projectFileNameBase(ws.projectTitle())+" - "+table+"."+format, "."+format, func(path string) {
		ws.finishExport(path, data, warnings)
	})
}

// projectTitle is the project's title, for a file name offered; when it
// cannot be read the reason is shown and the project file's name serves.
func (ws *workspace) projectTitle() string {
	title, err := ws.session.Title()
	if err != nil {
		ws.pv.readFailed("project's title", err)
		return strings.TrimSuffix(filepath.Base(ws.session.Path()), filepath.Ext(ws.session.Path()))
	}
	return title
}

// finishExport writes data to path (whole or not at all) and says what
// happened, warnings included.
func (ws *workspace) finishExport(path string, data []byte, warnings []string) error {
	err := session.WriteFileAtomic(path, func(w io.Writer) error { _, err := w.Write(data); return err })
	if err != nil {
		if fi, serr := os.Stat(path); serr == nil && fi.Size() == 0 {
			os.Remove(path) // the empty file the save dialog made
		}
		ws.fail(err)
		return err
	}
	ws.exported(path, warnings)
	return nil
}

// exported says that an export was written to path, and its warnings:
// on the status line, which only the Documents tab shows, and in a dialog
// when there are warnings or another tab is shown.
func (ws *workspace) exported(path string, warnings []string) {
	ws.say("Exported to %s.", filepath.Base(path))
	if ws.win == nil {
		return
	}
	switch {
	case len(warnings) > 0:
		msg := fmt.Sprintf("Exported to %s, with %s:\n\n%s", filepath.Base(path), coding.Count(len(warnings), "warning"), strings.Join(warnings, "\n"))
		dialog.ShowInformation("Export warnings", msg, ws.win)
		ws.say("Exported to %s (%s: %s)", filepath.Base(path), coding.Count(len(warnings), "warning"), warnings[0])
	case ws.pv != nil && !ws.pv.onDocuments():
		dialog.ShowInformation("Export finished", fmt.Sprintf("Exported to %s.", path), ws.win)
	}
}

// exportTo builds and writes a table in one go (the save dialog's work,
// without the dialog).
func (ws *workspace) exportTo(path, table, format, by string) error {
	data, warnings, err := ws.buildExport(table, format, by)
	if err != nil {
		ws.fail(err)
		return err
	}
	return ws.finishExport(path, data, warnings)
}

// projectFileNameBase is a file name made from a title, without extension.
func projectFileNameBase(title string) string {
	return strings.TrimSuffix(projectFileName(title), ".cmoproj")
}

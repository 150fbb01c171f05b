package gui

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/coding/export"
)

// exportChoices are the tables and formats as the Export form names them.
var (
	exportTableNames = map[string]string{
		export.TableCMOCs:     "CMOCs (by programme theory, with sources and pages)",
		export.TableFragments: "Fragments (every coded passage)",
		export.TableMatrix:    "Mechanism-by-source matrix",
		export.TableCodebook:  "Codebook (labels, definitions, counts)",
		export.TableSources:   "Sources (study characteristics, appraisal)",
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

// exportForm is File > Export…'s form.
type exportForm struct {
	table, format, by *widget.Select
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
	f.table = widget.NewSelect(optionsOf(export.Tables, exportTableNames), nil)
	f.table.SetSelectedIndex(0)
	f.format = widget.NewSelect(optionsOf(export.Formats, exportFormatNames), nil)
	f.format.SetSelectedIndex(0)
	f.by = widget.NewSelect(matrixRowNames, nil)
	f.by.SetSelectedIndex(0)
	f.table.OnChanged = func(string) {
		if export.Tables[f.table.SelectedIndex()] == export.TableMatrix {
			f.by.Enable()
		} else {
			f.by.Disable()
		}
	}
	f.table.OnChanged("")
	f.dialog = dialog.NewForm("Export a table", "Choose file…", "Cancel", []*widget.FormItem{
		widget.NewFormItem("Table", f.table),
		widget.NewFormItem("Format", f.format),
		widget.NewFormItem("Matrix rows", f.by),
	}, func(ok bool) {
		if ok {
			ws.chooseExportFile(export.Tables[f.table.SelectedIndex()], export.Formats[f.format.SelectedIndex()], matrixBy(f.by.SelectedIndex()))
		}
	}, ws.win)
	f.dialog.Resize(fyne.NewSize(520, 240))
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
	t, warnings, err := export.Build(ep, table, export.Options{MatrixBy: by})
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
	title, _ := ws.session.Title()
	ws.chooseSaveFile(projectFileNameBase(title)+" - "+table+"."+format, "."+format, func(path string) {
		ws.finishExport(path, data, warnings)
	})
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

// exported says that an export was written to path, and its warnings.
func (ws *workspace) exported(path string, warnings []string) {
	ws.say("Exported to %s.", filepath.Base(path))
	if len(warnings) > 0 && ws.win != nil {
		msg := fmt.Sprintf("Exported to %s, with %d warnings:\n\n%s", filepath.Base(path), len(warnings), strings.Join(warnings, "\n"))
		dialog.ShowInformation("Export warnings", msg, ws.win)
		ws.say("Exported to %s (%d warnings: %s)", filepath.Base(path), len(warnings), warnings[0])
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

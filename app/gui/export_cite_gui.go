package gui

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"cmocoder.org/cmocoder/coding/export"
)

// citeNames are the citation styles (export.CiteStyles) as File ▸
// Export… names them.
var citeNames = []string{"Author and year (Tully et al. 2010)", "Numbered ([1], as in the references table)"}

// prefExportCite is the preference key of the citation style exported last.
const prefExportCite = "exportCite"

// exportExtras are the export form's choices beyond table and format:
// how sources are cited, and whether excluded sources are kept (export
// --cite, --all).
type exportExtras struct {
	cite *widget.Select
	all  *widget.Check
}

func newExportExtras() *exportExtras {
	x := &exportExtras{cite: widget.NewSelect(citeNames, nil), all: widget.NewCheck(excludedLabel, nil)}
	i := slices.Index(export.CiteStyles, fyne.CurrentApp().Preferences().String(prefExportCite))
	x.cite.SetSelectedIndex(max(i, 0))
	return x
}

func (x *exportExtras) items() []*widget.FormItem {
	return []*widget.FormItem{widget.NewFormItem("Citations", x.cite), widget.NewFormItem("Sources", x.all)}
}

// apply puts the choices into opt and remembers the citation style.
func (x *exportExtras) apply(opt *export.Options) {
	if x == nil {
		return
	}
	opt.Cite = export.CiteStyles[max(x.cite.SelectedIndex(), 0)]
	opt.All = x.all.Checked
	fyne.CurrentApp().Preferences().SetString(prefExportCite, opt.Cite)
}

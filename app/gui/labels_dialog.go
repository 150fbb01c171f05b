package gui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"cmocoder.org/cmocoder/coding"
)

// paletteNames names coding.Palette's colours (Okabe & Ito) for people.
var paletteNames = []string{"orange", "sky blue", "bluish green", "yellow", "blue", "vermillion", "reddish purple", "grey"}

// labelNames is the codebook's names, by coding.NameKey.
func (ws *workspace) labelNames() map[string]bool {
	out := map[string]bool{}
	labels, err := ws.session.Labels()
	if err != nil {
		ws.pv.readFailed("codebook", err)
	}
	for _, l := range labels {
		out[coding.NameKey(l.Name)] = true
	}
	return out
}

// defineNewLabels asks for a definition (and lets the reviewer change the
// colour) of each label that joined the codebook since before was taken.
func (ws *workspace) defineNewLabels(before map[string]bool) {
	labels, err := ws.session.Labels()
	if err != nil {
		return
	}
	var added []coding.Label
	for _, l := range labels {
		if !before[coding.NameKey(l.Name)] {
			added = append(added, l)
		}
	}
	if len(added) == 0 {
		return
	}
	names := make([]string, len(added))
	for i, l := range added {
		names[i] = "“" + l.Name + "”"
	}
	ws.say("New in the codebook: %s", strings.Join(names, ", "))
	if ws.win != nil {
		ws.defineLabel(added, 0)
	}
}

// defineLabel shows the definition form for added[i], then the next.
func (ws *workspace) defineLabel(added []coding.Label, i int) {
	if i >= len(added) {
		return
	}
	l := added[i]
	def := widget.NewMultiLineEntry()
	def.SetPlaceHolder("What this label means, so the team codes alike")
	def.Wrapping = fyne.TextWrapWord
	def.SetMinRowsVisible(3)
	colour := widget.NewSelect(paletteNames, nil)
	for j, c := range coding.Palette {
		if strings.EqualFold(c, l.Colour) && j < len(paletteNames) {
			colour.SetSelected(paletteNames[j])
		}
	}
	items := []*widget.FormItem{
		widget.NewFormItem("Definition", def),
		widget.NewFormItem("Colour", colour),
	}
	d := dialog.NewForm("New label: "+l.Name, "Save", "Skip", items, func(ok bool) {
		if ok {
			m := l
			m.Definition = strings.TrimSpace(def.Text)
			for j, n := range paletteNames {
				if n == colour.Selected && j < len(coding.Palette) {
					m.Colour = coding.Palette[j]
				}
			}
			if err := ws.session.Do(coding.PutLabel{Label: m, From: &l}); err != nil {
				ws.fail(err)
			} else {
				ws.updateUndo()
			}
		}
		ws.defineLabel(added, i+1)
		ws.view.Focus()
	}, ws.win)
	d.Resize(fyne.NewSize(460, 260))
	d.Show()
}

package gui

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/coding"
)

// codingPanel codes the selected passage (one button or key per role) and
// edits the fragment selected: role, valence, labels, memo.
type codingPanel struct {
	ws       *workspace
	title    *widget.Label
	quote    *widget.Label
	roles    map[coding.Role]*widget.Button
	valences *widget.RadioGroup
	labelBox *widget.Entry
	suggest  *fyne.Container
	memo     *widget.Entry
	save     *widget.Button
	remove   *widget.Button
	move     *widget.Button
	meta     *widget.Label
	content  fyne.CanvasObject
	loading  bool
}

var valenceChoices = []string{"none", "+", "−"}

func newCodingPanel(ws *workspace) *codingPanel {
	p := &codingPanel{ws: ws, roles: map[coding.Role]*widget.Button{}}
	p.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.quote = widget.NewLabel("")
	p.quote.Wrapping = fyne.TextWrapWord
	p.quote.TextStyle = fyne.TextStyle{Italic: true}
	var roleRow []fyne.CanvasObject
	for _, r := range coding.Roles {
		tb := tipButton(roleButtonText(r), nil, roleTip(r), func() { ws.codeSelection(r) })
		b := &tb.Button
		p.roles[r] = b
		swatch := canvas.NewRectangle(roleColour(r))
		swatch.SetMinSize(fyne.NewSize(6, 6))
		roleRow = append(roleRow, container.NewBorder(nil, nil, swatch, nil, tb))
	}
	p.valences = widget.NewRadioGroup(valenceChoices, func(s string) {
		if p.loading {
			return
		}
		if f := ws.fragment(ws.current); f != nil {
			g := *f
			g.Valence = valenceOf(s)
			if g.Valence != f.Valence {
				ws.edit(g)
			}
		}
	})
	p.valences.Horizontal = true
	p.valences.Required = true
	p.valences.SetSelected("none")
	p.labelBox = widget.NewEntry()
	p.labelBox.SetPlaceHolder("Labels, comma-separated (new ones join the codebook)")
	p.labelBox.OnChanged = func(string) { p.updateSuggestions() }
	p.labelBox.OnSubmitted = func(string) {
		p.complete()
		if ws.fragment(ws.current) != nil {
			p.saveEdits()
		}
	}
	p.suggest = container.NewHBox()
	p.memo = widget.NewMultiLineEntry()
	p.memo.SetPlaceHolder("Memo: why this passage matters")
	p.memo.Wrapping = fyne.TextWrapWord
	p.memo.SetMinRowsVisible(3)
	save := tipButton("Save changes", theme.DocumentSaveIcon(), "Save the labels and memo (Enter in the labels box)", p.saveEdits)
	p.save = &save.Button
	p.save.Importance = widget.HighImportance
	remove := tipButton("Delete", theme.DeleteIcon(), "Delete this fragment (Delete); Ctrl+Z brings it back", ws.deleteCurrent)
	p.remove = &remove.Button
	p.remove.Importance = widget.DangerImportance
	move := tipButton("", theme.ContentCutIcon(), "Move this fragment to the passage selected on the page", ws.moveSpan)
	p.move = &move.Button
	p.move.Importance = widget.LowImportance
	p.move.Hide()
	p.meta = widget.NewLabel("")
	p.meta.TextStyle = fyne.TextStyle{Italic: true}
	p.meta.Truncation = fyne.TextTruncateEllipsis

	form := container.NewVBox(
		p.title,
		p.quote,
		container.NewGridWithColumns(2, roleRow...),
		container.NewHBox(tipLabel("Valence", "+ presence of a mechanism or a positive outcome, − absence or a negative one (keys +, -, 0)"), p.valences),
		p.labelBox,
		container.NewHScroll(p.suggest),
		p.memo,
		container.NewHBox(save, remove, layout.NewSpacer()),
		move,
		p.meta,
	)
	p.content = container.NewVScroll(container.NewPadded(form))
	p.show()
	return p
}

func valenceOf(s string) coding.Valence {
	switch s {
	case "+":
		return coding.Positive
	case "−":
		return coding.Negative
	}
	return coding.NoValence
}

func valenceChoice(v coding.Valence) string {
	switch v {
	case coding.Positive:
		return "+"
	case coding.Negative:
		return "−"
	}
	return "none"
}

// valence, labels: what the next coding gets.
func (p *codingPanel) valence() coding.Valence { return valenceOf(p.valences.Selected) }

func (p *codingPanel) labels() []string {
	var out []string
	for _, l := range strings.Split(p.labelBox.Text, ",") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func (p *codingPanel) setValence(v coding.Valence) {
	p.loading = true
	p.valences.SetSelected(valenceChoice(v))
	p.loading = false
}

// clearDraft empties the form after a passage is coded.
func (p *codingPanel) clearDraft() {
	p.loading = true
	p.memo.SetText("")
	p.labelBox.SetText("")
	p.valences.SetSelected("none")
	p.loading = false
}

// show brings the panel in line with the selection or the fragment being
// edited.
func (p *codingPanel) show() {
	ws := p.ws
	p.loading = true
	defer func() { p.loading = false }()
	f := ws.fragment(ws.current)
	start, end := ws.trimmedSelection()
	for r, b := range p.roles {
		b.Importance = widget.MediumImportance
		if f != nil && f.Role == r {
			b.Importance = widget.HighImportance
		}
		if f == nil && end <= start {
			b.Disable()
		} else {
			b.Enable()
		}
		b.Refresh()
	}
	p.move.Hide()
	switch {
	case f != nil:
		p.title.SetText(fmt.Sprintf("Fragment · %s%s · p.%d", f.Role.Title(), spaced(f.Valence.Sign()), f.Page))
		p.quote.SetText("“" + session.Clip(f.Text, 240) + "”")
		p.valences.SetSelected(valenceChoice(f.Valence))
		p.labelBox.SetText(strings.Join(f.Labels, ", "))
		p.memo.SetText(f.Memo)
		p.save.Show()
		p.remove.Show()
		p.meta.SetText(fmt.Sprintf("Coded by %s, %s · offsets %d–%d", f.Coder, f.Modified.Local().Format("2 Jan 2006 15:04"), f.Start, f.End))
	case end > start:
		p.title.SetText(fmt.Sprintf("Code the selection · p.%d", ws.text.PageAt(start)))
		p.quote.SetText("“" + session.Clip(ws.text.Slice(start, end), 240) + "”")
		p.save.Hide()
		p.remove.Hide()
		p.meta.SetText(fmt.Sprintf("%d characters · press C, R, M or O", end-start))
		if t := ws.fragment(ws.spanTarget); t != nil {
			p.move.SetText(fmt.Sprintf("Move the %s fragment (p.%d) to this selection", t.Role.Letter()+t.Valence.Sign(), t.Page))
			p.move.Show()
		}
	default:
		p.title.SetText("Code a passage")
		p.quote.SetText("Drag across the text on the page to select a passage, then press a role's key or button. Click a highlight or a fragment in the list to edit it.")
		p.save.Hide()
		p.remove.Hide()
		p.meta.SetText("")
	}
	p.updateSuggestions()
}

func spaced(s string) string {
	if s == "" {
		return ""
	}
	return " " + s
}

// saveEdits saves labels and memo (and valence) of the fragment being
// edited.
func (p *codingPanel) saveEdits() {
	f := p.ws.fragment(p.ws.current)
	if f == nil {
		return
	}
	g := *f
	g.Labels = p.labels()
	g.Memo = p.memo.Text
	g.Valence = p.valence()
	p.ws.edit(g)
}

// token is the label being typed: the text after the last comma.
func (p *codingPanel) token() string {
	t := p.labelBox.Text
	if i := strings.LastIndexByte(t, ','); i >= 0 {
		t = t[i+1:]
	}
	return strings.TrimSpace(t)
}

// suggestions are the codebook labels that start with (or else contain)
// the label being typed, leaving out those already given.
func (p *codingPanel) suggestions() []string {
	labels, err := p.ws.session.Labels()
	if err != nil {
		return nil
	}
	tok := strings.ToLower(p.token())
	have := map[string]bool{}
	for _, l := range p.labels() {
		have[strings.ToLower(l)] = true
	}
	var starts, contains []string
	for _, l := range labels {
		n := strings.ToLower(l.Name)
		if have[n] && n != tok {
			continue
		}
		switch {
		case tok == "" || strings.HasPrefix(n, tok):
			starts = append(starts, l.Name)
		case strings.Contains(n, tok):
			contains = append(contains, l.Name)
		}
	}
	out := append(starts, contains...)
	if len(out) > 8 {
		out = out[:8]
	}
	return out
}

// updateSuggestions shows the matching codebook labels as buttons under
// the label box: a click (or Enter, for the first) completes the label.
func (p *codingPanel) updateSuggestions() {
	p.suggest.RemoveAll()
	sugg := p.suggestions()
	tok := p.token()
	if len(sugg) == 0 && tok != "" {
		l := widget.NewLabel("“" + tok + "” will be a new label")
		l.TextStyle = fyne.TextStyle{Italic: true}
		p.suggest.Add(l)
		return
	}
	for _, s := range sugg {
		name := s
		b := widget.NewButton(name, func() { p.completeWith(name) })
		b.Importance = widget.LowImportance
		p.suggest.Add(b)
	}
}

// complete replaces the label being typed with the first suggestion.
func (p *codingPanel) complete() {
	tok := p.token()
	if tok == "" {
		return
	}
	if s := p.suggestions(); len(s) > 0 && !strings.EqualFold(s[0], tok) {
		p.completeWith(s[0])
	}
}

func (p *codingPanel) completeWith(name string) {
	t := p.labelBox.Text
	prefix := ""
	if i := strings.LastIndexByte(t, ','); i >= 0 {
		prefix = t[:i+1] + " "
	}
	p.labelBox.SetText(prefix + name + ", ")
	p.labelBox.CursorColumn = len([]rune(p.labelBox.Text))
	p.labelBox.Refresh()
}

// swatch is a small square of a role's colour with its letters, for lists.
func swatch(r coding.Role) fyne.CanvasObject {
	bg := canvas.NewRectangle(roleColour(r))
	bg.CornerRadius = 3
	t := canvas.NewText(r.Letter(), color.Black)
	t.TextStyle = fyne.TextStyle{Bold: true}
	t.TextSize = 11
	t.Alignment = fyne.TextAlignCenter
	return container.NewGridWrap(fyne.NewSize(44, 20), container.NewStack(bg, container.NewCenter(t)))
}

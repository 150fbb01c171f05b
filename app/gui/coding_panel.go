package gui

import (
	"fmt"
	"image/color"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	ttwidget "github.com/dweymouth/fyne-tooltip/widget"

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
	labelBox *savingEntry
	suggest  *fyne.Container
	// suggestRow scrolls the suggestions sideways.
	suggestRow *container.Scroll
	memo       *savingEntry
	remove     *widget.Button
	move       *widget.Button
	meta       *widget.Label
	content    fyne.CanvasObject
	form       *fyne.Container // laid out again when a part shows or hides
	loading    bool
	// shown is the fragment whose values fill the fields, as they were
	// put there (ID "" while the fields hold what the next coding gets).
	shown coding.Fragment
	// pin keeps the labels pinned: each new passage gets them.
	pin     *ttwidget.Check
	pinned  []string
	pinInfo *widget.Label
}

var valenceChoices = []string{"none", "+", "−"}

func newCodingPanel(ws *workspace) *codingPanel {
	p := &codingPanel{ws: ws, roles: map[coding.Role]*widget.Button{}}
	p.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.title.Truncation = fyne.TextTruncateEllipsis
	p.quote = widget.NewLabel("")
	p.quote.Wrapping = fyne.TextWrapWord
	p.quote.TextStyle = fyne.TextStyle{Italic: true}
	var roleRow []fyne.CanvasObject
	for _, r := range coding.Categories { // Unclassified too: a passage may be extracted now and classified later
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
		p.save() // with what the memo and labels boxes hold, not only the valence
	})
	p.valences.Horizontal = true
	p.valences.Required = true
	p.valences.SetSelected("none")
	p.labelBox = newSavingEntry(false, p.save)
	p.labelBox.SetPlaceHolder("Labels, comma-separated")
	p.labelBox.OnChanged = func(string) { p.updateSuggestions() }
	p.labelBox.OnSubmitted = func(string) {
		p.complete()
		p.save()
	}
	p.pin = ttwidget.NewCheck("Keep", p.setPinned)
	p.pin.SetToolTip("Keep these labels for new passages: each passage coded next gets them, until unticked")
	p.pinInfo = widget.NewLabel("")
	p.pinInfo.Wrapping = fyne.TextWrapWord
	p.pinInfo.TextStyle = fyne.TextStyle{Italic: true}
	p.pinInfo.Hide()
	p.suggest = container.NewHBox()
	p.suggestRow = container.NewHScroll(p.suggest)
	p.suggestRow.Hide() // until there is something to suggest
	p.memo = newSavingEntry(true, p.save)
	p.memo.SetPlaceHolder("Memo: why this passage matters")
	p.memo.SetMinRowsVisible(3)
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

	// The role buttons and the title and quote above them are drawn
	// closer than the theme would (denseGrid), so that the memo stays in
	// view above the fragment list at 1260×780.
	roleGrid := container.New(denseGrid{cols: 2, trim: theme.InnerPadding(), wtrim: theme.InnerPadding(), gap: theme.Padding() / 2}, roleRow...)
	valenceLabel := tipLabel("Valence", "+ presence of a mechanism or a positive outcome, − absence or a negative one (keys +, -, 0)")
	// The label without its end padding (the radio group lays out its
	// items at their own width whatever it gets).
	valenceRow := container.New(denseRow{gap: theme.Padding() / 2},
		container.New(denseRow{trim: theme.InnerPadding()}, valenceLabel), p.valences)
	p.form = container.NewVBox(
		container.New(denseGrid{cols: 1, trim: theme.InnerPadding()}, p.title, p.quote),
		roleGrid,
		valenceRow,
		container.NewBorder(nil, nil, nil, p.pin, p.labelBox),
		p.pinInfo,
		p.suggestRow,
		p.memo,
		container.NewBorder(nil, nil, remove, nil, p.meta),
		move,
	)
	// The widest text the move button can hold, so that it fits too.
	moveProbe := widget.NewButtonWithIcon(moveText("M res−", 888), theme.ContentCutIcon(), nil)
	width := &fixedWidth{widest: []fyne.CanvasObject{roleGrid, valenceRow, moveProbe}}
	p.content = container.NewVScroll(container.New(width, container.NewPadded(p.form)))
	p.show()
	return p
}

// quoteLength is how much of a passage the panel quotes: about three
// lines, so that the controls below stay in view.
const quoteLength = 120

// moveText is the move button's text for a fragment's tag and page.
func moveText(tag string, page int) string {
	return fmt.Sprintf("Move the %s fragment (p.%d)", tag, page)
}

// fixedWidth lays out one object at the width it is given, while it asks
// for the same width whatever the object holds: the widest of some
// objects whose text never changes. A panel that grew with a title or a
// quote would take width from the page, which then zooms again.
type fixedWidth struct{ widest []fyne.CanvasObject }

func (l *fixedWidth) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for _, o := range l.widest {
		w = max(w, o.MinSize().Width)
	}
	for _, o := range objects {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(w+2*theme.Padding(), h)
}

func (l *fixedWidth) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.Position{})
		o.Resize(size)
	}
}

// valenceValues are what valenceChoices show, in their order.
var valenceValues = []coding.Valence{coding.NoValence, coding.Positive, coding.Negative}

// valenceOf is the valence a choice shows; none for any other text.
func valenceOf(choice string) coding.Valence {
	return valenceValues[max(slices.Index(valenceChoices, choice), 0)]
}

// valenceChoice is the choice showing a valence; "none" for any other.
func valenceChoice(v coding.Valence) string {
	return valenceChoices[max(slices.Index(valenceValues, v), 0)]
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
	p.fillDraft()
	p.loading = false
}

// fillDraft fills the fields with what a new passage gets before the
// reviewer gives it anything: no valence, no memo, the pinned labels.
func (p *codingPanel) fillDraft() {
	p.shown = coding.Fragment{}
	p.valences.SetSelected("none")
	p.labelBox.SetText(strings.Join(p.pinned, ", "))
	p.memo.SetText("")
}

// fill fills the fields with a fragment's values, unless they hold its
// values already, edited or not: what the reviewer is typing stays until
// it is saved, while a change made elsewhere (undo, a key, another
// program) shows at once in the fields the reviewer has not edited.
func (p *codingPanel) fill(f coding.Fragment) {
	if f.ID == p.shown.ID && sameEdits(f, p.shown) {
		return
	}
	same := f.ID == p.shown.ID
	was := p.shown
	p.shown = f
	p.shown.Labels = slices.Clone(f.Labels)
	// For the fragment already shown, a field edited and not yet saved
	// keeps what was typed, and what it started from: saving checks that
	// against what is stored.
	typed := strings.Join(p.labels(), ", ")
	if same && edited(typed, strings.Join(was.Labels, ", "), strings.Join(f.Labels, ", ")) {
		p.shown.Labels = was.Labels
	} else {
		p.labelBox.SetText(strings.Join(f.Labels, ", "))
	}
	if same && edited(p.memo.Text, was.Memo, f.Memo) {
		p.shown.Memo = was.Memo
	} else {
		p.memo.SetText(f.Memo)
	}
	p.valences.SetSelected(valenceChoice(f.Valence)) // saved as soon as picked
}

// startedFrom is f as the reviewer saw it in the panel: the values the
// fields were filled with, for a save to be checked against.
func (p *codingPanel) startedFrom(f coding.Fragment) coding.Fragment {
	if p.shown.ID == f.ID {
		f.Labels, f.Memo, f.Valence = p.shown.Labels, p.shown.Memo, p.shown.Valence
	}
	return f
}

// sameEdits tells whether two versions of a fragment agree on what the
// panel edits.
func sameEdits(a, b coding.Fragment) bool {
	return a.Role == b.Role && a.Valence == b.Valence && a.Memo == b.Memo && slices.Equal(a.Labels, b.Labels)
}

// edited is f with what the panel's fields hold.
func (p *codingPanel) edited(f coding.Fragment) coding.Fragment {
	f.Labels = p.labels()
	f.Memo = p.memo.Text
	f.Valence = p.valence()
	return f
}

// save stores what the fields hold for the fragment shown, as one
// undoable step, when it differs from what is stored. The fields save
// themselves this way whenever the reviewer leaves them, uses another
// control, picks another fragment or passage, or closes the window.
func (p *codingPanel) save() {
	if p.loading || p.shown.ID == "" {
		return
	}
	f := p.ws.fragment(p.shown.ID)
	if f == nil {
		return
	}
	if g := p.edited(*f); !sameEdits(g, *f) {
		p.ws.edit(g, p.startedFrom(*f))
	}
}

// setPinned pins the labels in the box, so that each new passage gets
// them, or unpins them.
func (p *codingPanel) setPinned(on bool) {
	if p.loading {
		return
	}
	p.save()
	old := p.pinned
	p.pinned = nil
	if on {
		p.pinned = p.labels()
	}
	if p.shown.ID == "" && slices.Equal(p.labels(), old) {
		p.labelBox.SetText(strings.Join(p.pinned, ", "))
	}
	p.showPinned()
}

// showPinned says which labels each new passage gets.
func (p *codingPanel) showPinned() {
	if len(p.pinned) == 0 {
		p.pinInfo.Hide()
		p.form.Refresh()
		if p.pin.Checked {
			p.loading = true
			p.pin.SetChecked(false)
			p.loading = false
			p.ws.say("Type the labels to keep in the labels box, then tick Keep beside it.")
		}
		return
	}
	p.pinInfo.SetText("Kept for each new passage: " + strings.Join(p.pinned, ", "))
	p.pinInfo.Show()
	p.form.Refresh()
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
		p.quote.SetText("“" + coding.Clip(f.Text, quoteLength) + "”")
		p.fill(*f)
		p.remove.Show()
		p.meta.SetText(fmt.Sprintf("Coded by %s, %s · offsets %d–%d", f.Coder, f.Modified.Local().Format("2 Jan 2006 15:04"), f.Start, f.End))
	case end > start:
		if p.shown.ID != "" {
			p.fillDraft()
		}
		p.title.SetText(fmt.Sprintf("Code the selection · p.%d", ws.text.PageAt(start)))
		p.quote.SetText("“" + coding.Clip(ws.text.Slice(start, end), quoteLength) + "”")
		p.remove.Hide()
		p.meta.SetText(coding.Count(end-start, "character") + " · press C, R, M or O")
		if t := ws.fragment(ws.spanTarget); t != nil {
			p.move.SetText(moveText(t.Role.Letter()+t.Valence.Sign(), t.Page))
			p.move.Show()
		}
	default:
		if p.shown.ID != "" {
			p.fillDraft()
		}
		p.title.SetText("Code a passage")
		p.quote.SetText("Drag across the text on the page to select a passage, then press a role's key or button. Click a highlight or a fragment in the list to edit it.")
		p.remove.Hide()
		p.meta.SetText("")
	}
	p.updateSuggestions()
	// The delete and move buttons may have come or gone: lay the form
	// out again, once it has been (refreshing every control of a form
	// not laid out yet only made their renderers early: a tenth of the
	// UI goroutine's time opening a large project, issue 14).
	if !p.form.Size().IsZero() {
		p.form.Refresh()
	}
}

func spaced(s string) string {
	if s == "" {
		return ""
	}
	return " " + s
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
		if p.ws.pv != nil {
			p.ws.pv.readFailed("labels", err) // not as if the codebook had none
		}
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
		if have[n] { // given already, or typed in full
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

// inCodebook tells whether a label of that name (in any case) is in the
// codebook.
func (p *codingPanel) inCodebook(name string) bool {
	labels, err := p.ws.session.Labels()
	if err != nil {
		return false
	}
	for _, l := range labels {
		if strings.EqualFold(l.Name, name) {
			return true
		}
	}
	return false
}

// updateSuggestions shows the matching codebook labels as buttons under
// the label box: a click (or Enter, for the first) completes the label.
func (p *codingPanel) updateSuggestions() {
	p.suggest.RemoveAll()
	defer p.showSuggestRow()
	sugg := p.suggestions()
	tok := p.token()
	if len(sugg) == 0 && tok != "" && !p.inCodebook(tok) {
		l := widget.NewLabel("“" + tok + "” will be a new label")
		l.TextStyle = fyne.TextStyle{Italic: true}
		p.suggest.Add(l)
		return
	}
	for _, s := range sugg {
		name := s
		b := widget.NewButton(name, func() {
			p.completeWith(name)
			p.save()
		})
		b.Importance = widget.LowImportance
		p.suggest.Add(b)
	}
}

// showSuggestRow shows the row of suggestions only while it holds some:
// an empty scroller is still 32 px tall, which pushed a picked
// fragment's memo out of view at 1260×780.
func (p *codingPanel) showSuggestRow() {
	if empty := len(p.suggest.Objects) == 0; empty != p.suggestRow.Visible() {
		return
	} else if empty {
		p.suggestRow.Hide()
	} else {
		p.suggestRow.Show()
	}
	if p.form != nil {
		p.form.Refresh()
	}
}

// complete replaces the label being typed with the first suggestion.
func (p *codingPanel) complete() {
	tok := p.token()
	if tok == "" || p.inCodebook(tok) {
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

// savingEntry is an entry that saves what was typed in it when the
// reviewer leaves it.
type savingEntry struct {
	widget.Entry
	left func()
}

func newSavingEntry(multiLine bool, left func()) *savingEntry {
	e := &savingEntry{left: left}
	e.MultiLine = multiLine
	if multiLine {
		e.Wrapping = fyne.TextWrapWord
	}
	e.ExtendBaseWidget(e)
	return e
}

// FocusLost saves, after the entry has let go of the keyboard.
func (e *savingEntry) FocusLost() {
	e.Entry.FocusLost()
	if e.left != nil {
		e.left()
	}
}

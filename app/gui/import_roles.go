package gui

// The import dialog's role-mapping step: after a REFI-QDA file is read and
// before anything is written, the other tool's codebook is shown, a row
// per code (indented under its parent) with the passages it codes and the
// role its passages will get, as the import itself would pick it. The
// reviewer changes what they want and imports; the choice goes in through
// refiqda.Input.SetRoles, as `import --roles` does.

import (
	"errors"
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/coding/refiqda"
)

// errImportCancelled is what an import the reviewer cancelled at the
// role-mapping step ends with; nothing was written.
var errImportCancelled = errors.New("import cancelled")

// noRole is the choice that makes a code a label.
const noRole = "No role: a label"

// roleChoices are the roles a code may give its passages, as listed.
var roleChoices = []string{noRole, coding.Context.Title(), coding.Resource.Title(), coding.Reasoning.Title(), coding.Outcome.Title()}

// roleChoice is how the list names what a code gives its passages.
func roleChoice(r coding.Role) string {
	if r.Classified() {
		return r.Title()
	}
	return noRole
}

// choiceRole is the role a listed choice stands for (Unclassified for a
// label, as SetRoles takes it).
func choiceRole(s string) coding.Role {
	for _, r := range coding.Roles {
		if r.Title() == s {
			return r
		}
	}
	return coding.Unclassified
}

// codeRow is a code of the file's codebook and how deep it sits.
type codeRow struct {
	code  refiqda.Code
	depth int
}

// flattenCodes lists a codebook depth first, parents before children.
func flattenCodes(cs []refiqda.Code, depth int, out []codeRow) []codeRow {
	for _, c := range cs {
		out = append(out, codeRow{c, depth})
		out = flattenCodes(c.Children, depth+1, out)
	}
	return out
}

// roleStep is the state of the role-mapping step.
type roleStep struct {
	in       *refiqda.Input
	rows     []codeRow
	shown    []int                  // the rows the filter keeps
	passages map[string]int         // code GUID -> passages it codes
	total    int                    // passages coded
	roles    map[string]coding.Role // code GUID -> the role the import gives its passages
	chosen   map[string]coding.Role // NameKey -> the reviewer's role, where it differs from the import's own
	names    map[string]string      // NameKey -> a code's name, as SetRoles takes it
}

func newRoleStep(in *refiqda.Input) *roleStep {
	st := &roleStep{in: in, rows: flattenCodes(in.Codes, 0, nil), chosen: map[string]coding.Role{}, names: map[string]string{}}
	st.passages, st.total = in.Passages()
	for _, r := range st.rows {
		st.names[coding.NameKey(r.code.Name)] = r.code.Name
	}
	st.filter("")
	st.roles = in.CodeRoles()
	return st
}

// filter keeps the rows whose code's name contains q (any case).
func (st *roleStep) filter(q string) {
	q = strings.ToLower(strings.TrimSpace(q))
	st.shown = st.shown[:0]
	for i, r := range st.rows {
		if q == "" || strings.Contains(strings.ToLower(r.code.Name), q) {
			st.shown = append(st.shown, i)
		}
	}
}

// apply hands the reviewer's choices to the import and reads back what
// every code now gives its passages.
func (st *roleStep) apply() error {
	roles := make(map[string]coding.Role, len(st.chosen))
	for key, r := range st.chosen {
		roles[st.names[key]] = r
	}
	if err := st.in.SetRoles(roles); err != nil {
		return err
	}
	st.roles = st.in.CodeRoles()
	return nil
}

// set gives code c's passages role r (Unclassified: c is a label). Codes
// are named by name, as `import --roles` names them, so every code of that
// name follows. A choice the import makes by itself is not recorded, so
// that a valence code ("Outcome +") keeps its valence.
func (st *roleStep) set(c refiqda.Code, r coding.Role) error {
	key := coding.NameKey(c.Name)
	delete(st.chosen, key)
	if err := st.apply(); err != nil {
		return err
	}
	if roleChoice(st.roles[c.GUID]) == roleChoice(r) {
		return nil
	}
	st.chosen[key] = r
	return st.apply()
}

// roleSelect is a row's choice of role: Enter and Esc, which a select
// ignores, import and cancel as everywhere in the dialog.
type roleSelect struct {
	widget.Select
	onEnter, onEscape func()
}

func newRoleSelect(onEnter, onEscape func()) *roleSelect {
	s := &roleSelect{onEnter: onEnter, onEscape: onEscape}
	s.Options = roleChoices
	// A select is as wide as its placeholder, which is never shown (a
	// choice is always made): the longest choice shows whole.
	for _, c := range roleChoices {
		if len(c) > len(s.PlaceHolder) {
			s.PlaceHolder = c
		}
	}
	s.ExtendBaseWidget(s)
	return s
}

// TypedKey implements fyne.Focusable.
func (s *roleSelect) TypedKey(k *fyne.KeyEvent) {
	if dialogKey(k, s.onEnter, s.onEscape) {
		return
	}
	s.Select.TypedKey(k)
}

// keyList is the list of codes: Enter and Esc, which a list ignores
// (tapping a row gives it the focus), import and cancel.
type keyList struct {
	widget.List
	onEnter, onEscape func()
}

// TypedKey implements fyne.Focusable.
func (l *keyList) TypedKey(k *fyne.KeyEvent) {
	if dialogKey(k, l.onEnter, l.onEscape) {
		return
	}
	l.List.TypedKey(k)
}

// dialogKey runs onEnter for Enter, onEscape for Esc, and says whether it
// ran either.
func dialogKey(k *fyne.KeyEvent, onEnter, onEscape func()) bool {
	switch k.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		onEnter()
	case fyne.KeyEscape:
		onEscape()
	default:
		return false
	}
	return true
}

// importRolesStep shows in's codebook with the role each code gives its
// passages, for the reviewer to change; Import (or Enter) hands the
// choice to in and runs importIt, Cancel (or Esc) runs cancel and writes
// nothing.
func (ws *workspace) importRolesStep(in *refiqda.Input, importIt, cancel func()) {
	st := newRoleStep(in)
	c := ws.win.Canvas()
	// While the step is up the window's keys are its own: C, R, M, O and
	// + − 0 would otherwise code the page behind it.
	keys, runes := c.OnTypedKey(), c.OnTypedRune()
	var d *dialog.ConfirmDialog
	closed := false
	finish := func(ok bool) { // the dialog's callback: once, however often Enter is pressed
		if closed {
			return
		}
		closed = true
		c.SetOnTypedKey(keys)
		c.SetOnTypedRune(runes)
		if ok {
			importIt()
		} else {
			cancel()
		}
	}
	enter, escape := func() { d.Confirm() }, func() { d.Dismiss() }

	list := &keyList{onEnter: enter, onEscape: escape}
	list.Length = func() int { return len(st.shown) }
	list.CreateItem = func() fyne.CanvasObject {
		indent := canvas.NewRectangle(color.Transparent) // a nil colour crashes the software painter
		name := widget.NewLabel("")
		name.Truncation = fyne.TextTruncateEllipsis
		return container.NewBorder(nil, nil, indent, newRoleSelect(enter, escape), name)
	}
	list.UpdateItem = func(i widget.ListItemID, o fyne.CanvasObject) {
		row := st.rows[st.shown[i]]
		box := o.(*fyne.Container)
		name, indent, sel := box.Objects[0].(*widget.Label), box.Objects[1].(*canvas.Rectangle), box.Objects[2].(*roleSelect)
		indent.SetMinSize(fyne.NewSize(float32(row.depth)*theme.IconInlineSize(), 1))
		name.SetText(fmt.Sprintf("%s (%s)", row.code.Name, coding.Count(st.passages[row.code.GUID], "passage")))
		sel.OnChanged = nil
		sel.SetSelected(roleChoice(st.roles[row.code.GUID]))
		sel.OnChanged = func(s string) {
			if err := st.set(row.code, choiceRole(s)); err != nil {
				ws.fail(err)
			}
			list.Refresh()
		}
		box.Refresh()
	}
	list.ExtendBaseWidget(list)
	filter := newFindEntry()
	filter.SetPlaceHolder("Filter codes")
	filter.OnChanged = func(q string) { st.filter(q); list.Refresh() }
	filter.OnSubmitted = func(string) { enter() }
	filter.onEscape = escape

	intro := widget.NewLabel(fmt.Sprintf("%s has %s and %s coded. Say which codes are roles: their passages become fragments of that role. "+
		"A passage with no role code comes in unclassified, its codes as labels, for C, R, M or O later.",
		in.Name, coding.Count(len(st.rows), "code"), coding.Count(st.total, "passage")))
	intro.Wrapping = fyne.TextWrapWord
	body := container.NewBorder(container.NewVBox(intro, filter), nil, nil, nil, list)
	d = dialog.NewCustomConfirm("Import "+in.Name, "Import", "Cancel", body, finish, ws.win)
	d.SetConfirmImportance(widget.HighImportance)
	d.Resize(fyne.NewSize(720, 560))
	c.SetOnTypedKey(func(k *fyne.KeyEvent) { dialogKey(k, enter, escape) })
	c.SetOnTypedRune(nil)
	d.Show()
	c.Focus(filter)
}

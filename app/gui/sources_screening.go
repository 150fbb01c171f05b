package gui

import (
	"time"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/coding/export"
)

// screeningForm is the part of the Sources tab for the reference fields
// (journal, volume, issue, pages, DOI, URL) and the full-text screening:
// richness, the decision with its reason and stage, and who decided when.
// Its fields save as the tab's others do.
type screeningForm struct {
	journal, volume, issue, pages, doi, url *savingEntry
	richness                                *widget.Select
	richnessNote                            *savingEntry
	decision, stage                         *widget.Select
	reason                                  *savingEntry
	reasons                                 *widget.Select // fills reason with one of the team's list
	editReasons                             *widget.Button // edits that list (sources_reasons.go)
	decided                                 *widget.Label  // "decided by Ann, 2026-12-03"
	filter                                  *widget.Select // which sources the list shows, by decision
}

var decisionNames = []string{"undecided", "include", "exclude"}

func newScreeningForm(entry func(hint string, multi bool) *savingEntry, save func()) *screeningForm {
	f := &screeningForm{
		journal: entry("Journal, book or publisher", false), volume: entry("Volume", false), issue: entry("Issue", false),
		pages: entry("123-130", false), doi: entry("10.1155/2010/157939", false), url: entry("https://…", false),
		richnessNote: entry("Does it explain how the mechanisms work? Why?", true),
		reason:       entry("Why (or pick a common reason)", false),
		decided:      widget.NewLabel(""),
	}
	f.richness = widget.NewSelect(judgementNames, func(string) { save() })
	f.decision = widget.NewSelect(decisionNames, func(string) { save() })
	f.stage = widget.NewSelect(append([]string{"no stage"}, coding.Stages...), func(string) { save() })
	f.filter = widget.NewSelect(filterNames, nil)
	f.filter.SetSelected(filterNames[0])
	f.reasons = widget.NewSelect(coding.DefaultReasons, nil)
	f.editReasons = widget.NewButton("Edit…", nil)
	f.reasons.PlaceHolder = "Common reasons"
	f.reasons.OnChanged = func(s string) {
		if s != "" {
			f.reason.SetText(s)
			save()
		}
	}
	return f
}

func (f *screeningForm) items() []*widget.FormItem {
	return []*widget.FormItem{
		widget.NewFormItem("Richness", f.richness),
		widget.NewFormItem("Richness note", f.richnessNote),
		widget.NewFormItem("Decision", container.NewBorder(nil, nil, nil, f.decided, f.decision)),
		widget.NewFormItem("Reason", container.NewBorder(nil, nil, nil, container.NewHBox(f.reasons, f.editReasons), f.reason)),
		widget.NewFormItem("Stage", f.stage),
		widget.NewFormItem("Journal", f.journal),
		widget.NewFormItem("Volume", f.volume),
		widget.NewFormItem("Issue", f.issue),
		widget.NewFormItem("Pages", f.pages),
		widget.NewFormItem("DOI", f.doi),
		widget.NewFormItem("URL", f.url),
	}
}

func (f *screeningForm) entries() []*savingEntry {
	return []*savingEntry{f.richnessNote, f.reason, f.journal, f.volume, f.issue, f.pages, f.doi, f.url}
}

func (f *screeningForm) selects() []*widget.Select {
	return []*widget.Select{f.richness, f.decision, f.stage, f.reasons}
}

// formFields are the form's fields, named as coding.SourceField names them.
func (f *screeningForm) formFields(entry func(string, *savingEntry) formField) []formField {
	return []formField{
		{"richness", func() string { return string(judgementOf(f.richness.Selected)) },
			func(v string) { f.richness.SetSelected(judgementName(coding.Judgement(v))) }},
		entry("richness-note", f.richnessNote),
		{"decision", func() string { d, _ := coding.ParseDecision(f.decision.Selected); return string(d) },
			func(v string) { f.decision.SetSelected(coding.Decision(v).String()) }},
		entry("reason", f.reason),
		{"stage", func() string {
			if f.stage.Selected == "no stage" {
				return ""
			}
			return f.stage.Selected
		}, func(v string) {
			if v == "" {
				v = "no stage"
			}
			f.stage.SetSelected(v)
		}},
		entry("journal", f.journal), entry("volume", f.volume), entry("issue", f.issue),
		entry("pages", f.pages), entry("doi", f.doi), entry("url", f.url),
	}
}

// show says who decided about d, and when.
func (f *screeningForm) show(d *coding.Document) {
	f.reasons.ClearSelected()
	if d == nil || d.DecidedBy == "" && d.DecidedAt == "" {
		f.decided.SetText("")
		return
	}
	at := d.DecidedAt
	if t, err := time.Parse(time.RFC3339, at); err == nil {
		at = t.Local().Format("2006-01-02")
	}
	f.decided.SetText("by " + d.DecidedBy + ", " + at)
}

// stamp records who changes a decision and when: the edit writes them
// only with the decision, from what is stored now.
func stampDecision(stored *coding.Document, from, mine *coding.Source, coder string) {
	if stored == nil || mine.Decision == from.Decision {
		return
	}
	from.DecidedBy, from.DecidedAt = stored.DecidedBy, stored.DecidedAt
	mine.DecidedBy, mine.DecidedAt = coder, time.Now().UTC().Format(time.RFC3339)
}

func init() {
	exportTableNames[export.TableFlow] = "Flow of sources (decisions by stage and reason)"
}

func init() {
	exportTableNames[export.TableReferences] = "References (full reference list for the appendix)"
}

// filterNames are the Sources list's filters: everything, or the sources
// with one decision.
var filterNames = []string{"All sources", "Included", "Excluded", "Undecided"}

// shown are the documents the list shows under the filter chosen.
func (f *screeningForm) shown(docs []coding.Document) []coding.Document {
	want, all := coding.Undecided, true
	switch f.filter.Selected {
	case "Included":
		want, all = coding.Include, false
	case "Excluded":
		want, all = coding.Exclude, false
	case "Undecided":
		all = false
	}
	if all {
		return docs
	}
	var out []coding.Document
	for _, d := range docs {
		if d.Decision == want {
			out = append(out, d)
		}
	}
	return out
}

// decisionMark is what the Sources list shows after a decided source.
func decisionMark(d coding.Decision) string {
	switch d {
	case coding.Include:
		return "  ✓ included"
	case coding.Exclude:
		return "  ✗ excluded"
	}
	return ""
}

package refiqda

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

const mergeText = "The clinic opened late and people came back."

var mergeCodes = []qCode{{name: "Outcome", kids: []qCode{{name: "Outcome +"}, {name: "Outcome −"}}},
	{name: "Context"}, {name: "Trust"}, {name: "Access"}, {name: "Time"}}

// TestImportMergesPassages: the selections of one span by one coder (as
// NVivo writes a passage coded with several codes) are one passage: one
// fragment per role, every other code a label, the memos joined without
// repeats; another coder's selection of the span is that coder's fragment.
func TestImportMergesPassages(t *testing.T) {
	for _, c := range []struct {
		name  string
		sels  []qSel
		notes map[string]string
		want  []string
	}{{
		name: "three codes, three selections",
		sels: []qSel{{start: 4, end: 10, codes: []string{"Trust"}}, {start: 4, end: 10, codes: []string{"Access"}},
			{start: 4, end: 10, codes: []string{"Time", "Trust"}}},
		want: []string{`unclassified 4-10 "clinic" [Trust Access Time] ana`},
	}, {
		name: "a role and labels",
		sels: []qSel{{start: 4, end: 10, codes: []string{"Trust"}}, {start: 4, end: 10, codes: []string{"Context"}}},
		want: []string{`context 4-10 "clinic" [Trust] ana`},
	}, {
		name: "two roles: one fragment each, both with the labels",
		sels: []qSel{{start: 4, end: 10, codes: []string{"Context", "Trust"}}, {start: 4, end: 10, codes: []string{"Outcome +", "Access"}}},
		want: []string{`context 4-10 "clinic" [Trust Access] ana`, `outcome+ 4-10 "clinic" [Trust Access] ana`},
	}, {
		name: "two valences of one role: the first",
		sels: []qSel{{start: 4, end: 10, codes: []string{"Outcome"}}, {start: 4, end: 10, codes: []string{"Outcome −"}},
			{start: 4, end: 10, codes: []string{"Outcome +"}}},
		want: []string{`outcome- 4-10 "clinic" [] ana`},
	}, {
		name: "memos joined, each once",
		sels: []qSel{{start: 4, end: 10, codes: []string{"Trust"}, desc: "Late opening.", notes: []string{"n1"}},
			{start: 4, end: 10, codes: []string{"Access"}, desc: "Late opening.", notes: []string{"n2"}},
			{start: 4, end: 10, codes: []string{"Time"}, notes: []string{"n1"}}},
		notes: map[string]string{"n1": "Seen twice.", "n2": "Late opening."},
		want:  []string{`unclassified 4-10 "clinic" [Trust Access Time] ana memo="Late opening.\n\nSeen twice."`},
	}, {
		name: "other spans stay apart",
		sels: []qSel{{start: 4, end: 10, codes: []string{"Trust"}}, {start: 4, end: 17, codes: []string{"Trust"}},
			{start: 0, end: 10, codes: []string{"Access"}}},
		want: []string{`unclassified 0-10 "The clinic" [Access] ana`, `unclassified 4-10 "clinic" [Trust] ana`,
			`unclassified 4-17 "clinic opened" [Trust] ana`},
	}, {
		name: "another coder's selection of the span is theirs",
		sels: []qSel{{start: 4, end: 10, codes: []string{"Trust"}, user: "Bea"}, {start: 4, end: 10, codes: []string{"Access"}, user: "Cy"},
			{start: 4, end: 10, codes: []string{"Time"}, user: "Bea"}},
		want: []string{`unclassified 4-10 "clinic" [Trust Time] Bea`, `unclassified 4-10 "clinic" [Access] Cy`},
	}} {
		t.Run(c.name, func(t *testing.T) {
			got, im, _ := importQDE(t, qde("NVivo 14", mergeCodes, mergeText, c.sels, c.notes), mergeText, nil)
			slices.Sort(got)
			want := slices.Sorted(slices.Values(c.want))
			if !slices.Equal(got, want) {
				t.Errorf("fragments\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			if im.Added.Fragments != len(c.want) {
				t.Errorf("added %v, want %d fragments", im.Added, len(c.want))
			}
		})
	}
}

// TestImportMemo: a selection's Description and the notes it refers to
// (NoteRef) are its fragment's memo, in that order, each text once.
func TestImportMemo(t *testing.T) {
	for _, c := range []struct {
		sel  qSel
		want string
	}{
		{qSel{desc: "Opened at ten."}, "Opened at ten."},
		{qSel{notes: []string{"n1"}}, "Staff were late."},
		{qSel{desc: "Opened at ten.", notes: []string{"n1", "n2"}}, "Opened at ten.\n\nStaff were late.\n\nAsk again."},
		{qSel{desc: " Staff were late. ", notes: []string{"n1"}}, "Staff were late."}, // cmocoder's export writes both
		{qSel{desc: "  ", notes: []string{"missing"}}, ""},
	} {
		s := c.sel
		s.start, s.end, s.codes = 4, 10, []string{"Trust"}
		data := qde("QualCoder 3.6", mergeCodes, mergeText, []qSel{s}, map[string]string{"n1": "Staff were late.", "n2": "Ask again."})
		_, _, tx := importQDE(t, data, mergeText, nil)
		var memos []string
		for _, f := range tx.Frags {
			memos = append(memos, f.Memo)
		}
		if !slices.Equal(memos, []string{c.want}) {
			t.Errorf("Description %q, notes %q: memos %q, want %q", c.sel.desc, c.sel.notes, memos, c.want)
		}
	}
}

var guidRE2 = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)

// TestImportAgainWithNewGUIDs: the same file re-exported with new GUIDs
// (QualCoder does so) adds no fragment: each passage is already here by
// its document, span, role, labels and coder.
func TestImportAgainWithNewGUIDs(t *testing.T) {
	sels := []qSel{{start: 4, end: 10, codes: []string{"Trust", "Context"}, user: "Bea"}, {start: 4, end: 10, codes: []string{"Access"}, user: "Bea"},
		{start: 27, end: 33, codes: []string{"Outcome +"}, user: "Bea"}, {start: 0, end: 3, codes: []string{"Time"}, user: "Cy"}}
	data := qde("QualCoder 3.6", mergeCodes, mergeText, sels, nil)
	first, im, tx := importQDE(t, data, mergeText, nil)
	if im.Added.Fragments != 3 {
		t.Fatalf("first import: %v\n%s", im.Added, strings.Join(first, "\n"))
	}
	// Every GUID new: selections, codings, codes, users, the source.
	renamed := guidRE2.ReplaceAllFunc(data, func(m []byte) []byte { return []byte(GUID(string(m) + " again")) })
	if string(renamed) == string(data) {
		t.Fatal("no GUID renamed")
	}
	in, err := Read("again.qde", renamed)
	if err != nil {
		t.Fatal(err)
	}
	again, im2, _ := applyTo(t, tx, in)
	if !slices.Equal(again, first) || im2.Added.Fragments != 0 || im2.Here.Fragments != 3 {
		t.Errorf("again: added %v, here %v\n%s\nwant\n%s", im2.Added, im2.Here, strings.Join(again, "\n"), strings.Join(first, "\n"))
	}
}

// TestImportReusedGUID: two different passages of a file with one GUID
// (as the qc and NVivo for Mac samples share GUIDs) are both imported, the
// second with a new ID and a warning; importing the file again adds
// nothing.
func TestImportReusedGUID(t *testing.T) {
	const guid = "5e000000-0000-4000-8000-0000000000aa"
	sels := []qSel{{start: 4, end: 10, codes: []string{"Trust"}, guid: guid}, {start: 27, end: 33, codes: []string{"Access"}, guid: guid}}
	data := qde("qc 1.3.2", mergeCodes, mergeText, sels, nil)
	got, im, tx := importQDE(t, data, mergeText, nil)
	want := []string{`unclassified 4-10 "clinic" [Trust] ana`, `unclassified 27-33 "people" [Access] ana`}
	if !slices.Equal(got, want) || im.Added.Fragments != 2 || im.Here.Fragments != 0 {
		t.Errorf("added %v, here %v\n%s\nwant\n%s", im.Added, im.Here, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if _, err := tx.Fragment(guid); err != nil {
		t.Errorf("the first passage lost its GUID: %v", err)
	}
	if w := "1 coded passage had the ID of another passage of the project; imported with a new ID"; !slices.ContainsFunc(im.Warnings, func(s string) bool { return strings.Contains(s, w) }) {
		t.Errorf("warnings %q, want one with %q", im.Warnings, w)
	}
	in, err := Read("team.qde", data)
	if err != nil {
		t.Fatal(err)
	}
	again, im2, _ := applyTo(t, tx, in)
	if !slices.Equal(again, want) || im2.Added.Fragments != 0 || im2.Here.Fragments != 2 {
		t.Errorf("again: added %v, here %v\n%s", im2.Added, im2.Here, strings.Join(again, "\n"))
	}
}

// TestImportCmocoderKeepsFragments: cmocoder's own export writes one
// selection per fragment with all its labels, so two fragments of one span
// (a Context and an Outcome, labelled differently) come back as they were,
// each with its own ID and labels, not merged.
func TestImportCmocoderKeepsFragments(t *testing.T) {
	const a, b = "5e000000-0000-4000-8000-0000000000a1", "5e000000-0000-4000-8000-0000000000b2"
	sels := []qSel{{start: 4, end: 10, codes: []string{"Context", "Trust"}, guid: a}, {start: 4, end: 10, codes: []string{"Outcome", "Access"}, guid: b}}
	got, _, tx := importQDE(t, qde("cmocoder 1.0", mergeCodes, mergeText, sels, nil), mergeText, nil)
	want := []string{`context 4-10 "clinic" [Trust] ana`, `outcome 4-10 "clinic" [Access] ana`}
	if !slices.Equal(got, want) {
		t.Errorf("fragments\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, id := range []string{a, b} {
		if _, err := tx.Fragment(id); err != nil {
			t.Errorf("fragment %s: %v", id, err)
		}
	}
}

// TestImportCmocoderTwins: two fragments alike in all but ID in
// cmocoder's export both come back into a new project, and into their
// own project neither is added again.
func TestImportCmocoderTwins(t *testing.T) {
	sels := []qSel{{start: 4, end: 10, codes: []string{"Trust"}}, {start: 4, end: 10, codes: []string{"Trust"}}}
	data := qde("cmocoder 1.0", mergeCodes, mergeText, sels, nil)
	got, im, tx := importQDE(t, data, mergeText, nil)
	if len(got) != 2 || im.Added.Fragments != 2 {
		t.Errorf("into a new project: added %v\n%s", im.Added, strings.Join(got, "\n"))
	}
	in, err := Read("team.qde", data)
	if err != nil {
		t.Fatal(err)
	}
	if _, im, _ := applyTo(t, tx, in); im.Added.Fragments != 0 || im.Here.Fragments != 2 {
		t.Errorf("into its own project: added %v, here %v", im.Added, im.Here)
	}
}

// TestImportUnplacedHere: a passage the file cannot place (its text is
// not in a bare .qde) but whose fragment the document has by its ID is
// already here, not skipped.
func TestImportUnplacedHere(t *testing.T) {
	tx := newMemTx()
	tx.AddDoc("doc", ourPages...)
	if _, err := (coding.AddFragment{Fragment: coding.Fragment{ID: sel1, DocID: "doc", Start: 4, End: 9, Role: coding.Context}}).Apply(tx); err != nil {
		t.Fatal(err)
	}
	im := NewImport(testFile("cmocoder 1.0", "", false, sel(sel1, 4, 9, contextCode), sel(sel2, 10, 15, contextCode)))
	srcs, _ := im.PDFSources()
	if err := im.AddDocument(srcs[0], "doc"); err != nil {
		t.Fatal(err)
	}
	if _, err := im.Apply(tx); err != nil {
		t.Fatal(err)
	}
	if im.Here.Fragments != 1 || im.Added.Fragments != 0 {
		t.Errorf("added %v, here %v; want 1 fragment here", im.Added, im.Here)
	}
	if got, want := im.Omitted().String(), "1 picture (cmocoder codes text and PDFs only); 1 coded passage (the text they count in is not in test.qde); 1 CMOC (none of its fragments imported)"; got != want {
		t.Errorf("left out %q, want %q", got, want)
	}
}

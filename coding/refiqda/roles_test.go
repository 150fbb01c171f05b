package refiqda

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// qCode is a code of a test project: its name, and the codes under it.
// Its GUID is made from its name.
type qCode struct {
	name string
	kids []qCode
}

// qSel is a coded selection of a test project's one text source: its
// codes by name, and optionally its GUID, creating user (a name), memo
// (Description) and the names of the notes it refers to.
type qSel struct {
	start, end int
	codes      []string
	guid, user string
	desc       string
	notes      []string
}

func codeGUID(name string) string { return GUID("code " + name) }

// qde is a bare project document of another tool (origin): a codebook, one
// text source holding text, the selections and notes (name -> text).
func qde(origin string, codes []qCode, text string, sels []qSel, notes map[string]string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Team" origin="%s"><Users>`, origin)
	users := map[string]bool{}
	for _, s := range sels {
		if s.user != "" && !users[s.user] {
			users[s.user] = true
			fmt.Fprintf(&b, `<User guid="%s" name="%s"/>`, GUID("user "+s.user), s.user)
		}
	}
	b.WriteString(`</Users><CodeBook><Codes>`)
	var write func(cs []qCode)
	write = func(cs []qCode) {
		for _, c := range cs {
			fmt.Fprintf(&b, `<Code guid="%s" name="%s" isCodable="true">`, codeGUID(c.name), c.name)
			write(c.kids)
			b.WriteString(`</Code>`)
		}
	}
	write(codes)
	fmt.Fprintf(&b, `</Codes></CodeBook><Sources><TextSource guid="%s" name="Interview 1.docx"><PlainTextContent>%s</PlainTextContent>`, GUID("source"), text)
	for i, s := range sels {
		guid := s.guid
		if guid == "" {
			guid = GUID(fmt.Sprint("selection ", i))
		}
		user := ""
		if s.user != "" {
			user = fmt.Sprintf(` creatingUser="%s"`, GUID("user "+s.user))
		}
		fmt.Fprintf(&b, `<PlainTextSelection guid="%s" startPosition="%d" endPosition="%d"%s>`, guid, s.start, s.end, user)
		if s.desc != "" {
			fmt.Fprintf(&b, `<Description>%s</Description>`, s.desc)
		}
		for _, c := range s.codes {
			fmt.Fprintf(&b, `<Coding guid="%s"><CodeRef targetGUID="%s"/></Coding>`, GUID(fmt.Sprint(i, c)), codeGUID(c))
		}
		for _, n := range s.notes {
			fmt.Fprintf(&b, `<NoteRef targetGUID="%s"/>`, GUID("note "+n))
		}
		b.WriteString(`</PlainTextSelection>`)
	}
	b.WriteString(`</TextSource></Sources>`)
	if len(notes) > 0 {
		b.WriteString(`<Notes>`)
		for _, name := range slices.Sorted(mapsKeys(notes)) {
			fmt.Fprintf(&b, `<Note guid="%s" name="%s"><PlainTextContent>%s</PlainTextContent></Note>`, GUID("note "+name), name, notes[name])
		}
		b.WriteString(`</Notes>`)
	}
	b.WriteString(`</Project>`)
	return []byte(b.String())
}

func mapsKeys(m map[string]string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// importQDE imports a test project document into a project in memory
// holding its one text source as document "doc", and returns the
// fragments (memTx.FragmentLines) and the import.
func importQDE(t *testing.T, data []byte, text string, roles map[string]coding.Role) ([]string, *Import, *memTx) {
	t.Helper()
	in, err := Read("team.qde", data)
	if err != nil {
		t.Fatal(err)
	}
	if roles != nil {
		if err := in.SetRoles(roles); err != nil {
			t.Fatal(err)
		}
	}
	tx := newMemTx()
	tx.AddDoc("doc", text)
	return applyTo(t, tx, in)
}

func applyTo(t *testing.T, tx *memTx, in *Input) ([]string, *Import, *memTx) {
	t.Helper()
	im := NewImport(in)
	srcs := im.TextSources()
	if len(srcs) != 1 {
		t.Fatalf("%d text sources", len(srcs))
	}
	if err := im.AddDocument(srcs[0], "doc"); err != nil {
		t.Fatal(err)
	}
	if _, err := im.Apply(tx); err != nil {
		t.Fatal(err)
	}
	return tx.FragmentLines(), im, tx
}

// TestImportRoleCodeNames: a passage coded with a code whose name is a
// role, in any of the usual spellings, becomes a fragment of that role; a
// code under such a code (at any depth) gives the role too and is a
// label; --roles overrides the name.
func TestImportRoleCodeNames(t *testing.T) {
	const text = "The clinic opened late and people came back."
	codebook := []qCode{
		{name: "CMO", kids: []qCode{
			{name: "CMO: context", kids: []qCode{{name: "Rural", kids: []qCode{{name: "Remote islands"}}}}},
			{name: "Mechanism (resource)"},
			{name: "Mechanism - reasoning"},
			{name: "Outcome(s)", kids: []qCode{{name: "Outcome +"}, {name: "Retention"}}},
		}},
		{name: "C"}, {name: "M"}, {name: "O"}, {name: "M-res"}, {name: "Context (C)"}, {name: "Outcomes"},
		{name: "Mechanism", kids: []qCode{{name: "Resources"}, {name: "Trust"}}},
		{name: "Trust building"},
	}
	for _, c := range []struct {
		codes []string
		roles map[string]coding.Role
		want  string // role+valence and labels of the one fragment
	}{
		{[]string{"CMO: context"}, nil, "context []"},
		{[]string{"Rural"}, nil, "context [Rural]"},
		{[]string{"Remote islands"}, nil, "context [Remote islands]"},
		{[]string{"Mechanism (resource)"}, nil, "resource []"},
		{[]string{"Mechanism - reasoning"}, nil, "reasoning []"},
		{[]string{"Outcome(s)"}, nil, "outcome []"},
		{[]string{"Outcome +"}, nil, "outcome+ []"},
		{[]string{"Retention"}, nil, "outcome [Retention]"},
		{[]string{"C"}, nil, "context []"},
		{[]string{"M"}, nil, "reasoning []"},
		{[]string{"O"}, nil, "outcome []"},
		{[]string{"M-res"}, nil, "resource []"},
		{[]string{"Context (C)"}, nil, "context []"},
		{[]string{"Outcomes"}, nil, "outcome []"},
		{[]string{"Mechanism"}, nil, "reasoning []"},
		{[]string{"Resources"}, nil, "resource []"},
		{[]string{"Trust"}, nil, "reasoning [Trust]"},
		{[]string{"Trust building"}, nil, "unclassified [Trust building]"},
		{[]string{"Trust building", "O"}, nil, "outcome [Trust building]"},
		{[]string{"CMO"}, nil, "unclassified [CMO]"},
		// --roles overrides a name, and may make a role code a label.
		{[]string{"C"}, map[string]coding.Role{"c": coding.Outcome}, "outcome []"},
		{[]string{"C"}, map[string]coding.Role{"C": coding.Unclassified}, "unclassified [C]"},
		{[]string{"Trust building"}, map[string]coding.Role{"trust BUILDING": coding.Resource}, "resource []"},
	} {
		data := qde("NVivo 14", codebook, text, []qSel{{start: 4, end: 10, codes: c.codes}}, nil)
		got, _, _ := importQDE(t, data, text, c.roles)
		want := fmt.Sprintf("%s 4-10 %q %s", strings.Fields(c.want)[0], "clinic", strings.Join(strings.Fields(c.want)[1:], " ")) + " ana"
		if len(got) != 1 || got[0] != want {
			t.Errorf("coded %q (roles %v): fragments %q, want %q", c.codes, c.roles, got, want)
		}
	}
}

package export

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"cmocoder.org/cmocoder/coding"
)

// index holds a project's values by ID.
type index struct {
	p        *Project
	docs     map[string]coding.Document
	docPos   map[string]int
	names    map[string]string // document ID → short name, unique
	frags    map[string]coding.Fragment
	theories map[string]coding.Theory
}

func newIndex(p *Project) *index {
	x := &index{p: p, docs: map[string]coding.Document{}, docPos: map[string]int{}, frags: make(map[string]coding.Fragment, len(p.Fragments)),
		theories: map[string]coding.Theory{}}
	for i, d := range p.Documents {
		x.docs[d.ID] = d
		x.docPos[d.ID] = i
	}
	x.names = p.citeNames()
	for _, f := range p.Fragments {
		x.frags[f.ID] = f
	}
	for _, t := range p.Theories {
		x.theories[t.ID] = t
	}
	return x
}

// SourceNames gives every document its short name as tables cite it
// ("Agyeman-Duah et al. 2014"); documents that would share one get
// letters, as publications do ("Smith 2014a", "Smith 2014b").
func SourceNames(docs []coding.Document) map[string]string {
	out := make(map[string]string, len(docs))
	byName := map[string][]string{}
	var order []string
	for _, d := range docs {
		n := clean(oneLine(d.ShortName()))
		if n == "" {
			n = d.ID
		}
		if _, ok := byName[n]; !ok {
			order = append(order, n)
		}
		byName[n] = append(byName[n], d.ID)
	}
	for _, n := range order {
		ids := byName[n]
		if len(ids) == 1 {
			out[ids[0]] = n
			continue
		}
		for i, id := range ids {
			suffix := string(rune('a' + i%26))
			if i >= 26 {
				suffix = fmt.Sprintf("%s%d", suffix, i/26)
			}
			if last := n[len(n)-1]; last >= '0' && last <= '9' {
				out[id] = n + suffix
			} else {
				out[id] = n + " (" + suffix + ")"
			}
		}
	}
	return out
}

// cite is where fragments come from: "Name, p. 5; Other 2019, pp. 2, 7",
// sources in the order of the fragments.
func (x *index) cite(frags []coding.Fragment) string {
	var docs []string
	pages := map[string][]int{}
	for _, f := range frags {
		if _, ok := pages[f.DocID]; !ok {
			docs = append(docs, f.DocID)
		}
		if !slices.Contains(pages[f.DocID], f.Page) {
			pages[f.DocID] = append(pages[f.DocID], f.Page)
		}
	}
	parts := make([]string, len(docs))
	for i, d := range docs {
		ps := pages[d]
		slices.Sort(ps)
		nums := make([]string, len(ps))
		for j, p := range ps {
			nums[j] = itoa(p)
		}
		name := x.names[d]
		if name == "" {
			name = "document " + d
		}
		if len(ps) == 1 {
			parts[i] = name + ", p. " + nums[0]
		} else {
			parts[i] = name + ", pp. " + strings.Join(nums, ", ")
		}
	}
	return strings.Join(parts, "; ")
}

// sourcesOf names the sources of frags, each once, in their order.
func (x *index) sourcesOf(frags []coding.Fragment) []string {
	var out []string
	for _, f := range frags {
		name := x.names[f.DocID]
		if name == "" {
			name = "document " + f.DocID
		}
		if !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	return out
}

// quotes are the fragments' texts, white space collapsed.
func quotes(frags []coding.Fragment) []string {
	out := make([]string, len(frags))
	for i, f := range frags {
		out[i] = clean(oneLine(f.Text))
	}
	return out
}

// theoryOrder lists the CMOCs grouped by theory, theories in their order
// and unfiled CMOCs last.
func (x *index) theoryOrder() []TheoryBoxes {
	byTheory := map[string][]coding.CMOC{}
	for _, c := range x.p.CMOCs {
		id := c.TheoryID
		if _, ok := x.theories[id]; !ok {
			id = ""
		}
		byTheory[id] = append(byTheory[id], c)
	}
	var out []TheoryBoxes
	for _, t := range x.p.Theories {
		out = append(out, TheoryBoxes{Name: clean(t.Name), Kind: t.Kind, Description: clean(t.Description), Statement: clean(t.Statement),
			Refines: clean(x.theories[t.Refines].Name)})
	}
	if len(byTheory[""]) > 0 {
		out = append(out, TheoryBoxes{Name: NoTheory})
	}
	n := 0
	ids := make([]string, 0, len(out))
	for _, t := range x.p.Theories {
		ids = append(ids, t.ID)
	}
	ids = append(ids, "")
	for i := range out {
		for _, c := range byTheory[ids[i]] {
			n++
			out[i].Boxes = append(out[i].Boxes, x.box(n, c))
		}
	}
	return out
}

// NoTheory heads the CMOCs filed under no programme theory.
const NoTheory = "(no programme theory)"

// box builds one CMOC's box, reporting deleted fragments.
func (x *index) box(n int, c coding.CMOC) Box {
	var present []coding.Fragment
	var missing []string
	for _, id := range c.Fragments {
		if f, ok := x.frags[id]; ok {
			present = append(present, f)
		} else {
			missing = append(missing, id)
		}
	}
	b := Box{Number: n, ID: c.ID, Statement: clean(c.Statement), Narrative: clean(c.Narrative),
		Configuration: clean(coding.Configuration(present)), Labels: c.Labels, Sources: x.cite(present)}
	for _, p := range coding.Parts(present) {
		b.Parts = append(b.Parts, BoxPart{Role: p.Role, Tag: p.Tag(), Valence: p.Valence(), Text: clean(p.Text()), Source: x.cite(p.Fragments),
			Cited: x.sourcesOf(p.Fragments), Quotes: quotes(p.Fragments)})
	}
	if u := coding.WithoutRole(present); len(u) > 0 {
		b.Supporting = BoxPart{Role: coding.Unclassified, Text: clean(coding.Part{Role: coding.Unclassified, Fragments: u}.Text()),
			Source: x.cite(u), Cited: x.sourcesOf(u), Quotes: quotes(u)}
		// Not on the configuration line, which has a place only for the
		// four roles, but still the CMOC's evidence: quoted with its source.
		b.Unclassified = "unclassified evidence: " + b.Supporting.Text + " (" + b.Supporting.Source + ")"
	}
	if len(missing) > 0 {
		descr := make([]string, len(missing))
		for i, id := range missing {
			short := id
			if len(short) > 8 {
				short = short[:8]
			}
			descr[i] = short
			if when := x.p.Deleted[id]; when != "" {
				descr[i] += " (deleted " + when + ")"
			}
		}
		b.Missing = fmt.Sprintf("missing evidence: %d of %s deleted: %s", len(missing), coding.Count(len(c.Fragments), "fragment"), strings.Join(descr, ", "))
	}
	return b
}

// CMOCTable builds the CMOC table: number, id, programme theory, statement,
// context, mechanism resource, mechanism reasoning, outcome, supporting
// sources with the page of each quote, labels and notes. A CMOC whose
// fragments were deleted keeps its row with a "missing evidence" note, and
// a warning says so.
func CMOCTable(p *Project) (*Table, []string) {
	x := newIndex(p)
	t := &Table{
		Name:  TableCMOCs,
		Title: "CMO configurations",
		Columns: []string{"CMOC", "ID", "Programme theory", "Statement", "Context", "Mechanism resource",
			"Mechanism reasoning", "Outcome", "Supporting sources", "Labels", "Notes"},
		Numeric: []bool{true},
	}
	t.Theories = x.theoryOrder()
	var warnings []string
	for _, th := range t.Theories {
		for _, b := range th.Boxes {
			row := []string{itoa(b.Number), b.ID, th.Name, b.Statement}
			for _, part := range b.Parts {
				row = append(row, partCell(part))
			}
			row = append(row, b.Sources, clean(strings.Join(b.Labels, "; ")), joinNotes(b.Missing, b.Unclassified))
			t.Rows = append(t.Rows, row)
			if b.Missing != "" {
				st := oneLine(b.Statement)
				if r := []rune(st); len(r) > 60 {
					st = string(r[:59]) + "…"
				}
				warnings = append(warnings, fmt.Sprintf("CMOC %d %q (%s): %s", b.Number, st, b.ID, b.Missing))
			}
		}
	}
	if len(warnings) > 0 {
		lack := "%s lack evidence whose fragments were deleted; see the Notes column."
		if len(warnings) == 1 {
			lack = "%s lacks evidence whose fragments were deleted; see the Notes column."
		}
		t.Notes = append(t.Notes, fmt.Sprintf(lack, coding.Count(len(warnings), "CMOC")))
	}
	return t, warnings
}

// joinNotes is a CMOC's Notes cell: the notes that are not empty.
func joinNotes(notes ...string) string {
	return strings.Join(slices.DeleteFunc(notes, func(s string) bool { return s == "" }), "; ")
}

// partCell is a role's cell: its text and valence, "weak leadership (M−)".
func partCell(p BoxPart) string {
	if p.Text == coding.Gap || p.Valence == "" {
		return p.Text
	}
	switch p.Role {
	case coding.Resource, coding.Reasoning:
		return p.Text + " (M" + p.Valence + ")"
	case coding.Outcome:
		return p.Text + " (O" + p.Valence + ")"
	}
	return p.Text
}

// FragmentTable lists every fragment: document, page, offsets, role,
// valence, labels, coder, memo and text.
func FragmentTable(p *Project) *Table {
	x := newIndex(p)
	t := &Table{
		Name:    TableFragments,
		Title:   "Coded fragments",
		Columns: []string{"ID", "Document", "Page", "Start", "End", "Role", "Valence", "Labels", "Coder", "Memo", "Text"},
		Numeric: []bool{false, false, true, true, true},
		Rows:    make([][]string, 0, len(p.Fragments)),
	}
	for _, f := range p.Fragments {
		t.Rows = append(t.Rows, []string{f.ID, x.names[f.DocID], itoa(f.Page), itoa(f.Start), itoa(f.End),
			f.Role.Title(), f.Valence.Sign(), clean(strings.Join(f.Labels, "; ")), clean(f.Coder), clean(f.Memo), clean(oneLine(f.Text))})
	}
	return t
}

// matrix builds a rows-by-sources count table with totals.
func (x *index) matrix(name, title, rowHead string, rows []string, count func(row int, docID string) int, note string) *Table {
	docs := x.p.Documents
	t := &Table{Name: name, Title: title}
	t.Columns = append(t.Columns, rowHead)
	t.Numeric = append(t.Numeric, false)
	for _, d := range docs {
		t.Columns = append(t.Columns, x.names[d.ID])
		t.Numeric = append(t.Numeric, true)
	}
	t.Columns = append(t.Columns, "Total", "N (sources with evidence)")
	t.Numeric = append(t.Numeric, true, true)
	colTotal := make([]int, len(docs))
	withEvidence := make([]bool, len(docs))
	grand := 0
	for r, label := range rows {
		cells := make([]int, len(docs))
		total, n := 0, 0
		for i, d := range docs {
			c := count(r, d.ID)
			cells[i] = c
			total += c
			colTotal[i] += c
			if c > 0 {
				n++
				withEvidence[i] = true
			}
		}
		grand += total
		row := []string{fmt.Sprintf("%s (N = %d)", label, n)}
		for _, c := range cells {
			row = append(row, itoa(c))
		}
		row = append(row, itoa(total), itoa(n))
		t.Rows = append(t.Rows, row)
	}
	foot := []string{"Total"}
	n := 0
	for i := range docs {
		foot = append(foot, itoa(colTotal[i]))
		if withEvidence[i] {
			n++
		}
	}
	foot = append(foot, itoa(grand), itoa(n))
	t.Footer = [][]string{foot}
	t.Notes = []string{note, fmt.Sprintf("N is how many sources give evidence, of the %s in the table.", coding.Count(len(docs), "source"))}
	return t
}

// NoLabel heads the matrix row of fragments that carry no label.
const NoLabel = "(no label)"

// LabelMatrix is the mechanism-by-source matrix: codebook labels down,
// sources across, the number of fragments of each source carrying each
// label, row and column totals, and "N = sources with evidence" per label.
func LabelMatrix(p *Project) *Table {
	x := newIndex(p)
	type key struct{ label, doc string }
	counts := map[key]int{}
	folded := map[string]int{}
	var rows []string
	labels := slices.Clone(p.Labels)
	sort.SliceStable(labels, func(i, j int) bool { return strings.ToLower(labels[i].Name) < strings.ToLower(labels[j].Name) })
	for _, l := range labels {
		if _, ok := folded[coding.NameKey(l.Name)]; !ok {
			folded[coding.NameKey(l.Name)] = len(rows)
			rows = append(rows, clean(l.Name))
		}
	}
	unlabelled := false
	for _, f := range p.Fragments {
		if len(f.Labels) == 0 {
			unlabelled = true
			counts[key{NoLabel, f.DocID}]++
		}
		for _, l := range f.Labels {
			k := coding.NameKey(l)
			if _, ok := folded[k]; !ok { // not in the codebook: still counted
				folded[k] = len(rows)
				rows = append(rows, clean(l))
			}
			counts[key{k, f.DocID}]++
		}
	}
	keys := make([]string, len(rows))
	for k, i := range folded {
		keys[i] = k
	}
	if unlabelled {
		rows = append(rows, NoLabel)
		keys = append(keys, NoLabel)
	}
	t := x.matrix(TableMatrix, "Mechanisms by source", "Mechanism", rows,
		func(r int, doc string) int { return counts[key{keys[r], doc}] },
		"Cells count the fragments of each source that carry the label; a fragment with several labels counts under each.")
	if n := len(coding.WithoutRole(p.Fragments)); n > 0 {
		verb := "are"
		if n == 1 {
			verb = "is"
		}
		t.Notes = append(t.Notes, fmt.Sprintf("Of the fragments counted, %s %s unclassified (no role yet); they count under their labels like the others.", coding.Count(n, "fragment"), verb))
	}
	return t
}

// TheoryMatrix is the theory-by-source matrix: programme theories down,
// sources across, the number of distinct fragments of each source in the
// theory's CMOCs.
func TheoryMatrix(p *Project) *Table {
	x := newIndex(p)
	boxes := x.theoryOrder()
	sets := make([]map[string]map[string]bool, len(boxes)) // theory → doc → fragment set
	byID := map[string]coding.CMOC{}
	for _, c := range p.CMOCs {
		byID[c.ID] = c
	}
	rows := make([]string, len(boxes))
	for i, th := range boxes {
		rows[i] = th.Name
		sets[i] = map[string]map[string]bool{}
		for _, b := range th.Boxes {
			for _, fid := range byID[b.ID].Fragments {
				f, ok := x.frags[fid]
				if !ok {
					continue
				}
				if sets[i][f.DocID] == nil {
					sets[i][f.DocID] = map[string]bool{}
				}
				sets[i][f.DocID][fid] = true
			}
		}
	}
	return x.matrix(TableMatrix, "Programme theories by source", "Programme theory", rows,
		func(r int, doc string) int { return len(sets[r][doc]) },
		"Cells count the distinct fragments of each source used by the theory's CMOCs.")
}

// CodebookTable lists the labels: name, definition, colour and how many
// fragments and CMOCs carry each.
func CodebookTable(p *Project) *Table {
	frags, cmocs := map[string]int{}, map[string]int{}
	for _, f := range p.Fragments {
		for _, l := range f.Labels {
			frags[coding.NameKey(l)]++
		}
	}
	for _, c := range p.CMOCs {
		for _, l := range c.Labels {
			cmocs[coding.NameKey(l)]++
		}
	}
	t := &Table{
		Name:    TableCodebook,
		Title:   "Codebook",
		Columns: []string{"Label", "Definition", "Colour", "Fragments", "CMOCs"},
		Numeric: []bool{false, false, false, true, true},
	}
	labels := slices.Clone(p.Labels)
	sort.SliceStable(labels, func(i, j int) bool { return strings.ToLower(labels[i].Name) < strings.ToLower(labels[j].Name) })
	for _, l := range labels {
		k := coding.NameKey(l.Name)
		t.Rows = append(t.Rows, []string{clean(l.Name), clean(l.Definition), l.Colour, itoa(frags[k]), itoa(cmocs[k])})
	}
	return t
}

// SourceTable lists the sources: study characteristics, appraisal and the
// mechanisms (labels) found in each, with fragment and CMOC counts.
func SourceTable(p *Project) *Table {
	x := newIndex(p)
	t := &Table{
		Name:  TableSources,
		Title: "Included sources",
		Columns: []string{"Source", "Title", "Authors", "Year", "Citation", "Objectives", "Location", "Design",
			"Participants", "Relevance", "Relevance note", "Rigour", "Rigour note", "Fragments", "CMOCs", "Mechanisms"},
		Numeric: []bool{false, false, false, false, false, false, false, false, false, false, false, false, false, true, true},
	}
	nfrag := map[string]int{}
	labels := map[string]map[string]int{}
	var labelOrder = map[string][]string{}
	for _, f := range p.Fragments {
		nfrag[f.DocID]++
		if labels[f.DocID] == nil {
			labels[f.DocID] = map[string]int{}
		}
		for _, l := range f.Labels {
			if labels[f.DocID][l] == 0 {
				labelOrder[f.DocID] = append(labelOrder[f.DocID], l)
			}
			labels[f.DocID][l]++
		}
	}
	ncmoc := map[string]int{}
	for _, c := range p.CMOCs {
		seen := map[string]bool{}
		for _, id := range c.Fragments {
			if f, ok := x.frags[id]; ok && !seen[f.DocID] {
				seen[f.DocID] = true
				ncmoc[f.DocID]++
			}
		}
	}
	for _, d := range p.Documents {
		ls := labelOrder[d.ID]
		sort.SliceStable(ls, func(i, j int) bool { return strings.ToLower(ls[i]) < strings.ToLower(ls[j]) })
		mech := make([]string, len(ls))
		for i, l := range ls {
			mech[i] = fmt.Sprintf("%s (%d)", l, labels[d.ID][l])
		}
		t.Rows = append(t.Rows, []string{x.names[d.ID], clean(d.Title), clean(d.Authors), clean(d.Year), clean(d.Citation),
			clean(d.Objectives), clean(d.Location), clean(d.Design), clean(d.Participants),
			string(d.Relevance.Judgement), clean(d.Relevance.Note), string(d.Rigour.Judgement), clean(d.Rigour.Note),
			itoa(nfrag[d.ID]), itoa(ncmoc[d.ID]), clean(strings.Join(mech, "; "))})
	}
	addScreening(t, p.Documents) // flow.go
	return t
}

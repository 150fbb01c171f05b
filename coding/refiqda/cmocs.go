package refiqda

// cmocoder's own CMOCs and programme theories: ParseCMOCNote and
// ParseTheoryDescription read back the CMOC notes and theory Sets the
// export writes, and Import makes them CMOCs and theories again.

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"cmocoder.org/cmocoder/coding"
)

var refinesRE = regexp.MustCompile(`^Refined programme theory \(refines ("(?:[^"\\]|\\.)*")\)\.$`)

// ParseTheoryDescription reads the description the export gives a
// theory's Set: its description and statement, then "Initial programme
// theory." or "Refined programme theory (refines "NAME")." as the last
// paragraph. The description and statement both become the description.
func ParseTheoryDescription(s string) (kind coding.TheoryKind, refines, desc string) {
	s = strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
	paras := strings.Split(s, "\n\n")
	last := strings.TrimSpace(paras[len(paras)-1])
	rest := strings.TrimSpace(strings.Join(paras[:len(paras)-1], "\n\n"))
	switch {
	case last == "Initial programme theory.":
		return coding.Initial, "", rest
	case last == "Refined programme theory.":
		return coding.Refined, "", rest
	}
	if m := refinesRE.FindStringSubmatch(last); m != nil {
		if name, err := strconv.Unquote(m[1]); err == nil {
			return coding.Refined, name, rest
		}
	}
	return coding.Initial, "", s
}

// ParseCMOCNote reads a CMOC's note as the export writes it:
//
//	STATEMENT\n\nConfiguration: LINE[\n\nNARRATIVE]\n[\nProgramme theory: T][\nLabels: A; B]\n\nEvidence:...
//
// When the text is not in that shape the statement is the note's name and
// there is no narrative and no label.
func ParseCMOCNote(text, name, theory string) (statement, narrative string, labels []string) {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	statement = strings.TrimSpace(name)
	stmt, rest, ok := strings.Cut(text, "\n\nConfiguration: ")
	if !ok {
		return statement, "", nil
	}
	statement = strings.TrimSpace(stmt)
	_, rest, ok = strings.Cut(rest, "\n") // the configuration line
	i := strings.LastIndex(rest, "\n\nEvidence:")
	if !ok || i < 0 {
		return statement, "", nil
	}
	mid := rest[:i]
	if j := strings.LastIndex(mid, "\nLabels: "); j >= 0 && !strings.Contains(mid[j+1:], "\n") {
		for _, l := range strings.Split(mid[j+len("\nLabels: "):], "; ") {
			if l = strings.TrimSpace(l); l != "" {
				labels = append(labels, l)
			}
		}
		mid = mid[:j]
	}
	if j := strings.LastIndex(mid, "\nProgramme theory: "); j >= 0 && !strings.Contains(mid[j+1:], "\n") &&
		(theory == "" || mid[j+len("\nProgramme theory: "):] == theory) {
		mid = mid[:j]
	}
	if len(mid) >= 2 && strings.HasPrefix(mid, "\n") && strings.HasSuffix(mid, "\n") {
		narrative = strings.TrimSpace(mid[1 : len(mid)-1])
	}
	return statement, narrative, labels
}

// cmocs brings back the CMOCs and programme theories of a cmocoder export:
// each CMOC is a Note linked to its fragments' selections, each theory a
// Set of CMOC notes.
func (im *Import) cmocs(tx coding.Tx, do func(coding.Change) error) error {
	f := im.in.File
	targets := map[string][]string{} // note GUID -> selection GUIDs
	for _, l := range f.Links {
		if l.Origin != "" && l.Target != "" && !slices.Contains(targets[l.Origin], l.Target) {
			targets[l.Origin] = append(targets[l.Origin], l.Target)
		}
	}
	// Theories first: the sets that hold CMOC notes.
	theoryOf := map[string]string{} // CMOC note GUID -> theory ID
	theoryName := map[string]string{}
	type refinement struct{ id, refines string }
	var refined []refinement
	for _, set := range f.Sets {
		var members []string
		for _, n := range set.Notes {
			if len(targets[n]) > 0 {
				members = append(members, n)
			}
		}
		if len(members) == 0 || set.Name == "" {
			continue
		}
		kind, refines, desc := ParseTheoryDescription(set.Description)
		var th coding.Theory
		found := false
		var err error
		if ValidGUID(set.GUID) {
			if th, err = tx.Theory(set.GUID); err == nil {
				found = true
			} else if !coding.IsKind(err, coding.KindNotFound) {
				return err
			}
		}
		if !found {
			if th, err = tx.TheoryNamed(set.Name); err == nil {
				found = true
			} else if !coding.IsKind(err, coding.KindNotFound) {
				return err
			}
		}
		if found {
			im.Here.Theories++
		} else {
			id := ""
			if ValidGUID(set.GUID) {
				id = set.GUID
			} else {
				id = coding.NewID()
			}
			th = coding.Theory{ID: id, Name: set.Name, Description: desc, Kind: kind}
			if err := do(coding.PutTheory{Theory: th}); err != nil {
				return err
			}
			im.Added.Theories++
			if refines != "" {
				refined = append(refined, refinement{id, refines})
			}
		}
		for _, n := range members {
			if _, ok := theoryOf[n]; !ok {
				theoryOf[n], theoryName[n] = th.ID, th.Name
			}
		}
	}
	for _, r := range refined {
		other, err := tx.TheoryNamed(r.refines)
		if err != nil || other.ID == r.id {
			continue
		}
		th, err := tx.Theory(r.id)
		if err != nil {
			return err
		}
		th.Refines = other.ID
		if err := do(coding.PutTheory{Theory: th}); err != nil {
			return err
		}
	}
	for _, n := range f.Notes {
		sels := targets[n.GUID]
		if len(sels) == 0 || n.GUID == "" {
			continue
		}
		if _, err := tx.CMOC(n.GUID); err == nil {
			im.Here.CMOCs++
			continue
		} else if !coding.IsKind(err, coding.KindNotFound) {
			return err
		}
		var frags []string
		missing := 0
		for _, sel := range sels {
			if _, err := tx.Fragment(sel); err == nil {
				frags = append(frags, sel)
			} else if coding.IsKind(err, coding.KindNotFound) {
				missing++
			} else {
				return err
			}
		}
		if len(frags) == 0 {
			im.warnf("CMOC %q: none of its fragments was imported; skipped", coding.Clip(n.Name, 60))
			im.LeftOut.Add(1, "CMOC", "none of its fragments imported")
			continue
		}
		if missing > 0 {
			im.warnf("CMOC %q: %d of its fragments %s not imported; it keeps the others", coding.Clip(n.Name, 60), missing, were(missing))
		}
		statement, narrative, labels := ParseCMOCNote(im.notes[n.GUID], n.Name, theoryName[n.GUID])
		for i, l := range labels {
			ex, err := tx.LabelNamed(l)
			switch {
			case err == nil:
				labels[i] = ex.Name
			case coding.IsKind(err, coding.KindNotFound):
				if err := do(coding.PutLabel{Label: coding.Label{Name: l, Colour: coding.DefaultColour(l)}}); err != nil {
					return err
				}
				im.Added.Labels++
			default:
				return err
			}
		}
		created := firstTime(n.Created, tx.Now())
		c := coding.CMOC{ID: n.GUID, Statement: statement, Narrative: narrative, TheoryID: theoryOf[n.GUID],
			Fragments: frags, Labels: labels, Coder: im.coder(tx, n.CreatingUser), Created: created,
			Modified: firstTime(n.Modified, created)}
		if err := do(coding.AddCMOC{CMOC: c}); err != nil {
			return err
		}
		im.Added.CMOCs++
	}
	return nil
}

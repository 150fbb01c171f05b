package storage

import (
	"errors"
	"slices"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// rawChange calls the Tx directly, past the domain's rules, as a buggy
// Change would.
type rawChange func(tx coding.Tx) error

func (r rawChange) Apply(tx coding.Tx) (coding.Change, error) { return nil, r(tx) }

// The rules live in coding; storage still refuses what would break the
// file's integrity (its constraints), and writes nothing then.
func TestIntegrityBehindTheRules(t *testing.T) {
	p, _, frag, cmoc := codedProject(t)
	trust := readOrFail(t, p, func(q querier) (coding.Label, error) { return labelRows.named(q, "trust") })
	being := readOrFail(t, p, func(q querier) (coding.Theory, error) { return theoryRows.named(q, "being") })
	if _, err := p.Apply(coding.PutTheory{Theory: coding.Theory{ID: "t2", Name: "Being, refined", Kind: coding.Refined,
		Refines: being.ID}}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		raw  rawChange
		kind coding.Kind
	}{
		{"delete a label in use", func(tx coding.Tx) error { return tx.DeleteLabel(trust.ID) }, coding.KindInvalid},
		{"delete a theory holding a CMOC", func(tx coding.Tx) error {
			if err := tx.DeleteTheory("t2"); err != nil {
				return err
			}
			return tx.DeleteTheory(being.ID)
		}, coding.KindInvalid},
		{"delete a refined theory's origin", func(tx coding.Tx) error {
			if err := tx.DeleteCMOC(cmoc); err != nil {
				return err
			}
			return tx.DeleteTheory(being.ID)
		}, coding.KindInvalid},
		{"a label name taken in another case", func(tx coding.Tx) error {
			return tx.PutLabel(coding.Label{ID: "l2", Name: " TRUST", Created: tx.Now(), Modified: tx.Now()})
		}, coding.KindExists},
		{"a theory name taken in another case", func(tx coding.Tx) error {
			return tx.PutTheory(coding.Theory{ID: "t3", Name: "BEING", Kind: coding.Initial, Created: tx.Now(), Modified: tx.Now()})
		}, coding.KindExists},
		{"a CMOC listing a fragment twice", func(tx coding.Tx) error {
			return tx.PutCMOC(coding.CMOC{ID: "c2", Fragments: []string{frag, frag}, Created: tx.Now(), Modified: tx.Now()})
		}, coding.KindExists},
		{"a fragment carrying a label twice", func(tx coding.Tx) error {
			f, err := tx.Fragment(frag)
			if err != nil {
				return err
			}
			f.Labels = []string{"Trust", "trust"}
			return tx.PutFragment(f)
		}, coding.KindExists},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := fileSum(t, p.Path())
			_, err := p.Apply(tc.raw)
			wantKind(t, err, tc.kind)
			if fileSum(t, p.Path()) != before {
				t.Error("a refused change altered the file")
			}
		})
	}
}

// codedProject is a project with one document, one fragment on it
// labelled "Trust" and one CMOC of that fragment filed under the theory
// "Being".
func codedProject(t *testing.T) (p *Project, doc coding.Document, frag, cmoc string) {
	t.Helper()
	p, doc = mergerProject(t)
	frag, cmoc = coding.NewID(), coding.NewID()
	for _, c := range []coding.Change{
		coding.AddFragment{Fragment: coding.Fragment{ID: frag, DocID: doc.ID, Start: 0, End: 10, Role: coding.Context, Labels: []string{"Trust"}}},
		coding.AddCMOC{TheoryName: "Being", CMOC: coding.CMOC{ID: cmoc, Statement: "s", Fragments: []string{frag}}},
	} {
		if _, err := p.Apply(c); err != nil {
			t.Fatal(err)
		}
	}
	return p, doc, frag, cmoc
}

// readOrFail reads with get in a read transaction of p.
func readOrFail[T any](t *testing.T, p *Project, get func(querier) (T, error)) T {
	t.Helper()
	var v T
	if err := p.read("test", func(q querier) (err error) { v, err = get(q); return err }); err != nil {
		t.Fatal(err)
	}
	return v
}

// A domain error keeps its kind and message through storage, and the op of
// every layer it passed stays in its chain.
func TestOpChain(t *testing.T) {
	p, _, _, _ := codedProject(t)
	trust := readOrFail(t, p, func(q querier) (coding.Label, error) { return labelRows.named(q, "Trust") })
	_, err := p.Apply(coding.DeleteLabel{ID: trust.ID})
	wantKind(t, err, coding.KindInvalid)
	if want := "Trust: the label is still used by 1 fragment; remove it from them first"; err.Error() != want {
		t.Errorf("message %q, want %q", err, want)
	}
	var ops []string
	for e := err; e != nil; e = errors.Unwrap(e) {
		var ce *coding.Error
		if errors.As(e, &ce) && ce == e {
			ops = append(ops, ce.Op)
		}
	}
	if want := []string{"apply", "delete label"}; !slices.Equal(ops, want) {
		t.Errorf("ops %q, want %q", ops, want)
	}
}

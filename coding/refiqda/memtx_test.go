package refiqda

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"cmocoder.org/cmocoder/coding"
)

// memTx is a project in memory, for tests of the mapping: one map per kind
// of thing, names compared in any case as storage does.
type memTx struct {
	docs     table[coding.Document]
	texts    table[*coding.Text]
	frags    table[coding.Fragment]
	cmocs    table[coding.CMOC]
	theories table[coding.Theory]
	labels   table[coding.Label]
}

// table holds one kind of thing by ID.
type table[T any] map[string]T

func (t table[T]) get(what, id string) (T, error) {
	if v, ok := t[id]; ok {
		return v, nil
	}
	var zero T
	return zero, coding.Errorf(coding.KindNotFound, "get", id, "no such %s", what)
}

func (t table[T]) named(what, name string, nameOf func(T) string) (T, error) {
	for _, v := range t {
		if strings.EqualFold(nameOf(v), name) {
			return v, nil
		}
	}
	var zero T
	return zero, coding.Errorf(coding.KindNotFound, "get", name, "no %s named so", what)
}

func newMemTx() *memTx {
	return &memTx{docs: table[coding.Document]{}, texts: table[*coding.Text]{}, frags: table[coding.Fragment]{},
		cmocs: table[coding.CMOC]{}, theories: table[coding.Theory]{}, labels: table[coding.Label]{}}
}

// addDoc adds a document of the given pages.
func (m *memTx) addDoc(id string, pages ...string) {
	var ps []coding.Page
	for i, p := range pages {
		ps = append(ps, coding.Page{Number: i + 1, Text: p})
	}
	t := coding.NewText(ps)
	m.docs[id] = coding.Document{ID: id, Title: id, Pages: len(pages), Chars: t.Len()}
	m.texts[id] = t
}

func (m *memTx) Now() time.Time { return time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC) }
func (m *memTx) Coder() string  { return "ana" }

func (m *memTx) Document(id string) (coding.Document, error) { return m.docs.get("document", id) }
func (m *memTx) PutDocument(d coding.Document) error         { m.docs[d.ID] = d; return nil }
func (m *memTx) Text(id string) (*coding.Text, error)        { return m.texts.get("text", id) }

func (m *memTx) Fragment(id string) (coding.Fragment, error) { return m.frags.get("fragment", id) }
func (m *memTx) PutFragment(f coding.Fragment) error         { m.frags[f.ID] = f; return nil }
func (m *memTx) DeleteFragment(id string) error              { delete(m.frags, id); return nil }

func (m *memTx) CMOC(id string) (coding.CMOC, error) { return m.cmocs.get("CMOC", id) }
func (m *memTx) PutCMOC(c coding.CMOC) error         { m.cmocs[c.ID] = c; return nil }
func (m *memTx) DeleteCMOC(id string) error          { delete(m.cmocs, id); return nil }

func (m *memTx) Theory(id string) (coding.Theory, error) { return m.theories.get("theory", id) }
func (m *memTx) TheoryNamed(name string) (coding.Theory, error) {
	return m.theories.named("theory", name, func(t coding.Theory) string { return t.Name })
}
func (m *memTx) PutTheory(t coding.Theory) error { m.theories[t.ID] = t; return nil }
func (m *memTx) DeleteTheory(id string) error    { delete(m.theories, id); return nil }

func (m *memTx) Label(id string) (coding.Label, error) { return m.labels.get("label", id) }
func (m *memTx) LabelNamed(name string) (coding.Label, error) {
	return m.labels.named("label", name, func(l coding.Label) string { return l.Name })
}
func (m *memTx) PutLabel(l coding.Label) error {
	if l.ID == "" {
		return fmt.Errorf("label %q without an ID", l.Name)
	}
	m.labels[l.ID] = l
	return nil
}
func (m *memTx) DeleteLabel(id string) error { delete(m.labels, id); return nil }
func (m *memTx) LabelUses(id string) (frags, cmocs []string, err error) {
	l, err := m.Label(id)
	if err != nil {
		return nil, nil, err
	}
	for fid, f := range m.frags {
		if slices.Contains(f.Labels, l.Name) {
			frags = append(frags, fid)
		}
	}
	for cid, c := range m.cmocs {
		if slices.Contains(c.Labels, l.Name) {
			cmocs = append(cmocs, cid)
		}
	}
	slices.Sort(frags)
	slices.Sort(cmocs)
	return frags, cmocs, nil
}

func (m *memTx) TheoryUses(id string) (cmocs, refinedBy []string, err error) {
	if _, err := m.Theory(id); err != nil {
		return nil, nil, err
	}
	for cid, c := range m.cmocs {
		if c.TheoryID == id {
			cmocs = append(cmocs, cid)
		}
	}
	for tid, t := range m.theories {
		if t.Refines == id {
			refinedBy = append(refinedBy, tid)
		}
	}
	slices.Sort(cmocs)
	slices.Sort(refinedBy)
	return cmocs, refinedBy, nil
}

func (m *memTx) Labels() ([]coding.Label, error) {
	var out []coding.Label
	for _, l := range m.labels {
		out = append(out, l)
	}
	slices.SortFunc(out, func(a, b coding.Label) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

// fragments lists the fragments one per line, in offset order:
// "context+ 4-9 "quick" [Trust] ana memo="..."".
func (m *memTx) fragments() []string {
	fs := make([]coding.Fragment, 0, len(m.frags))
	for _, f := range m.frags {
		fs = append(fs, f)
	}
	slices.SortFunc(fs, func(a, b coding.Fragment) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return strings.Compare(string(a.Role), string(b.Role))
	})
	var out []string
	for _, f := range fs {
		line := fmt.Sprintf("%s%s %d-%d %q %v %s", f.Role, f.Valence, f.Start, f.End, f.Text, f.Labels, f.Coder)
		if f.Memo != "" {
			line += fmt.Sprintf(" memo=%q", f.Memo)
		}
		out = append(out, line)
	}
	return out
}

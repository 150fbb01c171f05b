package coding

import (
	"maps"
	"slices"
	"strings"
	"time"
)

// memTx is an in-memory Tx for tests of the domain rules.
type memTx struct {
	now       time.Time
	coder     string
	docs      map[string]Document
	texts     map[string]*Text
	frags     map[string]Fragment
	cmocs     map[string]CMOC
	theories  map[string]Theory
	labels    map[string]Label
	deletions []string
}

func newMemTx() *memTx {
	return &memTx{
		now:      time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC),
		coder:    "ana",
		docs:     map[string]Document{},
		texts:    map[string]*Text{},
		frags:    map[string]Fragment{},
		cmocs:    map[string]CMOC{},
		theories: map[string]Theory{},
		labels:   map[string]Label{},
	}
}

func (m *memTx) addDoc(id string, pages ...string) {
	var ps []Page
	for i, p := range pages {
		ps = append(ps, Page{Number: i + 1, Text: p})
	}
	t := NewText(ps)
	m.docs[id] = Document{ID: id, Title: id, Pages: len(pages), Chars: t.Len()}
	m.texts[id] = t
}

func (m *memTx) Now() time.Time { return m.now }
func (m *memTx) Coder() string  { return m.coder }

func notFound(what, id string) error { return Errorf(KindNotFound, "get", id, "no such %s", what) }

// lookup is what the store holds under id in m: KindNotFound, naming
// what, when nothing.
func lookup[T any](m map[string]T, id, what string) (T, error) {
	if v, ok := m[id]; ok {
		return v, nil
	}
	var zero T
	return zero, notFound(what, id)
}

// lookupNamed is the value in m whose name (nameOf) is name in any case.
func lookupNamed[T any](m map[string]T, nameOf func(T) string, name, what string) (T, error) {
	for _, v := range m {
		if SameName(nameOf(v), name) {
			return v, nil
		}
	}
	var zero T
	return zero, notFound(what, name)
}

func (m *memTx) Document(id string) (Document, error) { return lookup(m.docs, id, "document") }

func (m *memTx) Text(id string) (*Text, error) { return lookup(m.texts, id, "document") }

func (m *memTx) Fragment(id string) (Fragment, error) { return lookup(m.frags, id, "fragment") }
func (m *memTx) PutFragment(f Fragment) error         { m.frags[f.ID] = f; return nil }
func (m *memTx) DeleteFragment(id string) error {
	delete(m.frags, id)
	m.deletions = append(m.deletions, "fragment "+id)
	return nil
}

func (m *memTx) CMOC(id string) (CMOC, error) { return lookup(m.cmocs, id, "CMOC") }
func (m *memTx) PutCMOC(c CMOC) error         { m.cmocs[c.ID] = c; return nil }
func (m *memTx) DeleteCMOC(id string) error   { delete(m.cmocs, id); return nil }

func (m *memTx) Theory(id string) (Theory, error) { return lookup(m.theories, id, "theory") }
func (m *memTx) TheoryNamed(name string) (Theory, error) {
	return lookupNamed(m.theories, func(v Theory) string { return v.Name }, name, "theory")
}
func (m *memTx) PutTheory(t Theory) error     { m.theories[t.ID] = t; return nil }
func (m *memTx) DeleteTheory(id string) error { delete(m.theories, id); return nil }

func (m *memTx) TheoryUses(id string) (cmocs, refinedBy []string, err error) {
	if _, ok := m.theories[id]; !ok {
		return nil, nil, notFound("theory", id)
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
	slices.SortFunc(refinedBy, func(a, b string) int { return strings.Compare(m.theories[a].Name, m.theories[b].Name) })
	return cmocs, refinedBy, nil
}

func (m *memTx) Label(id string) (Label, error) { return lookup(m.labels, id, "label") }
func (m *memTx) LabelNamed(name string) (Label, error) {
	return lookupNamed(m.labels, func(v Label) string { return v.Name }, name, "label")
}

func (m *memTx) Labels() ([]Label, error) { return slices.Collect(maps.Values(m.labels)), nil }

// PutLabel renames the label in the fragments and CMOCs that carry it, as
// storage (which refers to labels by ID) does.
func (m *memTx) PutLabel(l Label) error {
	if old, ok := m.labels[l.ID]; ok && old.Name != l.Name {
		rename := func(names []string) []string {
			out := slices.Clone(names)
			for i, n := range out {
				if SameName(n, old.Name) {
					out[i] = l.Name
				}
			}
			return out
		}
		for id, f := range m.frags {
			f.Labels = rename(f.Labels)
			m.frags[id] = f
		}
		for id, c := range m.cmocs {
			c.Labels = rename(c.Labels)
			m.cmocs[id] = c
		}
	}
	m.labels[l.ID] = l
	return nil
}

func (m *memTx) LabelUses(id string) (frags, cmocs []string, err error) {
	l, ok := m.labels[id]
	if !ok {
		return nil, nil, notFound("label", id)
	}
	for fid, f := range m.frags {
		if HasName(f.Labels, l.Name) {
			frags = append(frags, fid)
		}
	}
	for cid, c := range m.cmocs {
		if HasName(c.Labels, l.Name) {
			cmocs = append(cmocs, cid)
		}
	}
	slices.Sort(frags)
	slices.Sort(cmocs)
	return frags, cmocs, nil
}

func (m *memTx) PutDocument(d Document) error {
	if _, ok := m.docs[d.ID]; !ok {
		return notFound("document", d.ID)
	}
	m.docs[d.ID] = d
	return nil
}
func (m *memTx) DeleteLabel(id string) error { delete(m.labels, id); return nil }

package coding

// Merging a teammate's copy of a project into ours.
//
// The table below is the merge's contract. This file holds it, the plan and
// the rules for coders and documents; merge_codebook.go the rules for labels
// and theories, merge_fragments.go those for fragments and CMOCs, each in the
// table's order.
//
// Two or three reviewers code copies of one project (or projects they
// built separately from the same PDFs) and a lead merges them. PlanMerge
// compares the two sides as values and says what to add, update and
// delete in ours, and what conflicts; storage applies the plan in one
// transaction. There is no common ancestor to compare with, so the rules
// rely on the UUIDs every entity keeps for life, the created/modified
// times on every entity, and the deletions each project records. The
// rules never lose work: a merge only adds, moves an entity to its newer
// version, or carries a deletion made after our last change to the
// entity; anything else is a conflict that is reported and leaves ours as
// it is.
//
// | entity | how matched | rule |
// | --- | --- | --- |
// | coder | name | union |
// | document | ID, then SHA-256 of the original file (PDF or text document) | only in OTHER: added with its PDF, pages, text and boxes; matched, same stored text: OTHER's document ID maps to ours (its fragments follow); matched, different text (one was OCR'd): conflict naming the document, OTHER's fragments on it are not merged |
// | document metadata (title, study characteristics, appraisal) | with its document | the same: nothing; different: the newer `modified` wins ("updated"); the same time: conflict, ours kept |
// | label | ID, then name (case-insensitive) | only in OTHER: added (unless we deleted it after OTHER's last change and nothing merged carries it); different name/definition/colour: the newer wins ("updated"), the same time: conflict; a rename onto a name we use for another label: conflict; fragments and CMOCs of OTHER carry our matched label |
// | programme theory | ID, then name | as labels; `refines` follows the match |
// | fragment | ID only (two coders coding the same passage make two fragments, both kept) | only in OTHER: added on our matched document with our labels, keeping OTHER's coder and times; only in OTHER but deleted here: changed in OTHER after our deletion: conflict, stays deleted; else stays deleted silently; in both, the same: nothing; different: the newer `modified` wins ("updated"), the same time: conflict, ours kept; only in ours and deleted in OTHER: our last change before their deletion: deleted here too (the deletion recorded with OTHER's time and coder), else conflict, ours kept |
// | CMOC | ID only | as fragments, with theory and labels mapped; its fragment list is kept as is (a fragment neither side has shows as missing evidence) |
// | label, theory deleted in OTHER | ID | deleted here when our last change is older than their deletion and nothing here still uses it; else kept (a conflict when it was changed here after their deletion) |
//
// Merging the same OTHER twice finds nothing to do the second time
// (except conflicts, which are reported until someone resolves them), and
// merging A into B and B into A leaves the same coding in both when
// nothing conflicts (document IDs may differ when the two imported the
// same PDF separately: each keeps its own).

import (
	"fmt"
	"strings"
	"time"
)

// Entities as the deletions of a project name them.
const (
	EntityDocument = "document"
	EntityFragment = "fragment"
	EntityCMOC     = "cmoc"
	EntityTheory   = "theory"
	EntityLabel    = "label"
)

// Deletion records that an entity was deleted: what, when and by whom.
type Deletion struct {
	Entity string // EntityFragment, EntityCMOC, ...
	ID     string
	At     time.Time
	Coder  string
}

// MergeDocument is a document as a merge compares it: its metadata and a
// digest of its stored text (the pages joined by PageSeparator), since
// fragments' offsets are only valid on the very same text.
type MergeDocument struct {
	Document
	TextSHA256 string
}

// MergeSide is one project as a merge sees it: everything but the PDFs
// and the pages.
type MergeSide struct {
	// WithoutFiles says the side holds no documents' files, text or boxes
	// (a coding file): a document only it names cannot be added, and its
	// fragments are reported instead.
	WithoutFiles bool `json:"-"`

	Documents []MergeDocument // in import order
	Labels    []Label
	Theories  []Theory
	Fragments []Fragment
	CMOCs     []CMOC
	Coders    []string
	Deletions []Deletion
}

// MergeCounts counts the entities of each kind a merge adds, updates or
// deletes.
type MergeCounts struct {
	Documents, Fragments, CMOCs, Labels, Theories, Coders int
}

// Zero reports whether every count is 0.
func (c MergeCounts) Zero() bool { return c == MergeCounts{} }

// String is the counts as the report prints them: "3 documents, 41
// fragments, 1 theory", leaving out kinds with none.
func (c MergeCounts) String() string {
	var parts []string
	for _, k := range []struct {
		n    int
		noun string
	}{
		{c.Documents, "document"},
		{c.Fragments, "fragment"},
		{c.CMOCs, "CMOC"},
		{c.Labels, "label"},
		{c.Theories, "theory"},
		{c.Coders, "coder"},
	} {
		if k.n > 0 {
			parts = append(parts, Count(k.n, k.noun))
		}
	}
	return strings.Join(parts, ", ")
}

// Conflict is something a merge could not decide: ours stays as it is.
type Conflict struct {
	Entity string // EntityDocument, EntityFragment, ...
	ID     string // the entity's ID (OTHER's, for an entity we do not have)
	About  string // where it is, for people: "Tully et al. 2010, p. 4"
	Reason string // "changed in both at the same time; kept ours"
}

// String is the conflict's line in the report (without "conflict: ").
func (c Conflict) String() string {
	name := c.Entity
	if name == EntityCMOC {
		name = "CMOC"
	} else if name == EntityTheory {
		name = "programme theory"
	}
	s := name + " " + shortMergeID(c.ID)
	if c.About != "" {
		s += " (" + c.About + ")"
	}
	return s + ": " + c.Reason
}

func shortMergeID(id string) string {
	if r := []rune(id); len(r) > 8 {
		return string(r[:8]) + "…"
	}
	return id
}

// MergePlan is what merging OTHER into ours does, in the order storage
// applies it. Every entity in it is in our terms: our document, label and
// theory IDs, our label names. Entities taken from OTHER keep OTHER's
// coder and times.
type MergePlan struct {
	Coders []string // names to add to the team

	AddDocuments    []string   // IDs of OTHER's documents to copy whole (they keep their IDs)
	UpdateDocuments []Document // our documents with OTHER's newer metadata

	UpdateLabels []Label // our labels (our IDs) with OTHER's newer content
	AddLabels    []Label // OTHER's labels, as they are

	// UpdateTheories and AddTheories are ordered so that a theory comes
	// after the theory it refines when both are added.
	UpdateTheories []Theory
	AddTheories    []Theory

	PutFragments []Fragment // added or updated
	PutCMOCs     []CMOC     // added or updated

	// Deletions to carry, each with OTHER's time and coder.
	DeleteCMOCs     []Deletion
	DeleteFragments []Deletion
	DeleteLabels    []Deletion
	DeleteTheories  []Deletion

	Added, Updated, Deleted MergeCounts
	Conflicts               []Conflict
}

// Empty reports whether the plan changes nothing.
func (p MergePlan) Empty() bool {
	return p.Added.Zero() && p.Updated.Zero() && p.Deleted.Zero()
}

// Report is the plan as lines for people: "added: ...", "updated: ...",
// "deleted: ...", then one "conflict: ..." line per conflict; "nothing to
// do" when there is nothing at all.
func (p MergePlan) Report() []string {
	var out []string
	if !p.Added.Zero() {
		out = append(out, "added: "+p.Added.String())
	}
	if !p.Updated.Zero() {
		out = append(out, "updated: "+p.Updated.String())
	}
	if !p.Deleted.Zero() {
		out = append(out, "deleted: "+p.Deleted.String())
	}
	if len(out) == 0 {
		out = append(out, "nothing to do")
	}
	for _, c := range p.Conflicts {
		out = append(out, "conflict: "+c.String())
	}
	return out
}

// merger holds the state of one PlanMerge.
type merger struct {
	ours, theirs MergeSide
	plan         MergePlan

	ourDocs   map[string]Document // by ID
	theirDocs map[string]Document
	docMap    map[string]string // OTHER's document ID -> ours
	badDocs   map[string]bool   // OTHER's documents whose text differs from ours

	labelName  map[string]string // NameKey(OTHER's label name) -> our label's final name
	ourFinal   map[string]string // NameKey(our label name) -> its name after the merge
	theoryMap  map[string]string // OTHER's theory ID -> ours
	ourDeleted map[string]Deletion
	theirDel   map[string]Deletion

	// Labels and theories of OTHER we deleted, held back until we know
	// whether merged fragments or CMOCs need them.
	heldLabels   map[string]Label  // NameKey(name) -> OTHER's label
	heldTheories map[string]Theory // OTHER's ID -> OTHER's theory

	// Our labels and theories that OTHER has (by ID or by name).
	matched map[string]bool
}

func delKey(entity, id string) string { return entity + " " + id }

// PlanMerge works out what merging theirs (OTHER) into ours does, by the
// rules in this file's comment. It only reads its arguments.
func PlanMerge(ours, theirs MergeSide) MergePlan {
	m := &merger{
		ours: ours, theirs: theirs,
		ourDocs: map[string]Document{}, theirDocs: map[string]Document{},
		docMap: map[string]string{}, badDocs: map[string]bool{},
		labelName: map[string]string{}, ourFinal: map[string]string{}, theoryMap: map[string]string{},
		ourDeleted: map[string]Deletion{}, theirDel: map[string]Deletion{},
		heldLabels: map[string]Label{}, heldTheories: map[string]Theory{},
		matched: map[string]bool{},
	}
	for _, d := range ours.Deletions {
		m.ourDeleted[delKey(d.Entity, d.ID)] = d
	}
	for _, d := range theirs.Deletions {
		m.theirDel[delKey(d.Entity, d.ID)] = d
	}
	m.coders()
	m.documents()
	m.labels()
	m.theories()
	m.fragments()
	m.cmocs()
	m.heldBack()
	m.carryDeletions()
	return m.plan
}

func (m *merger) conflict(entity, id, about, format string, args ...any) {
	m.plan.Conflicts = append(m.plan.Conflicts, Conflict{Entity: entity, ID: id, About: about, Reason: fmt.Sprintf(format, args...)})
}

// indexByID maps each of xs by its ID.
func indexByID[T any](xs []T, id func(T) string) map[string]T {
	out := make(map[string]T, len(xs))
	for _, x := range xs {
		out[id(x)] = x
	}
	return out
}

// theirsNewer decides for one thing both sides changed: OTHER's version
// wins when it is the newer, ours when it is; changed at the same time, it
// is a conflict (about names it) and ours stays.
func (m *merger) theirsNewer(entity, id string, ours, theirs time.Time, about func() string) bool {
	switch {
	case theirs.After(ours):
		return true
	case ours.After(theirs):
	default:
		m.conflict(entity, id, about(), "changed in both at the same time; kept ours")
	}
	return false
}

// deletedHere reports whether we deleted one of OTHER's things; changed in
// OTHER after that (modified), it is a conflict (about names it) and stays
// deleted.
func (m *merger) deletedHere(entity, id string, modified time.Time, about func() string) bool {
	d, ok := m.ourDeleted[delKey(entity, id)]
	if ok && modified.After(d.At) {
		m.conflict(entity, id, about(), "deleted here (%s%s) but changed in OTHER after that; kept deleted", when(d.At), by(d.Coder))
	}
	return ok
}

// deletedInOther finds OTHER's deletion of one of our things that OTHER
// no longer holds. ok is true when OTHER deleted it after our last change
// (modified), so that it may go here too; deleted before that, it is a
// conflict (about names it) and stays.
func (m *merger) deletedInOther(entity, id string, modified time.Time, about func() string) (d Deletion, ok bool) {
	d, ok = m.theirDel[delKey(entity, id)]
	if ok && !modified.Before(d.At) {
		m.conflict(entity, id, about(), "deleted in OTHER (%s%s) but changed here after that; kept ours", when(d.At), by(d.Coder))
		return d, false
	}
	return d, ok
}

func when(t time.Time) string { return t.UTC().Format("2006-01-02 15:04") }

func by(coder string) string {
	if coder == "" {
		return ""
	}
	return " by " + coder
}

func (m *merger) coders() {
	have := map[string]bool{}
	for _, c := range m.ours.Coders {
		have[c] = true
	}
	for _, c := range m.theirs.Coders {
		if c = strings.TrimSpace(c); c != "" && !have[c] {
			have[c] = true
			m.plan.Coders = append(m.plan.Coders, c)
			m.plan.Added.Coders++
		}
	}
}

// sameMetadata compares what reviewers edit of a document.
func sameMetadata(a, b Document) bool {
	return a.Title == b.Title && a.Source() == b.Source()
}

func (m *merger) documents() {
	byID := map[string]MergeDocument{}
	bySHA := map[string]MergeDocument{}
	for _, d := range m.ours.Documents {
		byID[d.ID] = d
		m.ourDocs[d.ID] = d.Document
		if d.SHA256 != "" {
			bySHA[strings.ToLower(d.SHA256)] = d
		}
	}
	for _, o := range m.theirs.Documents {
		m.theirDocs[o.ID] = o.Document
		our, ok := byID[o.ID]
		if !ok && o.SHA256 != "" {
			our, ok = bySHA[strings.ToLower(o.SHA256)]
		}
		if !ok && m.theirs.WithoutFiles {
			m.badDocs[o.ID] = true
			m.conflict(EntityDocument, o.ID, o.ShortName(),
				"not in this project, and a coding file does not carry the document: add its file (SHA-256 %s…) first; %s of OTHER on it not merged",
				shortSHA(o.SHA256), Count(m.theirFragments(o.ID), "fragment"))
			continue
		}
		if !ok {
			m.plan.AddDocuments = append(m.plan.AddDocuments, o.ID)
			m.plan.Added.Documents++
			m.docMap[o.ID] = o.ID
			continue
		}
		m.docMap[o.ID] = our.ID
		if our.TextSHA256 != o.TextSHA256 {
			m.badDocs[o.ID] = true
			m.conflict(EntityDocument, our.ID, our.ShortName(),
				"the same PDF has a different text in each project (one was read by OCR?), so offsets differ; %s of OTHER on it not merged",
				Count(m.theirFragments(o.ID), "fragment"))
		}
		o.Document = m.decisions(our.Document, o.Document) // merge_decision.go
		if sameMetadata(our.Document, o.Document) {
			continue
		}
		switch {
		case o.Modified.After(our.Modified):
			d := our.Document
			d.Title = o.Title
			d.SetSource(o.Source())
			d.Modified = o.Modified
			m.plan.UpdateDocuments = append(m.plan.UpdateDocuments, d)
			m.plan.Updated.Documents++
		case our.Modified.After(o.Modified):
			// ours is the newer: kept
		default:
			m.conflict(EntityDocument, our.ID, our.ShortName(), "source details changed in both at the same time; kept ours")
		}
	}
}

// theirFragments counts OTHER's fragments on OTHER's document docID.
func (m *merger) theirFragments(docID string) int {
	n := 0
	for _, f := range m.theirs.Fragments {
		if f.DocID == docID {
			n++
		}
	}
	return n
}

// shortSHA is the start of a hex digest, enough to tell files apart.
func shortSHA(sha string) string {
	if len(sha) > 12 {
		return sha[:12]
	}
	return sha
}

package storage

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/internal/testfiles"
)

func mustApply(t *testing.T, p *Project, coder string, c coding.Change) {
	t.Helper()
	p.SetCoder(coder)
	if _, err := p.Apply(c); err != nil {
		t.Fatal(err)
	}
}

func code(t *testing.T, p *Project, coder, id, doc string, start, end int, role coding.Role, labels ...string) {
	t.Helper()
	mustApply(t, p, coder, coding.AddFragment{Fragment: coding.Fragment{ID: id, DocID: doc, Start: start, End: end, Role: role, Labels: labels}})
}

func mustOpen(t *testing.T, path string) *Project { t.Helper(); return opened(t, path, Open) }

func mustOpenRO(t *testing.T, path string) *Project { t.Helper(); return opened(t, path, OpenReadOnly) }

// opened opens path with open, closing it when the test ends.
func opened(t *testing.T, path string, open func(string) (*Project, error)) *Project {
	t.Helper()
	p, err := open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	return p
}

// teamCopies makes the common copy (one document, a coded fragment, a
// label, a theory, a CMOC), gives Ann and Bob each a copy, and lets each
// work: Ann codes a passage and edits the label's definition; Bob deletes
// the common fragment, codes the same passage as Ann (his own fragment),
// imports a second document and codes it.
func teamCopies(t *testing.T) (ann, bob string) {
	t.Helper()
	dir := t.TempDir()
	common := filepath.Join(dir, "common.cmoproj")
	p, err := Create(common, "Leadership review", "Lead")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := p.AddDocument(coding.Document{FileName: "tully.pdf", Title: "Tully", Authors: "Tully; Ross; Bain", Year: "2010"}, []byte("%PDF-1.7 tully"), threePages())
	if err != nil {
		t.Fatal(err)
	}
	code(t, p, "Lead", "f-common", doc.ID, 0, 10, coding.Context, "Leadership")
	code(t, p, "Lead", "f-kept", doc.ID, 11, 31, coding.Outcome)
	mustApply(t, p, "Lead", coding.AddCMOC{CMOC: coding.CMOC{ID: "c-common", Statement: "merger → leaders → trust", Fragments: []string{"f-common", "f-kept"}}, TheoryName: "Being"})
	p.Close()
	ann, bob = filepath.Join(dir, "ann.cmoproj"), filepath.Join(dir, "bob.cmoproj")
	testfiles.Copy(t, common, ann)
	testfiles.Copy(t, common, bob)

	a, err := Open(ann)
	if err != nil {
		t.Fatal(err)
	}
	code(t, a, "Ann", "f-ann", doc.ID, 32, 40, coding.Resource, "leadership", "Trust")
	l, err := a.Labels()
	if err != nil {
		t.Fatal(err)
	}
	lead := l[0]
	lead.Definition = "leaders inspire intent to work together"
	mustApply(t, a, "Ann", coding.PutLabel{Label: lead})
	a.Close()

	b, err := Open(bob)
	if err != nil {
		t.Fatal(err)
	}
	mustApply(t, b, "Bob", coding.DeleteFragment{ID: "f-common"})
	code(t, b, "Bob", "f-bob", doc.ID, 32, 40, coding.Resource, "Leadership")
	d2, p2, pages2 := synthDocument(2, 3, 500, 4000)
	d2, err = b.AddDocument(d2, p2, pages2)
	if err != nil {
		t.Fatal(err)
	}
	code(t, b, "Bob", "f-bob2", d2.ID, 0, 20, coding.Outcome, "Staff morale")
	mustApply(t, b, "Bob", coding.AddCMOC{CMOC: coding.CMOC{ID: "c-bob", Statement: "morale", Fragments: []string{"f-bob2", "f-kept"}}, TheoryName: "Delivering"})
	b.Close()
	return ann, bob
}

func TestMergeTeamCopies(t *testing.T) {
	annPath, bobPath := teamCopies(t)
	bobSum := fileSum(t, bobPath)
	bobState := func() state { o := mustOpenRO(t, bobPath); return snapshot(t, o) }()

	ann := mustOpen(t, annPath)
	bob := mustOpenRO(t, bobPath)

	// A dry run writes nothing and plans what the merge then does.
	before := fileSum(t, annPath)
	dry, err := ann.Merge(bob, true)
	if err != nil {
		t.Fatal(err)
	}
	if fileSum(t, annPath) != before {
		t.Fatal("a dry run changed the project")
	}
	plan, err := ann.Merge(bob, false)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(dry.Report(), plan.Report()) {
		t.Errorf("dry run %q, merge %q", dry.Report(), plan.Report())
	}
	want := []string{
		"added: 1 document, 2 fragments, 1 CMOC, 1 label, 1 theory, 1 coder",
		"deleted: 1 fragment",
	}
	if !reflect.DeepEqual(plan.Report(), want) {
		t.Errorf("report %q, want %q", plan.Report(), want)
	}
	ann.Close()
	bob.Close()
	if fileSum(t, bobPath) != bobSum {
		t.Fatal("merging changed OTHER")
	}

	// Reopen and look.
	ann = mustOpen(t, annPath)
	if err := ann.Check(); err != nil {
		t.Fatalf("integrity after the merge: %v", err)
	}
	got := snapshot(t, ann)
	byID := map[string]coding.Fragment{}
	for _, f := range got.Fragments {
		byID[f.ID] = f
	}
	if _, ok := byID["f-common"]; ok {
		t.Error("the fragment Bob deleted is still here")
	}
	for _, f := range bobState.Fragments {
		g, ok := byID[f.ID]
		if !ok {
			t.Errorf("Bob's fragment %s missing", f.ID)
			continue
		}
		if !reflect.DeepEqual(g, f) {
			t.Errorf("fragment %s\n got %+v\nwant %+v (as in Bob's copy: coder and times kept)", f.ID, g, f)
		}
	}
	if f := byID["f-ann"]; f.Coder != "Ann" {
		t.Errorf("Ann's fragment: %+v", f)
	}
	if byID["f-bob"].Coder != "Bob" || byID["f-ann"].Start != byID["f-bob"].Start {
		t.Error("Ann's and Bob's codings of one passage must both be kept")
	}
	if dels := deletions(t, ann); !dels["fragment f-common"] {
		t.Errorf("deletion not recorded: %v", dels)
	}
	var at, coder string
	if err := ann.db.QueryRow("SELECT deleted_at, coder FROM deletions WHERE id = 'f-common'").Scan(&at, &coder); err != nil {
		t.Fatal(err)
	}
	bobRO := mustOpenRO(t, bobPath)
	var bat string
	if err := bobRO.db.QueryRow("SELECT deleted_at FROM deletions WHERE id = 'f-common'").Scan(&bat); err != nil {
		t.Fatal(err)
	}
	if at != bat || coder != "Bob" {
		t.Errorf("deletion recorded at %s by %s, want Bob's %s", at, coder, bat)
	}
	// The added document came whole: PDF, pages, text and boxes.
	docs, _ := bobRO.Documents()
	d2 := docs[1]
	pa, err := ann.PDF(d2.ID)
	if err != nil {
		t.Fatal(err)
	}
	pb, _ := bobRO.PDF(d2.ID)
	if string(pa) != string(pb) {
		t.Error("the PDF differs")
	}
	for n := 1; n <= d2.Pages; n++ {
		ga, err := ann.Page(d2.ID, n)
		if err != nil {
			t.Fatal(err)
		}
		gb, _ := bobRO.Page(d2.ID, n)
		if !reflect.DeepEqual(ga, gb) {
			t.Errorf("page %d differs", n)
		}
	}
	coders, _ := ann.Coders()
	if len(coders) != 3 { // Lead, Ann, Bob: the merge itself adds no one
		t.Errorf("coders %+v", coders)
	}

	// Merging again: nothing to do, nothing written.
	before = fileSum(t, annPath)
	again, err := ann.Merge(bobRO, false)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(again.Report(), []string{"nothing to do"}) || fileSum(t, annPath) != before {
		t.Errorf("second merge: %q", again.Report())
	}
	ann.Close()
	bobRO.Close()

	// The other way round: Bob merges Ann's (merged) copy; both converge.
	bobRW := mustOpen(t, bobPath)
	annRO := mustOpenRO(t, annPath)
	back, err := bobRW.Merge(annRO, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Conflicts) != 0 {
		t.Errorf("conflicts: %v", back.Conflicts)
	}
	if s1, s2 := snapshot(t, bobRW), snapshot(t, annRO); !reflect.DeepEqual(s1, s2) {
		t.Errorf("A←B and B←A differ:\n%+v\n%+v", s1, s2)
	}
}

// TestMergeSeparateImports: Ann and Bob each made a project and imported
// the same PDF: their document IDs differ, the SHA-256 matches them.
func TestMergeSeparateImports(t *testing.T) {
	dir := t.TempDir()
	pdf := []byte("%PDF-1.7 the same article")
	mk := func(name, coder string, pages []coding.Page) (*Project, string) {
		p, err := Create(filepath.Join(dir, name), "Review", coder)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { p.Close() })
		d, err := p.AddDocument(coding.Document{FileName: "article.pdf"}, pdf, pages)
		if err != nil {
			t.Fatal(err)
		}
		return p, d.ID
	}
	ann, annDoc := mk("ann.cmoproj", "Ann", threePages())
	bob, bobDoc := mk("bob.cmoproj", "Bob", threePages())
	if annDoc == bobDoc {
		t.Fatal("the two imports share an ID")
	}
	code(t, ann, "Ann", "", annDoc, 0, 10, coding.Context, "Leadership")
	code(t, bob, "Bob", "", bobDoc, 0, 10, coding.Context, "LEADERSHIP")
	code(t, bob, "Bob", "", bobDoc, 11, 31, coding.Outcome)
	bobPath := bob.Path()
	bob.Close()
	other := mustOpenRO(t, bobPath)
	plan, err := ann.Merge(other, false)
	if err != nil {
		t.Fatal(err)
	}
	// Bob's label was made later: its spelling is the newer, one label.
	if got := strings.Join(plan.Report(), "\n"); got != "added: 2 fragments, 1 coder\nupdated: 1 label" {
		t.Errorf("report %q", got)
	}
	frags, _ := ann.Fragments("")
	labels, _ := ann.Labels()
	if len(frags) != 3 || len(labels) != 1 {
		t.Fatalf("fragments %+v labels %+v", frags, labels)
	}
	for _, f := range frags {
		if f.DocID != annDoc {
			t.Errorf("fragment %s on %s, want our document %s", f.ID, f.DocID, annDoc)
		}
		if len(f.Labels) > 0 && f.Labels[0] != "LEADERSHIP" {
			t.Errorf("labels %q: want the newer spelling", f.Labels)
		}
	}

	// The same PDF with another text (read by OCR in Carl's copy): the
	// offsets cannot be trusted, so his fragments stay out, reported.
	pages := threePages()
	pages[0].Text, pages[0].Boxes = "OCR text of page one", nil
	carl, carlDoc := mk("carl.cmoproj", "Carl", pages)
	code(t, carl, "Carl", "", carlDoc, 0, 3, coding.Context)
	carlPath := carl.Path()
	carl.Close()
	plan, err = ann.Merge(mustOpenRO(t, carlPath), false)
	if err != nil {
		t.Fatal(err)
	}
	if plan.Added.Fragments != 0 || len(plan.Conflicts) != 1 || !strings.Contains(plan.Conflicts[0].String(), "different text") {
		t.Errorf("report %q", plan.Report())
	}
}

// TestMergeFailureLeavesProjectAsItWas makes the merge fail half way for
// real reasons and checks that the project is byte for byte as it was.
func TestMergeFailureLeavesProjectAsItWas(t *testing.T) {
	t.Run("constraint violation in our file", func(t *testing.T) {
		annPath, bobPath := teamCopies(t)
		// A trigger refuses Bob's fragments: the documents, labels and
		// theories are in by then.
		db := rawDB(t, annPath)
		if _, err := db.Exec(`CREATE TRIGGER refuse BEFORE INSERT ON fragments WHEN NEW.coder = 'Bob'
			BEGIN SELECT RAISE(ABORT, 'refused by a test trigger'); END`); err != nil {
			t.Fatal(err)
		}
		db.Close()
		annSum, bobSum := fileSum(t, annPath), fileSum(t, bobPath)
		ann := mustOpen(t, annPath)
		_, err := ann.Merge(mustOpenRO(t, bobPath), false)
		if err == nil || !strings.Contains(err.Error(), "refused by a test trigger") {
			t.Fatalf("merge: %v", err)
		}
		ann.Close()
		if fileSum(t, annPath) != annSum || fileSum(t, bobPath) != bobSum {
			t.Error("a failed merge changed a file")
		}
		if s := sidecars(annPath); len(s) > 0 {
			t.Errorf("left %v", s)
		}
		if err := mustOpen(t, annPath).Check(); err != nil {
			t.Error(err)
		}
	})
	t.Run("damaged PDF in OTHER", func(t *testing.T) {
		annPath, bobPath := teamCopies(t)
		db := rawDB(t, bobPath)
		if _, err := db.Exec(`UPDATE pdfs SET data = X'00' WHERE doc_id = (SELECT id FROM documents WHERE position = 2)`); err != nil {
			t.Fatal(err)
		}
		db.Close()
		annSum, bobSum := fileSum(t, annPath), fileSum(t, bobPath)
		ann := mustOpen(t, annPath)
		_, err := ann.Merge(mustOpenRO(t, bobPath), false)
		wantKind(t, err, coding.KindDamaged, "bob.cmoproj", "is not the one imported")
		ann.Close()
		if fileSum(t, annPath) != annSum || fileSum(t, bobPath) != bobSum {
			t.Error("a failed merge changed a file")
		}
	})
}

func TestOpenReadOnlyRefuses(t *testing.T) {
	dir := t.TempDir()
	_, err := OpenReadOnly(filepath.Join(dir, "missing.cmoproj"))
	wantKind(t, err, coding.KindNotFound, "missing.cmoproj", "no such file")
	if _, err := os.Stat(filepath.Join(dir, "missing.cmoproj")); err == nil {
		t.Error("OpenReadOnly created the file")
	}
	other := filepath.Join(dir, "notes.txt")
	os.WriteFile(other, []byte("just text"), 0o644)
	_, err = OpenReadOnly(other)
	wantKind(t, err, coding.KindDamaged, "not a cmocoder project")

	p := newProject(t)
	same := mustOpenRO(t, p.Path())
	_, err = p.Merge(same, true)
	wantKind(t, err, coding.KindInvalid, "the same file")

	// A journal beside OTHER: a change under way or interrupted; only a
	// writer may roll it back, so merge refuses and touches neither.
	busy := filepath.Join(dir, "busy.cmoproj")
	testfiles.Copy(t, p.Path(), busy)
	os.WriteFile(busy+"-journal", []byte("half a journal"), 0o644)
	bsum, jsum := fileSum(t, busy), fileSum(t, busy+"-journal")
	_, err = OpenReadOnly(busy)
	wantKind(t, err, coding.KindBusy, "busy.cmoproj", "open it in cmocoder once")
	if fileSum(t, busy) != bsum || fileSum(t, busy+"-journal") != jsum {
		t.Error("OpenReadOnly touched the file or its journal")
	}

	// Writing through a read-only project fails and changes nothing.
	sum := fileSum(t, p.Path())
	if _, err := same.Apply(coding.PutLabel{Label: coding.Label{Name: "x"}}); err == nil {
		t.Error("a read-only project accepted a change")
	}
	if fileSum(t, p.Path()) != sum {
		t.Error("the file changed")
	}
}

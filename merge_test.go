package main

// merge, run as a team lead would: Ann and Bob code copies of a project
// (or projects each built from the same PDF) and their work is merged.

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/internal/testfiles"
)

const mergePDF = "hindawi-rrp-2010-tully.pdf"

// spanOf is the code-point span of the n-th word of text (a word of five
// letters or more), so that each test codes real text.
func spanOf(t *testing.T, text string, n int) (int, int) {
	t.Helper()
	k, start, i := 0, -1, 0
	for _, r := range text + " " {
		if unicode.IsSpace(r) {
			if start >= 0 && i-start >= 5 {
				if k == n {
					return start, i
				}
				k++
			}
			start = -1
		} else if start < 0 {
			start = i
		}
		i++
	}
	t.Fatalf("the text has fewer than %d words", n)
	return 0, 0
}

// codeAs codes the n-th word (to the m-th) of a document as coder and
// returns the fragment's ID.
func codeAs(t *testing.T, project, doc, text, coder string, n, m int, role string, labels ...string) string {
	t.Helper()
	s, _ := spanOf(t, text, n)
	_, e := spanOf(t, text, m)
	args := []string{"code", project, doc, strconv.Itoa(s), strconv.Itoa(e), "--role", role, "--coder", coder}
	for _, l := range labels {
		args = append(args, "--label", l)
	}
	return strings.TrimSpace(mustRun(t, args...))
}

// withProject changes a project through the storage API, as the app's
// gestures do (the command line has no verb to delete a fragment or edit a
// label's definition).
func withProject(t *testing.T, path, coder string, c coding.Change) {
	t.Helper()
	p := openStored(t, path)
	defer p.Close()
	p.SetCoder(coder)
	if _, err := p.Apply(c); err != nil {
		t.Fatal(err)
	}
}

func labelNamed(t *testing.T, path, name string) coding.Label {
	t.Helper()
	p := openStored(t, path)
	defer p.Close()
	ls, err := p.Labels()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range ls {
		if strings.EqualFold(l.Name, name) {
			return l
		}
	}
	t.Fatalf("no label %q", name)
	return coding.Label{}
}

// leadProject is a new project holding mergePDF, as the lead of a team
// starts it, and that document's ID.
func leadProject(t *testing.T) (project, doc string) {
	t.Helper()
	needPDFs(t)
	project = newProject(t)
	return project, addDoc(t, project, filepath.Join(pdfDir, mergePDF))
}

// copyProject copies a closed project, as a reviewer copies it for a
// teammate.
func copyProject(t *testing.T, from, to string) { testfiles.Copy(t, from, to) }

// sortedLines is s's lines, sorted, for comparing tables whose row order
// may depend on the order things were merged.
func sortedLines(s string) []string {
	l := strings.Split(strings.TrimSpace(s), "\n")
	slices.Sort(l)
	return l
}

// teamWork has Ann and Bob work on their projects, whose document (the
// same PDF) is annDoc and bobDoc: both code overlapping passages, Ann
// edits a label's definition, Bob builds a CMOC. It returns the IDs of
// Bob's fragments.
func teamWork(t *testing.T, ann, annDoc, bob, bobDoc string) []string {
	t.Helper()
	text := mustRun(t, "text", ann, annDoc)
	if bt := mustRun(t, "text", bob, bobDoc); bt != text {
		t.Fatal("the two imports of one PDF have different texts")
	}
	codeAs(t, ann, annDoc, text, "Ann", 10, 14, "context", "Leadership")
	codeAs(t, ann, annDoc, text, "Ann", 40, 45, "resource", "Trust")
	b1 := codeAs(t, bob, bobDoc, text, "Bob", 12, 16, "context", "Leadership") // overlaps Ann's first
	b2 := codeAs(t, bob, bobDoc, text, "Bob", 40, 45, "resource", "Trust")     // the same span as Ann's second
	b3 := codeAs(t, bob, bobDoc, text, "Bob", 60, 66, "outcome")
	mustRun(t, "cmoc", bob, "--statement", "Leaders listen → staff trust them", "--fragment", b1, "--fragment", b3, "--theory", "Being", "--coder", "Bob")
	l := labelNamed(t, ann, "Leadership")
	l.Definition = "leaders inspire intent to work together"
	withProject(t, ann, "Ann", coding.PutLabel{Label: l})
	return []string{b1, b2, b3}
}

func TestMergeTeamCopies(t *testing.T) {
	needPDFs(t)
	for _, scenario := range []string{"one copy", "separate imports"} {
		t.Run(scenario, func(t *testing.T) {
			dir := t.TempDir()
			ann, bob := filepath.Join(dir, "ann.cmoproj"), filepath.Join(dir, "bob.cmoproj")
			var annDoc, bobDoc, common string
			if scenario == "one copy" {
				// The lead imports and codes, then gives each a copy.
				lead, doc := leadProject(t)
				annDoc = doc
				text := mustRun(t, "text", lead, annDoc)
				common = codeAs(t, lead, annDoc, text, "Lead", 20, 24, "outcome", "Leadership")
				copyProject(t, lead, ann)
				copyProject(t, lead, bob)
				bobDoc = annDoc
			} else {
				mustRun(t, "new", ann, "--coder", "Ann")
				mustRun(t, "new", bob, "--coder", "Bob")
				annDoc = addDoc(t, ann, filepath.Join(pdfDir, mergePDF))
				bobDoc = addDoc(t, bob, filepath.Join(pdfDir, mergePDF))
				if annDoc == bobDoc {
					t.Fatal("two imports share a document ID")
				}
			}
			bobFrags := teamWork(t, ann, annDoc, bob, bobDoc)
			if common != "" {
				withProject(t, bob, "Bob", coding.DeleteFragment{ID: common}) // Bob deletes the lead's fragment
			}
			bobBefore := listFragments(t, bob)
			bobSum := fileSum(t, bob)

			// A dry run prints the report and changes nothing.
			annSum := fileSum(t, ann)
			dry := run(t, "merge", ann, bob, "--dry-run")
			if dry.code != 0 || fileSum(t, ann) != annSum {
				t.Fatalf("dry run: exit %d, stderr %q; or it changed the project", dry.code, dry.stderr)
			}
			r := run(t, "merge", ann, bob)
			if r.code != 0 {
				t.Fatalf("merge: exit %d: %s", r.code, r.stderr)
			}
			if r.stdout != dry.stdout {
				t.Errorf("dry run printed\n%s\nthe merge\n%s", dry.stdout, r.stdout)
			}
			want := "added: 3 fragments, 1 CMOC, 1 theory, 1 coder\n"
			if common != "" {
				want += "deleted: 1 fragment\n"
			}
			if r.stdout != want {
				t.Errorf("merge printed\n%s\nwant\n%s", r.stdout, want)
			}
			if fileSum(t, bob) != bobSum {
				t.Error("the merge changed OTHER")
			}

			// Both coders' fragments, each with its own coder and times;
			// the one Bob deleted is gone.
			merged := listFragments(t, ann)
			byID := map[string]fragmentRow{}
			coders := map[string]int{}
			for _, f := range merged {
				byID[f.ID] = f
				coders[f.Coder]++
			}
			if coders["Ann"] != 2 || coders["Bob"] != 3 || len(merged) != 5 {
				t.Errorf("fragments by coder %v, want Ann 2, Bob 3 and nothing else", coders)
			}
			for _, f := range bobBefore {
				g := byID[f.ID]
				f.DocID, f.Document = annDoc, g.Document // on Ann's document
				if !reflect.DeepEqual(g, f) {
					t.Errorf("Bob's fragment after the merge\n%+v\nin Bob's copy\n%+v", g, f)
				}
			}
			for _, id := range bobFrags {
				if byID[id].Coder != "Bob" {
					t.Errorf("Bob's fragment %s: %+v", id, byID[id])
				}
			}
			if _, ok := byID[common]; common != "" && ok {
				t.Error("the fragment Bob deleted is still there")
			}

			// Again: nothing to do, and the file stays as it is.
			annSum = fileSum(t, ann)
			if got := mustRun(t, "merge", ann, bob); got != "nothing to do\n" || fileSum(t, ann) != annSum {
				t.Errorf("second merge printed %q", got)
			}

			// The other way round: Bob merges Ann's; both have the same
			// coding (document IDs aside: each keeps its own import).
			back := mustRun(t, "merge", bob, ann)
			wantBack := "added: 2 fragments, 1 coder\nupdated: 1 label\n"
			if back != wantBack {
				t.Errorf("B←A printed\n%s\nwant\n%s", back, wantBack)
			}
			fa, fb := listFragments(t, ann), listFragments(t, bob)
			for _, fs := range [][]fragmentRow{fa, fb} {
				for i := range fs {
					fs[i].DocID = ""
				}
				slices.SortFunc(fs, func(x, y fragmentRow) int { return strings.Compare(x.ID, y.ID) })
			}
			if !reflect.DeepEqual(fa, fb) {
				t.Errorf("A←B and B←A differ:\n%+v\n%+v", fa, fb)
			}
			for _, table := range []string{"cmocs", "codebook", "fragments"} {
				ea := mustRun(t, "export", ann, "--table", table, "--format", "csv")
				eb := mustRun(t, "export", bob, "--table", table, "--format", "csv")
				if !reflect.DeepEqual(sortedLines(ea), sortedLines(eb)) {
					t.Errorf("export %s differs:\n%s\n%s", table, ea, eb)
				}
			}
			if got := mustRun(t, "merge", bob, ann); got != "nothing to do\n" {
				t.Errorf("B←A again printed %q", got)
			}
			if got := mustRun(t, "merge", ann, bob, "--json"); strings.TrimSpace(got) != "[]" {
				t.Errorf("--json with nothing to do printed %s", got)
			}
		})
	}
}

func TestMergeConflictsAndBadInput(t *testing.T) {
	dir := t.TempDir()
	lead, doc := leadProject(t)
	text := mustRun(t, "text", lead, doc)
	f := codeAs(t, lead, doc, text, "Lead", 20, 24, "outcome")
	ann, bob := filepath.Join(dir, "ann.cmoproj"), filepath.Join(dir, "bob.cmoproj")
	copyProject(t, lead, ann)
	copyProject(t, lead, bob)
	// Bob deletes the fragment; Ann then edits it: her change is newer
	// than his deletion, so the merge keeps it and says so.
	withProject(t, bob, "Bob", coding.DeleteFragment{ID: f})
	p := openStored(t, ann)
	frag, err := p.Fragment(f)
	if err != nil {
		t.Fatal(err)
	}
	p.Close()
	frag.Memo = "important"
	withProject(t, ann, "Ann", coding.EditFragment{Fragment: frag})
	r := run(t, "merge", ann, bob)
	if r.code != 0 || !strings.Contains(r.stdout, "\nconflict: fragment "+f[:8]+"… (Tully et al. 2010, p. ") ||
		!strings.Contains(r.stdout, "deleted in OTHER") || !strings.Contains(r.stdout, "by Bob") || !strings.Contains(r.stdout, "kept ours") {
		t.Errorf("merge: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	var rep []struct {
		Action, Entity, ID string
		Count              int
	}
	if err := json.Unmarshal([]byte(mustRun(t, "merge", ann, bob, "--json")), &rep); err != nil || len(rep) != 1 ||
		rep[0].Action != "conflict" || rep[0].Entity != "fragment" || rep[0].ID != f || rep[0].Count != 1 {
		t.Errorf("--json: %v %+v", err, rep)
	}
	if len(listFragments(t, ann)) != 1 {
		t.Error("Ann's edited fragment was lost")
	}

	// Bad input: one line, exit 1, the project as it was.
	notes := filepath.Join(dir, "notes.txt")
	os.WriteFile(notes, []byte("not a project"), 0o644)
	sum := fileSum(t, ann)
	for _, tc := range []struct {
		other string
		want  string
	}{
		{filepath.Join(dir, "missing.cmoproj"), "no such file"},
		{notes, "is not a cmocoder project"},
		{ann, "the same file"},
		{dir, "is not a cmocoder project"},
	} {
		r := run(t, "merge", ann, tc.other)
		if r.code != 1 || strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, tc.want) || r.stdout != "" {
			t.Errorf("merge %s: exit %d, stdout %q, stderr %q (want exit 1 and one line with %q)", tc.other, r.code, r.stdout, r.stderr, tc.want)
		}
	}
	if fileSum(t, ann) != sum {
		t.Error("a refused merge changed the project")
	}
	if _, err := os.Stat(filepath.Join(dir, "missing.cmoproj")); err == nil {
		t.Error("merge created OTHER")
	}
	for _, args := range [][]string{{"merge", ann}, {"merge", ann, bob, "extra"}, {"merge", ann, bob, "--nope"}} {
		if r := run(t, args...); r.code != 2 {
			t.Errorf("%q: exit %d, want 2", args, r.code)
		}
	}
}

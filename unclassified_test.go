package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// unclassifiedProject is a new project holding one plain-text interview,
// and the interview's document ID.
func unclassifiedProject(t *testing.T) (project, docID string) {
	t.Helper()
	p := newProject(t)
	txt := filepath.Join(t.TempDir(), "interview.txt")
	if err := os.WriteFile(txt, []byte("I: How did the merger go?\nP1: Badly at first. Nurses resigned.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := mustRun(t, "add", p, txt)
	return p, strings.Fields(out)[0]
}

// TestUnclassifiedCode: `code` without --role, or with --role unclassified
// (or its letter U), makes an unclassified fragment, which `fragments`
// lists as such; a role still gives a role.
func TestUnclassifiedCode(t *testing.T) {
	p, doc := unclassifiedProject(t)
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"no --role", nil, "unclassified"},
		{"--role unclassified", []string{"--role", "unclassified"}, "unclassified"},
		{"--role U", []string{"--role", "U"}, "unclassified"},
		{"--role context", []string{"--role", "context"}, "context"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"code", p, doc, "26", "44", "--label", "Staffing"}, tc.args...)
			id := strings.TrimSpace(mustRun(t, args...))
			var got *fragmentRow
			for _, f := range listFragments(t, p) {
				if f.ID == id {
					got = &f
				}
			}
			if got == nil || got.Role != tc.want || got.Text != "P1: Badly at first" || len(got.Labels) != 1 || got.Labels[0] != "Staffing" {
				t.Fatalf("fragment %s listed as %+v, want role %q", id, got, tc.want)
			}
			tsv := mustRun(t, "fragments", p)
			if line := lineWith(tsv, id); strings.Split(line, "\t")[5] != tc.want {
				t.Errorf("fragments printed %q, want role %q", line, tc.want)
			}
		})
	}
	if r := run(t, "code", p, doc, "0", "5", "--role", "mechanism"); r.code != 1 || !strings.Contains(r.stderr, "unclassified") {
		t.Errorf("an unknown role: exit %d, %q; want exit 1 naming the roles, unclassified among them", r.code, r.stderr)
	}
}

// TestUnclassifiedInCMOC: an unclassified fragment ticked into a CMOC is
// not on its configuration line but is its evidence all the same: the CMOC
// table's Notes quote it and its source is cited; the fragment table calls
// it Unclassified.
func TestUnclassifiedInCMOC(t *testing.T) {
	p, doc := unclassifiedProject(t)
	c := strings.TrimSpace(mustRun(t, "code", p, doc, "0", "25", "--role", "context"))
	u := strings.TrimSpace(mustRun(t, "code", p, doc, "46", "61", "--label", "Staffing"))
	mustRun(t, "cmoc", p, "--statement", "Mergers lose staff", "--fragment", c, "--fragment", u)

	cmocs := exportCSV(t, p, "cmocs")
	if got := cell(t, cmocs, "Notes"); got != "unclassified evidence: Nurses resigned (interview, p. 1)" {
		t.Errorf("Notes = %q", got)
	}
	for _, col := range []string{"Mechanism resource", "Mechanism reasoning", "Outcome"} {
		if got := cell(t, cmocs, col); got != "…" {
			t.Errorf("%s = %q, want a gap: the unclassified fragment has no place on the line", col, got)
		}
	}
	frags := exportCSV(t, p, "fragments")
	roles := map[string]bool{}
	for _, r := range frags[1:] {
		roles[r[indexOf(t, frags[0], "Role")]] = true
	}
	if !roles["Unclassified"] || !roles["Context"] {
		t.Errorf("fragment table roles %v, want Context and Unclassified", roles)
	}
}

// TestUnclassifiedAgreement: two coders who both left a passage
// unclassified agree on it, in a row of its own.
func TestUnclassifiedAgreement(t *testing.T) {
	p, doc := unclassifiedProject(t)
	mustRun(t, "code", p, doc, "26", "62", "--coder", "Ann")
	mustRun(t, "code", p, doc, "26", "62", "--coder", "Bob")
	var rows []struct {
		Role  string
		Both  int
		OnlyA int `json:"only_a"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, "agreement", p, "--coders", "Ann,Bob", "--json")), &rows); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rows {
		if r.Role == "unclassified" {
			found = true
			if r.Both == 0 || r.OnlyA != 0 {
				t.Errorf("unclassified row %+v, want full agreement", r)
			}
		}
	}
	if !found {
		t.Errorf("no unclassified row in %+v", rows)
	}
	if out := mustRun(t, "agreement", p, "--coders", "Ann,Bob"); !strings.Contains(out, "Unclassified") {
		t.Errorf("agreement printed no Unclassified row:\n%s", out)
	}
}

// lineWith is the line of out that starts with id.
func lineWith(out, id string) string {
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, id+"\t") {
			return l
		}
	}
	return strings.Repeat("\t", 6)
}

// exportCSV is `export --table NAME --format csv` read back.
func exportCSV(t *testing.T, project, table string) [][]string {
	t.Helper()
	out := filepath.Join(t.TempDir(), table+".csv")
	mustRun(t, "export", project, "--table", table, "--format", "csv", "-o", out)
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("%s.csv: %d rows, %v", table, len(rows), err)
	}
	return rows
}

// cell is the first data row's value in the column named col.
func cell(t *testing.T, rows [][]string, col string) string {
	t.Helper()
	return rows[1][indexOf(t, rows[0], col)]
}

func indexOf(t *testing.T, header []string, col string) int {
	t.Helper()
	for i, h := range header {
		if strings.TrimPrefix(h, "\ufeff") == col {
			return i
		}
	}
	t.Fatalf("no column %q in %q", col, header)
	return -1
}

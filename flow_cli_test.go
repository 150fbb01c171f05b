package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestExportFlow records decisions on four shared PDFs and exports the
// flow table: counts by stage, decision and reason, totals, the flow in
// words; the sources table shows richness and the decision.
func TestExportFlow(t *testing.T) {
	files := []string{"hindawi-rrp-2010-tully.pdf", "bmc-hsr-2014-agyeman-duah.pdf",
		"bmc-jtmo-2010-datta-systematic-review.pdf", "peerj-2017-webb-vespa.pdf"}
	p := projectWithPDFs(t, files...)
	mustRun(t, "source", p, files[0], "--decision", "include", "--stage", "rigour", "--richness", "high")
	mustRun(t, "source", p, files[1], "--decision", "exclude", "--stage", "richness", "--reason", "insufficient richness", "--richness", "low", "--richness-note", "no mechanisms")
	mustRun(t, "source", p, files[2], "--decision", "exclude", "--stage", "relevance", "--reason", "not relevant to the programme theory")
	out := mustRun(t, "export", p, "--table", "flow", "--format", "csv")
	for _, want := range []string{
		"Stage,Decision,Reason,Sources\n",
		"relevance,exclude,not relevant to the programme theory,1\n",
		"richness,exclude,insufficient richness,1\n",
		"rigour,include,,1\n",
		"(no stage),undecided,,1\n",
		"All stages,include,,1\n", "All stages,exclude,,2\n", "All stages,all,,4\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("flow.csv lacks %q:\n%s", want, out)
		}
	}
	if i, j := strings.Index(out, "relevance,exclude"), strings.Index(out, "richness,exclude"); i < 0 || j < i {
		t.Errorf("stages out of review order:\n%s", out)
	}
	md := mustRun(t, "export", p, "--table", "flow", "--format", "md")
	if want := "4 assessed for relevance, 1 excluded; 3 assessed for richness, 1 excluded; 2 assessed for rigour, 0 excluded; 1 included, 1 undecided."; !strings.Contains(md, want) {
		t.Errorf("flow.md lacks %q:\n%s", want, md)
	}
	src := mustRun(t, "export", p, "--table", "sources", "--format", "csv", "--all")
	for _, want := range []string{"Rigour note,Richness,Richness note,Decision,Reason,Stage,Fragments", "low,no mechanisms,exclude,insufficient richness,richness"} {
		if !strings.Contains(src, want) {
			t.Errorf("sources.csv lacks %q:\n%s", want, src)
		}
	}
	for _, f := range []string{"xlsx", "docx", "html", "tex"} {
		mustRun(t, "export", p, "--table", "flow", "--format", f, "-o", filepath.Join(t.TempDir(), "flow."+f))
	}
}

// TestTablesLeaveOutExcluded: an excluded source, its fragments and its
// evidence in CMOCs are left out of the tables unless --all; undecided
// sources stay; the flow table counts every source.
func TestTablesLeaveOutExcluded(t *testing.T) {
	needPDFs(t)
	p := newProject(t)
	files := []string{"hindawi-rrp-2010-tully.pdf", "bmc-hsr-2014-agyeman-duah.pdf"}
	var frags []string
	for _, f := range files {
		mustRun(t, "add", p, filepath.Join(pdfDir, f))
		frags = append(frags, strings.TrimSpace(mustRun(t, "code", p, f, "100", "160", "--role", "context", "--label", "Trust")))
	}
	mustRun(t, "cmoc", p, "--statement", "Trust helps", "--fragment", frags[0], "--fragment", frags[1])
	mustRun(t, "source", p, files[1], "--decision", "exclude", "--stage", "relevance", "--reason", "not relevant to the programme theory")

	for _, c := range []struct {
		table string
		all   bool
		has   bool // Agyeman-Duah's name in the table
	}{
		{"sources", false, false}, {"sources", true, true},
		{"cmocs", false, false}, {"cmocs", true, true},
		{"fragments", false, false}, {"matrix", false, false}, {"matrix", true, true},
		{"flow", false, false},
	} {
		args := []string{"export", p, "--table", c.table, "--format", "md"}
		if c.all {
			args = append(args, "--all")
		}
		out := mustRun(t, args...)
		if got := strings.Contains(out, "Agyeman-Duah"); got != c.has {
			t.Errorf("%s (all %v) names Agyeman-Duah: %v, want %v\n%s", c.table, c.all, got, c.has, out)
		}
		if c.table != "flow" && !strings.Contains(out, "Tully") && !strings.Contains(out, "Patient") {
			t.Errorf("%s (all %v) lost the included source:\n%s", c.table, c.all, out)
		}
		note := "1 source left out as excluded (export with --all to include it)."
		if want := !c.all && c.table != "flow"; strings.Contains(out, note) != want {
			t.Errorf("%s (all %v): note %q shown wrongly:\n%s", c.table, c.all, note, out)
		}
	}
	if flow := mustRun(t, "export", p, "--table", "flow", "--format", "csv"); !strings.Contains(flow, "All stages,all,,2\n") {
		t.Errorf("flow does not count every source:\n%s", flow)
	}
}

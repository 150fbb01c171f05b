package app

import "testing"

func TestProjectFileName(t *testing.T) {
	for in, want := range map[string]string{
		"Leadership in hospitals": "Leadership in hospitals.cmoproj",
		"  CMOs: merger / v2?  ":  "CMOs merger v2.cmoproj",
		"Réalisme — revue":        "Réalisme revue.cmoproj",
		"../../etc/passwd":        "etcpasswd.cmoproj",
		"***":                     "project.cmoproj",
	} {
		if got := projectFileName(in); got != want {
			t.Errorf("projectFileName(%q) = %q, want %q", in, got, want)
		}
	}
}

package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestReasonsVerb: the team's list of reasons starts as the common ones;
// reasons --add and --remove edit it in the project (any case to remove),
// --reset goes back; removing a reason not in the list is exit 1.
func TestReasonsVerb(t *testing.T) {
	p := newProject(t)
	if out := mustRun(t, "reasons", p); !strings.HasPrefix(out, "not relevant to the programme theory\ninsufficient richness\n") {
		t.Errorf("a new project's reasons:\n%s", out)
	}
	out := mustRun(t, "reasons", p, "--remove", "DUPLICATE", "--remove", "full text not available", "--add", "wrong population")
	want := "not relevant to the programme theory\ninsufficient richness\ninsufficient rigour\nwrong population\n"
	if out != want {
		t.Errorf("after editing:\n%s\nwant\n%s", out, want)
	}
	var list []string
	if err := json.Unmarshal([]byte(mustRun(t, "reasons", p, "--json")), &list); err != nil || strings.Join(list, "\n")+"\n" != want {
		t.Errorf("--json: %q, %v", list, err)
	}
	if r := run(t, "reasons", p, "--remove", "nonsense"); r.code != 1 || !strings.Contains(r.stderr, `no reason "nonsense"`) {
		t.Errorf("removing an unknown reason: exit %d, %s", r.code, r.stderr)
	}
	if out := mustRun(t, "reasons", p, "--reset"); !strings.Contains(out, "duplicate") || strings.Contains(out, "wrong population") {
		t.Errorf("--reset:\n%s", out)
	}
}

package coding

import "testing"

// TestRoleFromCodeName: the code names of other tools read as roles, and
// names that are not.
func TestRoleFromCodeName(t *testing.T) {
	for _, c := range []struct {
		name string
		want Role // "" for no role
	}{
		{"Context", Context}, {"CONTEXT", Context}, {" context ", Context}, {"C", Context}, {"c", Context},
		{"Contexts", Context}, {"CMO: context", Context}, {"CMO - Context", Context}, {"Context (C)", Context},
		{"CMOC: contexts (c)", Context},
		{"Mechanism resource", Resource}, {"Mechanism (resource)", Resource}, {"Mechanism - resource", Resource},
		{"mechanism: resources", Resource}, {"M res", Resource}, {"M-res", Resource}, {"M_res", Resource},
		{"Mres", Resource}, {"M resource", Resource}, {"Mechanism resource (M res)", Resource},
		{"Mechanism reasoning", Reasoning}, {"Mechanism - reasoning", Reasoning}, {"Mechanism (reasoning)", Reasoning},
		{"M rea", Reasoning}, {"M-rea", Reasoning}, {"Mrea", Reasoning},
		{"Mechanism", Reasoning}, {"Mechanisms", Reasoning}, {"M", Reasoning}, {"CMO: mechanism", Reasoning},
		{"Outcome", Outcome}, {"Outcomes", Outcome}, {"Outcome(s)", Outcome}, {"OUTCOME(S)", Outcome},
		{"O", Outcome}, {"Outcome - O", Outcome}, {"CMO: outcome", Outcome},

		{"Context (O)", ""}, {"MR", ""}, {"R", ""}, {"Resource", ""}, {"Result", ""}, {"Trust", ""},
		{"Contextual factors", ""}, {"Outcome measures", ""}, {"CMO", ""}, {"", ""}, {"Mechanism outcome", ""},
	} {
		got, ok := RoleFromCodeName(c.name)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("RoleFromCodeName(%q) = %q, %v; want %q", c.name, got, ok, c.want)
		}
	}
}

// TestRoleUnder: a code under a role code is a role itself when its own
// name is one, or it names a half of a Mechanism.
func TestRoleUnder(t *testing.T) {
	for _, c := range []struct {
		parent Role
		name   string
		want   Role
	}{
		{Context, "Rural clinics", ""},
		{Outcome, "Staff retention", ""},
		{Reasoning, "Resource", Resource},
		{Reasoning, "Resources", Resource},
		{Reasoning, "reasoning", Reasoning},
		{Reasoning, "Trust", ""},
		{Context, "Outcome", Outcome},
		{Context, "Resource", ""}, // only a Mechanism has halves
		{"", "Trust", ""},
		{"", "Context", Context},
	} {
		got, ok := RoleUnder(c.parent, c.name)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("RoleUnder(%q, %q) = %q, %v; want %q", c.parent, c.name, got, ok, c.want)
		}
	}
}

package refiqda

import (
	"strings"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// TestMapCodes: the export's own codes are recognised by GUID, by name,
// and the rest become labels with unique names.
func TestMapCodes(t *testing.T) {
	cs := []Code{
		{GUID: RoleGUID(coding.Context), Name: "Context (renamed)", Codable: true, Children: []Code{
			{GUID: ValenceGUID(coding.Context, coding.Positive), Name: "anything"},
		}},
		{GUID: "b0000000-0000-0000-0000-000000000001", Name: "Outcome", Codable: true, Children: []Code{
			{GUID: "b0000000-0000-0000-0000-000000000002", Name: "Outcome −"},
			{GUID: "b0000000-0000-0000-0000-000000000003", Name: "Outcome +"},
			{GUID: "b0000000-0000-0000-0000-000000000004", Name: "Health"},
		}},
		{GUID: LabelsFolderGUID, Name: "Labels", Children: []Code{
			{GUID: "c0000000-0000-0000-0000-000000000001", Name: "Trust", Description: "d", Colour: "#123456"},
		}},
		{GUID: "d0000000-0000-0000-0000-000000000001", Name: "Themes", Children: []Code{
			{GUID: "d0000000-0000-0000-0000-000000000002", Name: "trust"},
			{GUID: "d0000000-0000-0000-0000-000000000003", Name: "Health"},
		}},
		{GUID: "e0000000-0000-0000-0000-000000000001", Name: "Context", Children: nil}, // a second "Context": a role by name
		{GUID: "f0000000-0000-0000-0000-000000000001", Name: "Mechanism resource", Codable: true},
	}
	uses, labels := MapCodes(cs)
	check := func(guid string, want CodeUse) {
		t.Helper()
		if got := uses[guid]; got != want {
			t.Errorf("%s: %+v, want %+v", guid, got, want)
		}
	}
	check(RoleGUID(coding.Context), CodeUse{Role: coding.Context})
	check(ValenceGUID(coding.Context, coding.Positive), CodeUse{Role: coding.Context, Valence: coding.Positive})
	check("b0000000-0000-0000-0000-000000000001", CodeUse{Role: coding.Outcome})
	check("b0000000-0000-0000-0000-000000000002", CodeUse{Role: coding.Outcome, Valence: coding.Negative})
	check("b0000000-0000-0000-0000-000000000003", CodeUse{Role: coding.Outcome, Valence: coding.Positive})
	check("b0000000-0000-0000-0000-000000000004", CodeUse{Role: coding.Outcome, Label: "Health"}) // under a role code: both
	check("c0000000-0000-0000-0000-000000000001", CodeUse{Label: "Trust"})
	check("d0000000-0000-0000-0000-000000000002", CodeUse{Label: "Themes / trust"})
	check("d0000000-0000-0000-0000-000000000003", CodeUse{Label: "Themes / Health"})
	check("e0000000-0000-0000-0000-000000000001", CodeUse{Role: coding.Context})
	check("f0000000-0000-0000-0000-000000000001", CodeUse{Role: coding.Resource})
	check(LabelsFolderGUID, CodeUse{})
	var names []string
	for _, l := range labels {
		names = append(names, l.Name)
	}
	if got := strings.Join(names, "|"); got != "Health|Trust|Themes|Themes / trust|Themes / Health" {
		t.Errorf("labels %s", got)
	}
	if labels[1].Definition != "d" || labels[1].Colour != "#123456" {
		t.Errorf("Trust = %+v", labels[1])
	}
}

// Codes the reviewer names as roles (import --roles) are roles wherever
// they sit, in any case, and not labels; a name the file lacks is refused.
func TestSetRoles(t *testing.T) {
	in := &Input{Name: "team.qdpx", Codes: []Code{
		{GUID: "d0000000-0000-0000-0000-000000000001", Name: "Themes", Children: []Code{
			{GUID: "d0000000-0000-0000-0000-000000000002", Name: "Barriers"},
			{GUID: "d0000000-0000-0000-0000-000000000003", Name: "Trust"},
		}},
		{GUID: "d0000000-0000-0000-0000-000000000004", Name: "Effects"},
	}}
	if err := in.SetRoles(map[string]coding.Role{"barriers": coding.Context, "EFFECTS": coding.Outcome}); err != nil {
		t.Fatal(err)
	}
	uses, labels := mapCodes(in.Codes, in.roles)
	for guid, want := range map[string]CodeUse{
		"d0000000-0000-0000-0000-000000000002": {Role: coding.Context},
		"d0000000-0000-0000-0000-000000000004": {Role: coding.Outcome},
		"d0000000-0000-0000-0000-000000000003": {Label: "Trust"},
	} {
		if got := uses[guid]; got != want {
			t.Errorf("code %s: %+v, want %+v", guid, got, want)
		}
	}
	var names []string
	for _, l := range labels {
		names = append(names, l.Name)
	}
	if got := strings.Join(names, ", "); got != "Themes, Trust" {
		t.Errorf("labels %s, want Themes, Trust", got)
	}
	if err := in.SetRoles(map[string]coding.Role{"Barrier": coding.Context}); err == nil || !strings.Contains(err.Error(), `team.qdpx has no code named "Barrier"`) {
		t.Errorf("a name the file lacks: %v", err)
	}
}

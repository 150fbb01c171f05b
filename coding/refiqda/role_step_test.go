package refiqda

import (
	"slices"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// The app's role-mapping step shows, per code, the role the import would
// give its passages (CodeRoles) and how many passages it codes
// (Passages); the reviewer's choice goes in through SetRoles, where
// Unclassified makes even a code named "Outcome" a label.
func TestRoleStep(t *testing.T) {
	const (
		outcome = "e0000000-0000-0000-0000-000000000001"
		themes  = "e0000000-0000-0000-0000-000000000002"
		trust   = "e0000000-0000-0000-0000-000000000003"
	)
	codes := []Code{
		{GUID: outcome, Name: "Outcome", Codable: true},
		{GUID: themes, Name: "Themes", Children: []Code{{GUID: trust, Name: "Trust", Codable: true}}},
	}
	in := &Input{Name: "team.qdpx", Codes: codes, File: &File{Codes: codes, Sources: []Source{
		{Kind: "TextSource", GUID: "e0000000-0000-0000-0000-00000000000a", Text: &TextSource{Selections: []Selection{
			{Start: 0, End: 3, Codes: []string{outcome, trust}},
			{Start: 4, End: 9, Codes: []string{trust}},
		}}},
	}}}

	if got, total := in.Passages(); got[outcome] != 1 || got[trust] != 2 || got[themes] != 0 || total != 2 {
		t.Errorf("passages per code %v, %d in all; want Outcome 1, Trust 2, Themes 0, 2 in all", got, total)
	}
	tests := []struct {
		name   string
		roles  map[string]coding.Role
		want   map[string]coding.Role
		labels []string
	}{
		{"as the importer picks", nil,
			map[string]coding.Role{outcome: coding.Outcome, themes: coding.Unclassified, trust: coding.Unclassified},
			[]string{"Themes", "Trust"}},
		{"Trust is context", map[string]coding.Role{"trust": coding.Context},
			map[string]coding.Role{outcome: coding.Outcome, themes: coding.Unclassified, trust: coding.Context},
			[]string{"Themes"}},
		{"Outcome is a label", map[string]coding.Role{"Outcome": coding.Unclassified},
			map[string]coding.Role{outcome: coding.Unclassified, themes: coding.Unclassified, trust: coding.Unclassified},
			[]string{"Outcome", "Themes", "Trust"}},
	}
	for _, tt := range tests {
		if err := in.SetRoles(tt.roles); err != nil {
			t.Fatal(err)
		}
		got := in.CodeRoles()
		for guid, want := range tt.want {
			if got[guid] != want {
				t.Errorf("%s: code %s gets %q, want %q", tt.name, guid, got[guid], want)
			}
		}
		_, labels := mapCodes(in.Codes, in.roles)
		var names []string
		for _, l := range labels {
			names = append(names, l.Name)
		}
		if !slices.Equal(names, tt.labels) {
			t.Errorf("%s: labels %q, want %q", tt.name, names, tt.labels)
		}
	}
}

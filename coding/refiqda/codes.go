package refiqda

// Codes as cmocoder reads them, the inverse of the export's mapping
// (MapCodes): the role codes, known by their deterministic GUIDs
// (RoleGUID, ValenceGUID) or by their names ("Context", "Mechanism
// resource", "Mechanism reasoning", "Outcome" at the top of the codebook,
// and their "<Role> +" / "<Role> −" children), give a fragment its role
// and valence; every other code is a label, except the export's "Labels"
// folder, whose children are labels.

import (
	"strings"
	"sync"

	"cmocoder.org/cmocoder/coding"
)

// CodeUse is what a code means to cmocoder: a role (with a valence, for
// the "+" and "−" children) or a label.
type CodeUse struct {
	Role    coding.Role // "" for a label
	Valence coding.Valence
	Label   string // the label's name in the file's codebook ("" for a role code or the Labels folder)
}

// LabelDef is a code to become a codebook label.
type LabelDef struct {
	GUID       string
	Name       string // unique in the file (case-insensitively)
	Definition string
	Colour     string // "#rrggbb" or ""
}

var roleNames = map[string]coding.Role{
	"Context": coding.Context, "Mechanism resource": coding.Resource,
	"Mechanism reasoning": coding.Reasoning, "Outcome": coding.Outcome,
}

// LabelsFolderGUID is the GUID of the export's "Labels" folder code.
var LabelsFolderGUID = labelsFolderGUID

// roleByGUID recognises the export's role and valence codes.
func roleByGUID(guid string) (coding.Role, coding.Valence, bool) {
	rv, ok := roleGUIDs()[guid]
	return rv.role, rv.valence, ok
}

// roleGUIDs are the GUIDs of the export's role and valence codes, hashed
// once rather than twelve times for each code of a codebook.
var roleGUIDs = sync.OnceValue(func() map[string]roleOf {
	m := map[string]roleOf{}
	for _, r := range coding.Roles {
		m[RoleGUID(r)] = roleOf{r, coding.NoValence}
		for _, v := range []coding.Valence{coding.Positive, coding.Negative} {
			m[ValenceGUID(r, v)] = roleOf{r, v}
		}
	}
	return m
})

// valenceChild reads a role code's child named "<Role> +" or "<Role> −"
// ("-" accepted).
func valenceChild(r coding.Role, name string) (coding.Valence, bool) {
	rest, ok := strings.CutPrefix(name, r.Title())
	if !ok {
		return "", false
	}
	switch strings.TrimSpace(rest) {
	case "+":
		return coding.Positive, true
	case "−", "-":
		return coding.Negative, true
	}
	return "", false
}

// MapCodes says what each code of a codebook means to cmocoder (by
// GUID), and lists the labels to make, in the codebook's order. A label is
// named by its code's own name; a name already taken by an earlier code
// (case-insensitively) is qualified with the code's parents, "Parent /
// Child", and numbered " (2)", " (3)" if that is taken too.
func MapCodes(cs []Code) (map[string]CodeUse, []LabelDef) { return mapCodes(cs, nil) }

// mapCodes is MapCodes with the codes the reviewer named as roles (by
// coding.NameKey), wherever they sit in the codebook.
func mapCodes(cs []Code, roles map[string]coding.Role) (map[string]CodeUse, []LabelDef) {
	uses := map[string]CodeUse{}
	var labels []LabelDef
	names := newLabelNames()
	var walk func(cs []Code, parents []string, top bool, parentRole coding.Role)
	walk = func(cs []Code, parents []string, top bool, parentRole coding.Role) {
		for _, c := range cs {
			r, v, isRole := roleByGUID(c.GUID)
			if !isRole {
				r, isRole = roles[coding.NameKey(c.Name)]
			}
			if !isRole && top {
				r, isRole = roleNames[c.Name]
			}
			if !isRole && parentRole != "" {
				v, isRole = valenceChild(parentRole, c.Name)
				r = parentRole
			}
			switch {
			case isRole:
				uses[c.GUID] = CodeUse{Role: r, Valence: v}
				childRole := r
				if v != coding.NoValence {
					childRole = ""
				}
				walk(c.Children, append(parents, c.Name), false, childRole)
				continue
			case c.GUID == labelsFolderGUID || (top && !c.Codable && c.Name == "Labels"):
				uses[c.GUID] = CodeUse{}
				walk(c.Children, parents, false, "") // the folder is not part of a label's path
				continue
			}
			name := names.take(c.Name, parents)
			if c.GUID != "" {
				if _, dup := uses[c.GUID]; !dup {
					uses[c.GUID] = CodeUse{Label: name}
				}
			}
			labels = append(labels, LabelDef{GUID: c.GUID, Name: name, Definition: c.Description, Colour: c.Colour})
			walk(c.Children, append(parents, c.Name), false, "")
		}
	}
	walk(cs, nil, true, "")
	return uses, labels
}

package refiqda

// Codes as cmocoder reads them, the inverse of the export's mapping
// (MapCodes): the role codes, known by their deterministic GUIDs
// (RoleGUID, ValenceGUID) or by their names ("Context", "Mechanism
// resource", "Mechanism reasoning", "Outcome" and the variants
// coding.RoleFromCodeName reads, and their "<Role> +" / "<Role> −"
// children), give a fragment its role and valence; every other code is a
// label (a code under a role code both), except the export's "Labels"
// folder, whose children are labels.

import (
	"strings"
	"sync"

	"cmocoder.org/cmocoder/coding"
)

// CodeUse is what a code means to cmocoder: a role (with a valence, for
// the "+" and "−" children), a label, or both (a code under a role code).
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
// coding.NameKey), wherever they sit in the codebook. Another tool's code
// is a role by its name (coding.RoleFromCodeName) at any depth but in the
// export's "Labels" folder; a code under a role code has that role too
// (coding.RoleUnder) and is a label as well, so that the finer code is
// kept. A code the reviewer names "unclassified" is a label only.
func mapCodes(cs []Code, roles map[string]coding.Role) (map[string]CodeUse, []LabelDef) {
	uses := map[string]CodeUse{}
	var labels []LabelDef
	names := newLabelNames()
	// under is the role (and valence) of the nearest role code above;
	// labelsFolder says the codes are the export's labels.
	var walk func(cs []Code, parents []string, under CodeUse, labelsFolder bool)
	walk = func(cs []Code, parents []string, under CodeUse, labelsFolder bool) {
		for _, c := range cs {
			r, v, isRole := roleByGUID(c.GUID)
			named, byReviewer := roles[coding.NameKey(c.Name)]
			if byReviewer { // the reviewer's word is final; Unclassified says "a label"
				r, v, isRole = named, coding.NoValence, named != coding.Unclassified
			}
			if !isRole && !byReviewer && under.Role != "" && under.Valence == coding.NoValence {
				v, isRole = valenceChild(under.Role, c.Name)
				r = under.Role
			}
			if !isRole && !byReviewer && !labelsFolder {
				r, isRole = coding.RoleUnder(under.Role, c.Name)
			}
			switch {
			case isRole:
				uses[c.GUID] = CodeUse{Role: r, Valence: v}
				walk(c.Children, append(parents, c.Name), CodeUse{Role: r, Valence: v}, false)
				continue
			case c.GUID == labelsFolderGUID || (len(parents) == 0 && !labelsFolder && !c.Codable && c.Name == "Labels"):
				uses[c.GUID] = CodeUse{}
				walk(c.Children, parents, CodeUse{}, true) // the folder is not part of a label's path
				continue
			}
			use := CodeUse{}
			if !byReviewer {
				use.Role, use.Valence = under.Role, under.Valence
			}
			name := names.take(c.Name, parents)
			if c.GUID != "" {
				if _, dup := uses[c.GUID]; !dup {
					use.Label = name
					uses[c.GUID] = use
				}
			}
			labels = append(labels, LabelDef{GUID: c.GUID, Name: name, Definition: c.Description, Colour: c.Colour})
			walk(c.Children, append(parents, c.Name), CodeUse{Role: use.Role, Valence: use.Valence}, labelsFolder)
		}
	}
	walk(cs, nil, CodeUse{}, false)
	return uses, labels
}

// CodeRoles is the role each of the file's codes gives the passages coded
// with it, by GUID, as the import will map them (with the roles set by
// SetRoles): Unclassified for a code that becomes a label (or is the
// export's Labels folder). It is what the app's import dialog shows
// before anything is written.
func (in *Input) CodeRoles() map[string]coding.Role {
	uses, _ := mapCodes(in.Codes, in.roles)
	out := make(map[string]coding.Role, len(uses))
	for guid, u := range uses {
		out[guid] = u.Role
		if u.Role == "" {
			out[guid] = coding.Unclassified
		}
	}
	return out
}

// Passages counts the passages (PlainTextSelections) of the file coded
// with each code, by the code's GUID, and all its coded passages (a
// passage with two codes counts once there).
func (in *Input) Passages() (perCode map[string]int, total int) {
	perCode = map[string]int{}
	if in.File == nil {
		return perCode, 0
	}
	for _, src := range in.File.Sources {
		if src.Text == nil {
			continue
		}
		for _, sel := range src.Text.Selections {
			for _, g := range sel.Codes {
				perCode[g]++
			}
			if len(sel.Codes) > 0 {
				total++
			}
		}
	}
	return perCode, total
}

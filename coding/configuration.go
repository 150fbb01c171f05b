package coding

import (
	"slices"
	"strings"
)

// Part is one role's share of a CMOC: the fragments coded with that role.
type Part struct {
	Role      Role
	Fragments []Fragment
}

// Parts sorts a CMOC's fragments by role, in configuration order. Every
// role gets a Part, empty when the CMOC has no fragment of it, so that a
// gap shows as a gap.
func Parts(frags []Fragment) []Part {
	parts := make([]Part, len(Roles))
	for i, r := range Roles {
		parts[i].Role = r
		for _, f := range frags {
			if f.Role == r {
				parts[i].Fragments = append(parts[i].Fragments, f)
			}
		}
	}
	return parts
}

// Gap is printed for a role a CMOC has no fragment of.
const Gap = "…"

// Text is the part's quoted text: its fragments' texts, white space
// collapsed, joined by "; ". Gap when there are none.
func (p Part) Text() string {
	if len(p.Fragments) == 0 {
		return Gap
	}
	texts := make([]string, len(p.Fragments))
	for i, f := range p.Fragments {
		texts[i] = strings.Join(strings.Fields(f.Text), " ")
	}
	return strings.Join(texts, "; ")
}

// Valence is the part's valence sign(s): "+", "−", "+/−" when its
// fragments disagree, "" when none has one.
func (p Part) Valence() string {
	var signs []string
	for _, f := range p.Fragments {
		if s := f.Valence.Sign(); s != "" && !slices.Contains(signs, s) {
			signs = append(signs, s)
		}
	}
	slices.Sort(signs) // "+" sorts before "−"
	return strings.Join(signs, "/")
}

// Tag is the part's tag as published: "(C)", "(M+, Resource)",
// "(M−, Reasoning)", "(O+)".
func (p Part) Tag() string {
	switch p.Role {
	case Context:
		return "(C)"
	case Resource:
		return "(M" + p.Valence() + ", Resource)"
	case Reasoning:
		return "(M" + p.Valence() + ", Reasoning)"
	case Outcome:
		return "(O" + p.Valence() + ")"
	}
	return "(?)"
}

// Configuration renders fragments as the one-line configuration used in
// publications (Dalkin et al. 2015):
//
//	<C text> (C) → <M res text> (M+, Resource) → <M rea text> (M+, Reasoning) → <O text> (O+)
//
// A role with no fragment is shown as Gap, never left out.
func Configuration(frags []Fragment) string {
	var b strings.Builder
	for i, p := range Parts(frags) {
		if i > 0 {
			b.WriteString(" → ")
		}
		b.WriteString(p.Text())
		b.WriteByte(' ')
		b.WriteString(p.Tag())
	}
	return b.String()
}

// WithoutRole is the fragments among frags that are Unclassified: evidence
// ticked into a CMOC that supports it without a place on its configuration
// line until it is given a role.
func WithoutRole(frags []Fragment) []Fragment {
	var out []Fragment
	for _, f := range frags {
		if f.Role == Unclassified {
			out = append(out, f)
		}
	}
	return out
}

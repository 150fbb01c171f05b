package coding

import (
	"strings"
	"unicode"
)

// Role codes of other tools: the one place that says which code names
// mean a role (RoleFromCodeName). Reviewers who code realist evidence in
// NVivo, ATLAS.ti, MAXQDA or QualCoder name their codes in many ways; the
// names below are read as roles, any case, punctuation and plural aside:
//
//	Context                  context, c
//	Mechanism resource       mechanism resource, mechanism res, m resource, m res, mres
//	Mechanism reasoning      mechanism reasoning, mechanism rea, m reasoning, m rea, mrea
//	                         mechanism, m (see below)
//	Outcome                  outcome, o
//
// Punctuation is a space, so "Mechanism (resource)", "Mechanism -
// reasoning", "M-res" and "M_res" are read; a plural or "(s)" is the
// singular ("Outcome(s)", "Outcomes", "Contexts"); a leading "CMO" or
// "CMOC" is dropped ("CMO: context"); and a name may repeat its role's
// short form at the end ("Context (C)", "Outcome - O", "Mechanism
// resource (M res)").
//
// A plain "Mechanism" (or "M") is Mechanism reasoning: cmocoder's M key and
// `--role m` mean reasoning, and realist methodology (RAMESES) calls the
// mechanism participants' reasoning in response to what a programme
// offers, not the offer itself. Under a "Mechanism" code, a child named
// "Resource(s)" or "Reasoning" is that half (RoleUnder).
//
// Not read as roles, being too ambiguous: "MR" (resource or reasoning?),
// "R" and single words such as "Resource", "Result" or "Effect" at the top
// of a codebook.
var roleCodeNames = map[string]Role{
	"context": Context, "c": Context,

	"mechanism resource": Resource, "mechanism res": Resource, "m resource": Resource,
	"m res": Resource, "mres": Resource,

	"mechanism reasoning": Reasoning, "mechanism rea": Reasoning, "m reasoning": Reasoning,
	"m rea": Reasoning, "mrea": Reasoning,
	"mechanism": Reasoning, "m": Reasoning,

	"outcome": Outcome, "o": Outcome,
}

// halfNames are the children of a Mechanism code that say which half of
// the mechanism they are.
var halfNames = map[string]Role{"resource": Resource, "res": Resource, "reasoning": Reasoning, "rea": Reasoning}

// RoleFromCodeName says which role another tool's code name means (see
// roleCodeNames); ok is false for a name that is no role.
func RoleFromCodeName(name string) (r Role, ok bool) {
	words := roleWords(name)
	if len(words) > 0 && (words[0] == "cmo" || words[0] == "cmoc") {
		words = words[1:]
	}
	if r, ok := roleCodeNames[strings.Join(words, " ")]; ok {
		return r, true
	}
	// A name and then its role's short form: "Context (C)".
	for i := len(words) - 1; i > 0; i-- {
		head, headOK := roleCodeNames[strings.Join(words[:i], " ")]
		tail, tailOK := roleCodeNames[strings.Join(words[i:], " ")]
		if headOK && tailOK && head == tail {
			return head, true
		}
	}
	return "", false
}

// RoleUnder says which role a code named name is under a code of role
// parent: a role of its own (RoleFromCodeName), or, under a Mechanism
// code, "Resource(s)" or "Reasoning" for that half. ok is false when the
// name is no role: the code then has its parent's role.
func RoleUnder(parent Role, name string) (r Role, ok bool) {
	if r, ok := RoleFromCodeName(name); ok {
		return r, true
	}
	if parent == Resource || parent == Reasoning {
		r, ok := halfNames[strings.Join(roleWords(name), " ")]
		return r, ok
	}
	return "", false
}

// roleWords are a code name's words as roleCodeNames holds them: lower
// case, punctuation a space, "(s)" and a plural "s" dropped.
func roleWords(name string) []string {
	name = strings.ReplaceAll(strings.ToLower(name), "(s)", "s")
	words := strings.FieldsFunc(name, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for i, w := range words {
		if one, ok := plurals[w]; ok {
			words[i] = one
		}
	}
	return words
}

var plurals = map[string]string{"contexts": "context", "mechanisms": "mechanism", "resources": "resource", "outcomes": "outcome"}

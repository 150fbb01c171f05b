// Package coding holds cmocoder's domain: the documents of a realist review,
// the fragments coded in them (Context, Mechanism resource, Mechanism
// reasoning, Outcome), CMO configurations assembled from fragments, and the
// programme theories that group them. It knows nothing of files, SQL or
// windows: storage implements the Store it needs, and app drives it.
//
// Every change to a project is a Change value. Applying one inside a
// transaction returns its inverse, so undo and redo come for free and the
// command line and the desktop app share one code path.
package coding

import (
	"fmt"
	"strings"
	"time"
)

// Role is what a fragment is evidence of.
type Role string

// The four roles of a realist coding.
const (
	Context   Role = "context"
	Resource  Role = "resource"  // Mechanism resource: what the programme offers or does
	Reasoning Role = "reasoning" // Mechanism reasoning: how people respond to it
	Outcome   Role = "outcome"
)

// Unclassified is the state of a fragment that has labels but no role yet:
// a passage another tool coded, or one a reviewer extracted to classify
// later. It is a named value rather than the empty string so that callers
// say what they mean (f.Role == coding.Unclassified), and so that what is
// stored, printed as JSON and exported reads as a word; the zero Role stays
// invalid, which catches a role forgotten by mistake.
const Unclassified Role = "unclassified"

// Roles lists the roles in the order of a configuration line.
// Unclassified is not among them: it is the absence of a role.
var Roles = []Role{Context, Resource, Reasoning, Outcome}

// Categories is every state a fragment may be in, the four roles in
// configuration order and then Unclassified: what agreement compares and
// what the fragment lists filter by.
var Categories = []Role{Context, Resource, Reasoning, Outcome, Unclassified}

// ParseRole accepts a role's name or its usual abbreviation, any case.
func ParseRole(s string) (Role, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "context", "c":
		return Context, nil
	case "resource", "mechanism resource", "m res", "mres", "r":
		return Resource, nil
	case "reasoning", "mechanism reasoning", "m rea", "mrea", "m":
		return Reasoning, nil
	case "outcome", "o":
		return Outcome, nil
	case "unclassified", "none", "u":
		return Unclassified, nil
	}
	return "", E(KindInvalid, "parse role", s, fmt.Errorf("unknown role %q (want context, resource, reasoning, outcome or unclassified)", s))
}

// Valid reports whether r is one of the four roles or Unclassified.
func (r Role) Valid() bool {
	switch r {
	case Context, Resource, Reasoning, Outcome, Unclassified:
		return true
	}
	return false
}

// Classified reports whether r is one of the four roles, the fragments a
// configuration line is made of.
func (r Role) Classified() bool { return r.Valid() && r != Unclassified }

// Letter is the short form shown in the app and in tables.
func (r Role) Letter() string {
	switch r {
	case Context:
		return "C"
	case Resource:
		return "M res"
	case Reasoning:
		return "M rea"
	case Outcome:
		return "O"
	case Unclassified:
		return "U"
	}
	return "?"
}

// Title is the role's full name for people.
func (r Role) Title() string {
	switch r {
	case Context:
		return "Context"
	case Resource:
		return "Mechanism resource"
	case Reasoning:
		return "Mechanism reasoning"
	case Outcome:
		return "Outcome"
	case Unclassified:
		return "Unclassified"
	}
	return string(r)
}

// Valence marks presence (+) or absence (−) of a mechanism, or a positive
// (+) or negative (−) outcome. Many fragments have none.
type Valence string

// The valences. None is the empty string so that a zero Fragment has none.
const (
	NoValence Valence = ""
	Positive  Valence = "+"
	Negative  Valence = "-"
)

// ParseValence accepts "+", "-", "−" (U+2212), "none" or "".
func ParseValence(s string) (Valence, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "none", "0":
		return NoValence, nil
	case "+", "positive", "pos", "present":
		return Positive, nil
	case "-", "−", "negative", "neg", "absent":
		return Negative, nil
	}
	return "", E(KindInvalid, "parse valence", s, fmt.Errorf("unknown valence %q (want +, - or none)", s))
}

// Valid reports whether v is a known valence.
func (v Valence) Valid() bool { return v == NoValence || v == Positive || v == Negative }

// Sign is the valence as printed: "+", "−" or "".
func (v Valence) Sign() string {
	switch v {
	case Positive:
		return "+"
	case Negative:
		return "−"
	}
	return ""
}

// Fragment is one highlighted, coded passage of one document.
type Fragment struct {
	ID       string // UUID
	DocID    string
	Start    int // code-point offset into the document text
	End      int // exclusive
	Page     int // the page the span starts on, 1-based
	Role     Role
	Valence  Valence
	Labels   []string // codebook label names
	Coder    string
	Memo     string
	Text     string // the span's text, kept with the fragment for lists and exports
	Created  time.Time
	Modified time.Time
}

// Label is a codebook entry: a mechanism label or any other code.
type Label struct {
	ID         string
	Name       string
	Definition string
	Colour     string // "#rrggbb"
	Created    time.Time
	Modified   time.Time
}

// TheoryKind tells an initial programme theory from a refined one.
type TheoryKind string

// Kinds of programme theory.
const (
	Initial TheoryKind = "initial"
	Refined TheoryKind = "refined"
)

// Theory is a programme theory: a named group of CMOCs that explains one
// part of the programme.
type Theory struct {
	ID          string
	Name        string
	Description string
	Kind        TheoryKind
	Refines     string // ID of the initial theory a refined one refines
	Statement   string // "Effective leaders ... so that ... because ..."
	Position    int    // order among theories
	Created     time.Time
	Modified    time.Time
}

// CMOC is a Context–Mechanism–Outcome configuration assembled from one or
// more fragments, usually of one source but often of several.
type CMOC struct {
	ID        string
	Statement string // the one-line statement
	Narrative string
	TheoryID  string
	Fragments []string // fragment IDs, in the order they were added
	Labels    []string // label names
	Coder     string
	Created   time.Time
	Modified  time.Time
}

// Coder is a member of the review team.
type Coder struct {
	ID   string
	Name string
}

package coding

import (
	"slices"
	"strings"
	"unicode"
)

// DefaultReasons are the reasons realist reviews commonly give for
// excluding a source at full text: the choices until the team edits its
// own list (SetReasons). A reviewer may always type another.
var DefaultReasons = []string{"not relevant to the programme theory", "insufficient richness", "insufficient rigour",
	"duplicate", "full text not available"}

// ReasonsTx is the part of a transaction that keeps the team's list of
// reasons for excluding a source. A store that has no such list does not
// implement it, and SetReasons is refused there.
type ReasonsTx interface {
	// Reasons is the team's list; nil when it was never edited (then
	// DefaultReasons are offered).
	Reasons() ([]string, error)
	PutReasons(reasons []string) error
}

// SetReasons replaces the team's list of reasons for excluding a source.
// The list is cleaned (CleanReasons); its undo puts the old list back.
type SetReasons struct {
	Reasons []string
}

// Apply implements Change.
func (c SetReasons) Apply(tx Tx) (Change, error) {
	const op = "edit reasons"
	rt, ok := tx.(ReasonsTx)
	if !ok {
		return nil, Errorf(KindInvalid, op, "", "this project cannot keep a list of reasons")
	}
	want, err := CleanReasons(c.Reasons)
	if err != nil {
		return nil, err
	}
	old, err := rt.Reasons()
	if err != nil {
		return nil, err
	}
	if old == nil {
		old = DefaultReasons
	}
	if err := rt.PutReasons(want); err != nil {
		return nil, err
	}
	return SetReasons{Reasons: slices.Clone(old)}, nil
}

// CleanReasons collapses each reason's white space (a line break becomes
// a space), drops empty ones and repeats (case folded, the first kept),
// and refuses a reason holding another control character.
func CleanReasons(list []string) ([]string, error) {
	out := []string{} // not nil: an emptied list stays empty
	seen := map[string]bool{}
	for _, r := range list {
		r = strings.Join(strings.Fields(r), " ")
		if strings.IndexFunc(r, unicode.IsControl) >= 0 {
			return nil, Errorf(KindInvalid, "edit reasons", r, "a reason holds a control character")
		}
		if r == "" || seen[strings.ToLower(r)] {
			continue
		}
		seen[strings.ToLower(r)] = true
		out = append(out, r)
	}
	return out, nil
}

// Describe implements Describer: the undo menu's words.
func (c SetReasons) Describe() string { return "edit the reasons for excluding" }

package session

import (
	"slices"

	"cmocoder.org/cmocoder/coding"
)

// Reasons are the choices of reason for excluding a source: the team's
// list (edited with coding.SetReasons), or coding.DefaultReasons while
// the team has none.
func (s *Session) Reasons() ([]string, error) {
	rs, ok := s.store.(interface{ Reasons() ([]string, error) })
	if !ok {
		return slices.Clone(coding.DefaultReasons), nil
	}
	list, err := rs.Reasons()
	if err != nil || list == nil {
		return slices.Clone(coding.DefaultReasons), err
	}
	return list, nil
}

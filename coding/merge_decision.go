package coding

// decisions compares two reviewers' decisions on the same source: when
// both decided, differently, it is a conflict the reviewers resolve (a
// realist review reports how they agreed), so ours is kept whatever else
// of theirs the merge takes. It returns their document with the decision
// the merge should take.
func (m *merger) decisions(our, their Document) Document {
	if our.Decision == Undecided || their.Decision == Undecided || our.Decision == their.Decision {
		return their
	}
	m.conflict(EntityDocument, our.ID, our.ShortName(), "decided differently: %s (OTHER: %s); kept ours, decide together",
		describeDecision(our.Screening), describeDecision(their.Screening))
	their.Decision, their.Reason, their.Stage = our.Decision, our.Reason, our.Stage
	their.DecidedBy, their.DecidedAt = our.DecidedBy, our.DecidedAt
	return their
}

// describeDecision is "exclude, insufficient richness, by Ann".
func describeDecision(s Screening) string {
	out := s.Decision.String()
	if s.Reason != "" {
		out += ", " + s.Reason
	}
	if s.DecidedBy != "" {
		out += ", by " + s.DecidedBy
	}
	return out
}

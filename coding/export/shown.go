package export

// Shown is the project as the tables, the Matrix tab and the figures show
// it: without the sources the reviewers excluded, their fragments and
// their evidence in CMOCs (withoutExcluded), unless all; and how many
// sources were left out. A view that lays out a column per source takes
// its columns from the Documents returned, so that they match the table
// Build makes with Options.All set the same.
func (p *Project) Shown(all bool) (*Project, int) {
	if all {
		return p, 0
	}
	return p.withoutExcluded()
}

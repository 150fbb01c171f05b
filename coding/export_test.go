package coding

// RestoreFragment is the undo of a fragment's deletion, made without one,
// for the tests outside the package (package coding_test).
func RestoreFragment(f Fragment) Change { return fragmentTable.restore(f) }

package app

// Describe names an import in the undo menu (coding.Describer): "Undo
// import of a REFI-QDA file".
func (ch *importChange) Describe() string { return "import of a REFI-QDA file" }

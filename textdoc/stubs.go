package textdoc

func ReadDOCX(data []byte) (*Doc, error)     { return nil, newError(ErrNotText, nil, "not yet") }
func ReadODT(data []byte) (*Doc, error)      { return nil, newError(ErrNotText, nil, "not yet") }
func ReadRTF(data []byte) (*Doc, error)      { return nil, newError(ErrNotText, nil, "not yet") }

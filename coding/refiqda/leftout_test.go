package refiqda

import "testing"

// TestLeftOut: what an import left out, counted by kind, each reason once
// after its kinds, in the order first counted.
func TestLeftOut(t *testing.T) {
	for _, c := range []struct {
		add  []Omission
		want string
	}{
		{nil, ""},
		{[]Omission{{0, "picture", WhyMedia}}, ""},
		{[]Omission{{1, "picture", WhyMedia}}, "1 picture (cmocoder codes text and PDFs only)"},
		{[]Omission{{2, "picture", WhyMedia}, {1, "audio source", WhyMedia}, {1, "picture", WhyMedia}, {2, "video", WhyMedia}},
			"3 pictures, 1 audio source, 2 videos (cmocoder codes text and PDFs only)"},
		{[]Omission{{1, "picture", WhyMedia}, {2, "coded passage", "not found"}, {1, "text source", "empty"}, {1, "coded passage", "not found"}},
			"1 picture (cmocoder codes text and PDFs only); 3 coded passages (not found); 1 text source (empty)"},
	} {
		var l LeftOut
		for _, o := range c.add {
			l.Add(o.N, o.What, o.Why)
		}
		if got := l.String(); got != c.want {
			t.Errorf("%v: %q, want %q", c.add, got, c.want)
		}
	}
}

// TestImportOmitted: the sources out of scope, those the caller skipped
// with their passages, and the passages Apply could not place, in one
// count.
func TestImportOmitted(t *testing.T) {
	im := NewImport(testFile("MAXQDA 24", "", false, sel(sel1, 3, 12, contextCode)))
	srcs, _ := im.PDFSources()
	tx := newMemTx()
	tx.AddDoc("doc", ourPages...)
	if err := im.AddDocument(srcs[0], "doc"); err != nil {
		t.Fatal(err)
	}
	im.Skip(Source{Kind: "TextSource", Text: &TextSource{Selections: []Selection{{}, {}}}}, "file not in test.qde")
	if _, err := im.Apply(tx); err != nil {
		t.Fatal(err)
	}
	want := "1 picture (cmocoder codes text and PDFs only); 1 text source (file not in test.qde); 2 coded passages (their source is left out); 1 coded passage (the text they count in is not in test.qde)"
	if got := im.Omitted().String(); got != want {
		t.Errorf("omitted %q\nwant %q", got, want)
	}
}

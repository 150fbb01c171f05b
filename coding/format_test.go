package coding

import "testing"

// TestCheckNewTextFormats: only a PDF without fragments may get a new
// text (by OCR); a text document never does.
func TestCheckNewTextFormats(t *testing.T) {
	tests := []struct {
		format string
		coded  int
		ok     bool
	}{
		{"", 0, true}, // a document from before formats were recorded
		{FormatPDF, 0, true},
		{FormatPDF, 2, false},
		{"docx", 0, false},
		{"txt", 0, false},
	}
	for _, tc := range tests {
		err := CheckNewText(Document{Title: "Interview", Format: tc.format}, tc.coded)
		if (err == nil) != tc.ok {
			t.Errorf("format %q with %d fragments: %v", tc.format, tc.coded, err)
		}
		if err != nil && !IsKind(err, KindInvalid) {
			t.Errorf("format %q: %v is not KindInvalid", tc.format, err)
		}
	}
}

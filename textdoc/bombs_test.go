package textdoc

import (
	"errors"
	"strings"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// TestZipBombMember: a .docx or .odt member within the 100 MB cap that
// inflates like a ZIP bomb (here 70 MB from some 70 KB; laying out its
// text took gigabytes) is refused naming it.
func TestZipBombMember(t *testing.T) {
	text := strings.Repeat("a", coding.ZipBombFloor+6<<20)
	for _, c := range []struct {
		file, member string
		data         []byte
	}{
		{"bomb.docx", "word/document.xml", docxOf(t, `<w:p><w:r><w:t>`+text+`</w:t></w:r></w:p>`)},
		{"bomb.odt", "content.xml", odtOf(t, `<text:p>`+text+`</text:p>`)},
	} {
		t.Run(c.file, func(t *testing.T) {
			_, err := Read(c.file, c.data)
			want := `entry "` + c.member + `" inflates more than 100-fold past 64 MB: refused as a possible zip bomb`
			if err == nil || err.Error() != want || !errors.Is(err, ErrTooLarge) {
				t.Errorf("error %v,\nwant %s", err, want)
			}
		})
	}
}

// TestMaxChars: a document of more than MaxChars characters is refused
// before it is laid out (8 million took most of 1 GB to set and store).
func TestMaxChars(t *testing.T) {
	line := strings.Repeat("é", 99) + "\n" // 100 characters, 199 bytes
	if _, err := Read("ok.txt", []byte(strings.Repeat(line, MaxChars/100))); err != nil {
		t.Errorf("%d characters: %v", MaxChars, err)
	}
	_, err := Read("long.txt", []byte(strings.Repeat(line, MaxChars/100)+"é"))
	want := "too long: more than 8 million characters of text, the most a document may have"
	if err == nil || err.Error() != want || !errors.Is(err, ErrTooLarge) {
		t.Errorf("error %v,\nwant %s", err, want)
	}
}

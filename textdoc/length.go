package textdoc

import "unicode/utf8"

// MaxChars is the most characters of text a document may have. Laying a
// document out gives every character a box, and setting and storing them
// takes 50–110 bytes a character: 8 million take most of 1 GB, and a
// .docx of 60 KB whose 40 MB of text came from a ZIP bomb took 4.5 GB. A
// long book has one or two million.
const MaxChars = 8_000_000

// checkLength refuses a document of more than MaxChars characters (those
// of its Text) before it is laid out.
func checkLength(d *Doc) error {
	n := -1 // no line break before the first block
	for _, b := range d.Blocks {
		if n += utf8.RuneCountInString(b.Text) + 1; n > MaxChars {
			return newError(ErrTooLarge, nil, "too long: more than %d million characters of text, the most a document may have", MaxChars/1_000_000)
		}
	}
	return nil
}

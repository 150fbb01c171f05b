package pdfview

import (
	"encoding/json"
	"io"

	"cmocoder.org/cmocoder/coding"
)

// BoxesPage is one page as `cmocoder extract --boxes` prints it: the page
// box in PDF points (unrotated user space, origin bottom left), its /Rotate,
// and every code point of its text in order with its box.
type BoxesPage struct {
	Page     int         `json:"page"`
	X0       float32     `json:"x0"`
	Y0       float32     `json:"y0"`
	X1       float32     `json:"x1"`
	Y1       float32     `json:"y1"`
	Rotation int         `json:"rotation"`
	Chars    []BoxesChar `json:"chars"`
}

// BoxesChar is one code point and its box (zero area for a generated space
// or line break).
type BoxesChar struct {
	C  string  `json:"c"`
	X0 float32 `json:"x0"`
	Y0 float32 `json:"y0"`
	X1 float32 `json:"x1"`
	Y1 float32 `json:"y1"`
}

// WriteBoxesJSON prints pages as a JSON array of BoxesPage, one page a line.
func WriteBoxesJSON(w io.Writer, pages []coding.Page) error {
	if _, err := io.WriteString(w, "["); err != nil {
		return err
	}
	for i, p := range pages {
		bp := BoxesPage{Page: p.Number, X0: p.X0, Y0: p.Y0, X1: p.X1, Y1: p.Y1, Rotation: p.Rotation,
			Chars: make([]BoxesChar, 0, len(p.Boxes))}
		k := 0
		for _, r := range p.Text {
			var b coding.Box
			if k < len(p.Boxes) {
				b = p.Boxes[k]
			}
			k++
			bp.Chars = append(bp.Chars, BoxesChar{C: string(r), X0: b.X0, Y0: b.Y0, X1: b.X1, Y1: b.Y1})
		}
		data, err := json.Marshal(bp)
		if err != nil {
			return err
		}
		sep := ",\n"
		if i == 0 {
			sep = "\n"
		}
		if _, err := io.WriteString(w, sep); err != nil {
			return err
		}
		if _, err := w.Write(data); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, "\n]\n")
	return err
}

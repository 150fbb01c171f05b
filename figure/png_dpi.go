package figure

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/png"
	"io"
	"math"
)

// writePNG writes img as a PNG that records its resolution (a pHYs chunk),
// so that a word processor or a journal's checker takes a 300 dpi figure
// at its print size instead of at 72 or 96 dpi, four times too big.
// Go's encoder writes no pHYs chunk; it goes right after the header, as
// the PNG specification wants it before the image data.
func writePNG(w io.Writer, img image.Image, dpi float64) error {
	var buf bytes.Buffer
	// Fast compression: a tall diagram is tens of megapixels, and the
	// default level takes seconds longer for a few per cent.
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, img); err != nil {
		return err
	}
	data := buf.Bytes()
	const headerEnd = 8 + 4 + 4 + 13 + 4 // signature, then IHDR: length, type, data, CRC
	if len(data) < headerEnd || string(data[12:16]) != "IHDR" {
		return errors.New("figure: the PNG encoder wrote no header")
	}
	if _, err := w.Write(data[:headerEnd]); err != nil {
		return err
	}
	if _, err := w.Write(physChunk(dpi)); err != nil {
		return err
	}
	_, err := w.Write(data[headerEnd:])
	return err
}

// physChunk is a pHYs chunk saying dpi in both directions, in the pixels
// per metre PNG counts in.
func physChunk(dpi float64) []byte {
	ppm := uint32(math.Round(dpi / 0.0254))
	chunk := make([]byte, 4+4+9+4)
	binary.BigEndian.PutUint32(chunk[0:], 9)
	copy(chunk[4:], "pHYs")
	binary.BigEndian.PutUint32(chunk[8:], ppm)
	binary.BigEndian.PutUint32(chunk[12:], ppm)
	chunk[16] = 1 // the unit is the metre
	binary.BigEndian.PutUint32(chunk[17:], crc32.ChecksumIEEE(chunk[4:17]))
	return chunk
}

package storage

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"sync"

	"cmocoder.org/cmocoder/coding"
)

// Boxes are stored per page in one BLOB, losslessly: Page returns exactly
// the float32 values AddDocument was given.
//
// Format 1: one byte 0x01, then a raw DEFLATE stream of
//
//	uvarint n (the number of boxes)
//	n values dx0[i] = x0[i] − x1[i−1]   (x1[−1] = 0)
//	n values w[i]   = x1[i] − x0[i]
//	n values dy0[i] = y0[i] − y0[i−1]   (y0[−1] = 0)
//	n values h[i]   = y1[i] − y0[i]
//
// where every coordinate is its float32 bit pattern read as a uint32, the
// differences are taken modulo 2³² and read as int32, and each is written
// as a zig-zag uvarint. Glyphs on a line share y0 and the next glyph starts
// where the last one ended, so the differences are small; splitting them
// into four streams lets DEFLATE see the repeats. On real article pages
// this takes about 3.5 bytes a code point (against 16 raw, 7.3 raw +
// DEFLATE); see TestBoxEncodingRealPage.
const boxFormat1 = 1

// encodeBoxes encodes a page's boxes; nil for a page without boxes.
func encodeBoxes(boxes []coding.Box) []byte {
	if len(boxes) == 0 {
		return nil
	}
	n := len(boxes)
	raw := make([]byte, 0, binary.MaxVarintLen64+4*2*n)
	raw = binary.AppendUvarint(raw, uint64(n))
	var prev uint32
	for _, b := range boxes { // dx0
		x0 := math.Float32bits(b.X0)
		raw = appendZigzag(raw, x0-prev)
		prev = math.Float32bits(b.X1)
	}
	for _, b := range boxes { // w
		raw = appendZigzag(raw, math.Float32bits(b.X1)-math.Float32bits(b.X0))
	}
	prev = 0
	for _, b := range boxes { // dy0
		y0 := math.Float32bits(b.Y0)
		raw = appendZigzag(raw, y0-prev)
		prev = y0
	}
	for _, b := range boxes { // h
		raw = appendZigzag(raw, math.Float32bits(b.Y1)-math.Float32bits(b.Y0))
	}
	var out bytes.Buffer
	out.Grow(len(raw)/2 + 16)
	out.WriteByte(boxFormat1)
	w := flateWriters.Get().(*flate.Writer)
	w.Reset(&out)
	w.Write(raw) // a bytes.Buffer does not fail
	w.Close()
	flateWriters.Put(w)
	return out.Bytes()
}

// flateWriters keeps DEFLATE compressors for reuse: making one allocates
// about a megabyte, more than compressing a page costs. Level 4 is the
// one for boxes: on a real page (TestBoxEncodingRealPage) it takes 3.76
// bytes a code point against 3.67 at the default level 6, in 0.78 ms
// instead of 1.40 (2026-12-03); the default level's DEFLATE was 7 % of the
// CPU time of adding the shared PDFs. Level 1 is faster still (0.38 ms)
// but takes 5.4 bytes.
const boxLevel = 4

var flateWriters = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(nil, boxLevel) // the level is valid: no error
	return w
}}

func appendZigzag(b []byte, d uint32) []byte {
	v := int32(d)
	return binary.AppendUvarint(b, uint64(uint32(v<<1)^uint32(v>>31)))
}

var errBadBoxes = errors.New("unreadable character boxes")

// decodeBoxes decodes what encodeBoxes made; want is the number of boxes
// the page's text calls for.
func decodeBoxes(data []byte, want int) ([]coding.Box, error) {
	if len(data) == 0 {
		return nil, nil
	}
	if data[0] != boxFormat1 {
		return nil, fmt.Errorf("%w (format %d)", errBadBoxes, data[0])
	}
	raw, err := io.ReadAll(flate.NewReader(bytes.NewReader(data[1:])))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errBadBoxes, err)
	}
	r := bytes.NewReader(raw)
	n, err := binary.ReadUvarint(r)
	if err != nil || n != uint64(want) {
		return nil, fmt.Errorf("%w: %d boxes for %s", errBadBoxes, n, coding.Count(want, "character"))
	}
	boxes := make([]coding.Box, n)
	next := func() (uint32, error) {
		u, err := binary.ReadUvarint(r)
		if err != nil || u > math.MaxUint32 {
			return 0, fmt.Errorf("%w: truncated", errBadBoxes)
		}
		v := uint32(u)
		return (v >> 1) ^ -(v & 1), nil
	}
	dx0 := make([]uint32, n)
	for i := range dx0 {
		d, err := next()
		if err != nil {
			return nil, err
		}
		dx0[i] = d
	}
	var x1 uint32 // x1 of the box before
	for i := range boxes {
		w, err := next()
		if err != nil {
			return nil, err
		}
		x0 := x1 + dx0[i]
		x1 = x0 + w
		boxes[i].X0 = math.Float32frombits(x0)
		boxes[i].X1 = math.Float32frombits(x1)
	}
	var prev uint32
	for i := range boxes {
		d, err := next()
		if err != nil {
			return nil, err
		}
		prev += d
		boxes[i].Y0 = math.Float32frombits(prev)
	}
	for i := range boxes {
		h, err := next()
		if err != nil {
			return nil, err
		}
		boxes[i].Y1 = math.Float32frombits(math.Float32bits(boxes[i].Y0) + h)
	}
	if r.Len() != 0 {
		return nil, fmt.Errorf("%w: %s too many", errBadBoxes, coding.Count(r.Len(), "byte"))
	}
	return boxes, nil
}

package pdfview

import (
	"context"
	"encoding/binary"
	"errors"
	"math"
	"reflect"

	"cmocoder.org/cmocoder/coding"
	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/references"
)

// Direct calls for the two questions asked of every character.
//
// Through go-pdfium, FPDFText_GetLooseCharBox is four WebAssembly calls
// (malloc, memset, the call, free) plus a map lookup of the text page by
// its string reference, a mutex and a deferred recover; GetUnicode is one
// call with the same wrapping. On the corpus these wrappers cost more Go
// time than the calls themselves. wasmDirect calls the same exported
// PDFium functions on the same instance and the same text page, with the
// same arguments, into one rectangle buffer allocated once per page, and
// decodes the results exactly as go-pdfium does (TestExtractGolden pins
// the output bit for bit). Only the per-character calls (GetUnicode,
// GetLooseCharBox, GetCharBox, IsGenerated, IsHyphen) go this way;
// everything else still goes through go-pdfium.
//
// go-pdfium does not export what this needs (the instance's module and the
// text page's pointer in WebAssembly memory), so it is reached by
// reflection on the implementation behind Pdfium.GetImplementation. If any
// of it is missing (another go-pdfium version, another runtime), newDirect
// returns nil and extraction takes the ordinary path.
//
// Like go-pdfium's own calls, these run on the goroutine that owns the
// instance (Engine never shares one); Kill closing the module under them
// makes the call fail, as it does through go-pdfium.

type wasmFunc interface {
	CallWithStack(ctx context.Context, stack []uint64) error
}

type wasmMemory interface {
	Read(offset, byteCount uint32) ([]byte, bool)
	Write(offset uint32, v []byte) bool
}

type wasmDirect struct {
	impl         reflect.Value // *PdfiumImplementation
	ctx          context.Context
	mem          wasmMemory
	getUnicode   wasmFunc
	getLooseBox  wasmFunc
	getCharBox   wasmFunc
	isGenerated  wasmFunc
	isHyphen     wasmFunc
	malloc, free wasmFunc
	stack        [8]uint64

	// inst is the instance; helper and chars, charsModule linked to it
	// (wasmbatch.go), made at the first text page and closed by close.
	inst   pdfium.Pdfium
	linked bool
	helper interface{ Close(context.Context) error }
	chars  wasmFunc
}

// newDirect finds what the direct calls need, or returns nil.
func newDirect(inst pdfium.Pdfium) *wasmDirect {
	d := fromWasm(inst, findDirect)
	if d != nil {
		d.inst = inst
	}
	return d
}

// close closes what d made beside PDFium (nil: nothing to close).
func (d *wasmDirect) close() {
	if d != nil && d.helper != nil {
		_ = d.helper.Close(d.ctx)
		d.helper, d.chars = nil, nil
	}
}

// link links charsModule to the instance, once; d.chars stays nil if it
// cannot be.
func (d *wasmDirect) link() {
	if d.linked {
		return
	}
	d.linked = true
	if helper, chars := linkChars(d.ctx, d.inst); helper != nil {
		d.helper, d.chars = helper, chars
	}
}

func findDirect(v reflect.Value) *wasmDirect {
	if !v.MethodByName("Fn").IsValid() {
		return nil
	}
	get := (&wasmDirect{impl: v}).lookup
	d := &wasmDirect{impl: v,
		getUnicode: get("FPDFText_GetUnicode"), getLooseBox: get("FPDFText_GetLooseCharBox"),
		getCharBox: get("FPDFText_GetCharBox"), isGenerated: get("FPDFText_IsGenerated"),
		isHyphen: get("FPDFText_IsHyphen"), malloc: get("malloc"), free: get("free")}
	if d.getUnicode == nil || d.getLooseBox == nil || d.getCharBox == nil || d.isGenerated == nil ||
		d.isHyphen == nil || d.malloc == nil || d.free == nil {
		return nil
	}
	ctx, ok := v.Elem().FieldByName("Context").Interface().(context.Context)
	if !ok {
		return nil
	}
	d.ctx = ctx
	if d.mem, ok = moduleMemory(v); !ok {
		return nil
	}
	return d
}

// wasmInstance is the value behind inst when it is go-pdfium's WebAssembly
// instance (a pointer to a struct), whose methods and fields the direct
// calls and the memory accounting read by reflection; ok is false for any
// other implementation.
func wasmInstance(inst pdfium.Pdfium) (v reflect.Value, ok bool) {
	v = reflect.ValueOf(inst.GetImplementation())
	return v, v.Kind() == reflect.Pointer && v.Elem().Kind() == reflect.Struct
}

// fromWasm is what find makes of inst's WebAssembly instance
// (wasmInstance): the zero T when inst is not one, and when reading it by
// reflection panics (a go-pdfium whose insides have changed).
func fromWasm[T any](inst pdfium.Pdfium, find func(v reflect.Value) T) (t T) {
	defer func() {
		if recover() != nil {
			var zero T
			t = zero
		}
	}()
	v, ok := wasmInstance(inst)
	if !ok {
		return t
	}
	return find(v)
}

// moduleMemory is the linear memory of the WebAssembly module of
// instance v (from wasmInstance).
func moduleMemory(v reflect.Value) (wasmMemory, bool) {
	mod := v.Elem().FieldByName("Module")
	if !mod.IsValid() || mod.IsNil() {
		return nil, false
	}
	mem, ok := mod.MethodByName("Memory").Call(nil)[0].Interface().(wasmMemory)
	return mem, ok
}

// lookup finds an exported PDFium function by name, or returns nil.
func (d *wasmDirect) lookup(name string) wasmFunc {
	out := d.impl.MethodByName("Fn").Call([]reflect.Value{reflect.ValueOf(name)})
	if len(out) != 1 || out[0].IsNil() {
		return nil
	}
	f, _ := out[0].Interface().(wasmFunc)
	return f
}

// textPage is the WebAssembly pointer of a text page go-pdfium opened.
func (d *wasmDirect) textPage(tp references.FPDF_TEXTPAGE) (uint64, bool) {
	return d.handle("textPageRefs", tp)
}

// handle is the WebAssembly pointer behind one of go-pdfium's references:
// refs names the implementation's map for its kind (textPageRefs,
// pageRefs, documentRefs), whose values all hold it in a field "handle".
func (d *wasmDirect) handle(refs string, ref any) (_ uint64, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	m := d.impl.Elem().FieldByName(refs)
	if m.Kind() != reflect.Map {
		return 0, false
	}
	h := m.MapIndex(reflect.ValueOf(ref))
	if !h.IsValid() || h.IsNil() {
		return 0, false
	}
	p := h.Elem().FieldByName("handle")
	if p.Kind() != reflect.Pointer || p.IsNil() {
		return 0, false
	}
	return p.Elem().Uint(), true
}

func (d *wasmDirect) call(f wasmFunc, args ...uint64) (uint64, error) {
	copy(d.stack[:], args)
	if err := f.CallWithStack(d.ctx, d.stack[:]); err != nil {
		return 0, err
	}
	return d.stack[0], nil
}

// directSource answers buildPageText's questions with direct calls.
type directSource struct {
	n   int
	d   *wasmDirect
	tp  uint64 // the text page in WebAssembly memory
	buf uint64 // 48 bytes: an FS_RECTF (16), then four doubles (32)
	// read holds every character's code and loose box when charsModule
	// could ask for them in one call (wasmbatch.go).
	read *charsRead
}

// newDirectSource allocates the rectangle buffer; release frees it.
func (d *wasmDirect) source(src *textPageSource) (*directSource, error) {
	tp, ok := d.textPage(src.tp)
	if !ok {
		return nil, errors.New("text page not found")
	}
	buf, err := d.call(d.malloc, 48)
	if err != nil {
		return nil, err
	}
	if buf == 0 {
		return nil, errors.New("could not allocate memory")
	}
	ds := &directSource{n: src.n, d: d, tp: tp, buf: buf}
	d.link()
	if d.chars != nil {
		// A failed batch leaves every question to its own call, which
		// then fails (or not) as it always did.
		ds.read, _ = d.readChars(tp, src.n)
	}
	return ds, nil
}

func (s *directSource) release() { _, _ = s.d.call(s.d.free, s.buf) }

func (s *directSource) count() int { return s.n }

func (s *directSource) unicode(i int) (rune, error) {
	if s.read != nil {
		return s.read.codes[i], nil
	}
	r, err := s.d.call(s.d.getUnicode, s.tp, uint64(i))
	if err != nil {
		return 0, err
	}
	// go-pdfium reads the result as a uint and we convert that to a rune.
	return rune(uint(r)), nil
}

func (s *directSource) box(i int) (coding.Box, error) {
	if s.read != nil {
		if !s.read.ok[i] {
			return coding.Box{}, errors.New("could not get loose char box")
		}
		return s.read.boxes[i], nil
	}
	ok, err := s.d.call(s.d.getLooseBox, s.tp, uint64(i), s.buf)
	if err != nil {
		return coding.Box{}, err
	}
	if int32(ok) == 0 {
		return coding.Box{}, errors.New("could not get loose char box")
	}
	b, found := s.d.mem.Read(uint32(s.buf), 16)
	if !found {
		return coding.Box{}, errors.New("could not read float data from memory")
	}
	f := func(k int) float32 { return math.Float32frombits(binary.LittleEndian.Uint32(b[4*k:])) }
	left, top, right, bottom := f(0), f(1), f(2), f(3)
	return normBox(left, bottom, right, top), nil
}

// tight is FPDFText_GetCharBox: left, right, bottom, top as doubles.
func (s *directSource) tight(i int) (coding.Box, error) {
	p := s.buf + 16
	ok, err := s.d.call(s.d.getCharBox, s.tp, uint64(i), p, p+8, p+16, p+24)
	if err != nil {
		return coding.Box{}, err
	}
	if int32(ok) == 0 {
		return coding.Box{}, errors.New("could not get char box")
	}
	b, found := s.d.mem.Read(uint32(p), 32)
	if !found {
		return coding.Box{}, errors.New("could not read double data from memory")
	}
	f := func(k int) float64 { return math.Float64frombits(binary.LittleEndian.Uint64(b[8*k:])) }
	left, right, bottom, top := f(0), f(1), f(2), f(3)
	return normBox(float32(left), float32(bottom), float32(right), float32(top)), nil
}

// flag is FPDFText_IsGenerated or IsHyphen: 1 yes, 0 no, -1 an error.
func (s *directSource) flag(f wasmFunc, i int) (bool, error) {
	r, err := s.d.call(f, s.tp, uint64(i))
	if err != nil {
		return false, err
	}
	if int32(r) == -1 {
		return false, errors.New("could not get the character's flag")
	}
	return int32(r) == 1, nil
}

func (s *directSource) generated(i int) (bool, error) { return s.flag(s.d.isGenerated, i) }
func (s *directSource) hyphen(i int) (bool, error)    { return s.flag(s.d.isHyphen, i) }

package pdfview

import (
	"context"
	"encoding/binary"
	"errors"
	"math"
	"reflect"
	"sync"
	"unsafe"

	"cmocoder.org/cmocoder/coding"
	"github.com/klippa-app/go-pdfium"
	"github.com/samyfodil/wazy"
	"github.com/samyfodil/wazy/api"
)

// Every character's code and loose box in one call.
//
// buildPageText asks PDFium two questions of every character
// (FPDFText_GetUnicode, FPDFText_GetLooseCharBox), and each call from Go
// into WebAssembly costs ~85 ns of wazy's own work (entering compiled
// code, registering the call with the runtime's collector): on 100 papers
// 1.4 s of 13 s of CPU, more than the questions themselves. charsModule is
// a WebAssembly module of one function that asks both questions of every
// character of a text page, calling PDFium's exports from inside
// WebAssembly, and writes the answers into PDFium's memory: one call a
// page. It is linked to one PDFium instance at a time (wazy's import
// resolver), so it sees that instance's memory and nothing else.
//
// go-pdfium does not hand out the runtime and module it made, so they are
// read from its pool and instance by reflection, as the direct calls read
// the text page's pointer (wasmtext.go). If anything is missing, the
// characters are asked one call at a time as before (TestCharsModule makes
// sure the batch is what runs).

// charsSlot is the bytes a character takes in chars' output: its code
// (uint32), 1 if PDFium gave a loose box (int32), and the box as an
// FS_RECTF (left, top, right, bottom: float32).
const charsSlot = 24

// charsModule is chars(tp, n, out) in WebAssembly's binary format:
//
//	for i := 0; i < n; i++ {
//		p := out + 24*i
//		mem[p] = FPDFText_GetUnicode(tp, i)
//		mem[p+4] = FPDFText_GetLooseCharBox(tp, i, p+8)
//	}
var charsModule = wasmModule(
	// types: 0 (i32 i32)→i32, 1 (i32 i32 i32)→i32, 2 (i32 i32 i32)→()
	section(1, vec(3,
		[]byte{0x60, 2, i32, i32, 1, i32},
		[]byte{0x60, 3, i32, i32, i32, 1, i32},
		[]byte{0x60, 3, i32, i32, i32, 0})),
	// imports: functions 0 and 1 and the memory, from PDFium
	section(2, vec(3,
		wasmImport("FPDFText_GetUnicode", 0x00, 0),
		wasmImport("FPDFText_GetLooseCharBox", 0x00, 1),
		wasmImport("memory", 0x02, 0x00, 0))), // limits: no maximum, at least 0 pages
	section(3, vec(1, []byte{2})), // function 2 has type 2
	section(7, vec(1, append(wasmName("chars"), 0x00, 2))),
	section(10, vec(1, wasmBody(
		[]byte{1, 2, i32}, // locals 3 (i) and 4 (p); 0, 1, 2 are tp, n, out
		[]byte{
			0x02, 0x40, // block
			0x03, 0x40, // loop
			0x20, 3, 0x20, 1, 0x4f, 0x0d, 1, // if i >= n (unsigned): break
			0x20, 2, 0x20, 3, 0x41, charsSlot, 0x6c, 0x6a, 0x22, 4, // p = out + 24*i (kept on the stack)
			0x20, 0, 0x20, 3, 0x10, 0, // FPDFText_GetUnicode(tp, i)
			0x36, 2, 0, // i32.store at p
			0x20, 4, // p
			0x20, 0, 0x20, 3, 0x20, 4, 0x41, 8, 0x6a, 0x10, 1, // FPDFText_GetLooseCharBox(tp, i, p+8)
			0x36, 2, 4, // i32.store at p+4
			0x20, 3, 0x41, 1, 0x6a, 0x21, 3, // i++
			0x0c, 0, // continue
			0x0b, // end loop
			0x0b, // end block
			0x0b, // end function
		}))),
)

const i32 = 0x7f

func wasmModule(sections ...[]byte) []byte {
	m := []byte{0x00, 'a', 's', 'm', 1, 0, 0, 0}
	for _, s := range sections {
		m = append(m, s...)
	}
	return m
}

func section(id byte, content []byte) []byte {
	return append(binary.AppendUvarint([]byte{id}, uint64(len(content))), content...)
}

func vec(n int, items ...[]byte) []byte {
	v := binary.AppendUvarint(nil, uint64(n))
	for _, it := range items {
		v = append(v, it...)
	}
	return v
}

func wasmName(s string) []byte { return append(binary.AppendUvarint(nil, uint64(len(s))), s...) }

func wasmImport(name string, desc ...byte) []byte {
	return append(append(wasmName("pdfium"), wasmName(name)...), desc...)
}

func wasmBody(locals, code []byte) []byte {
	b := append(locals, code...)
	return append(binary.AppendUvarint(nil, uint64(len(b))), b...)
}

// charsModules holds charsModule compiled in the runtime of each engine's
// pool: NewEngine compiles it, Close drops it.
var charsModules sync.Map // wazy.Runtime → wazy.CompiledModule

// compileChars compiles charsModule in pool's runtime. It is not an error
// when it cannot: the characters are then asked one at a time.
func compileChars(pool pdfium.Pool) (rt wazy.Runtime) {
	rt, _ = unexported[wazy.Runtime](reflect.ValueOf(pool), "runtime")
	if rt == nil {
		return nil
	}
	cm, err := rt.CompileModule(context.Background(), charsModule)
	if err != nil {
		return nil
	}
	charsModules.Store(rt, cm)
	return rt
}

// dropChars forgets what compileChars compiled in rt (nil: nothing).
func dropChars(rt wazy.Runtime) {
	if rt == nil {
		return
	}
	if cm, ok := charsModules.LoadAndDelete(rt); ok {
		_ = cm.(wazy.CompiledModule).Close(context.Background())
	}
}

// unexported reads the field name, of type T, of the struct v points to,
// exported or not; ok is false when there is no such field.
func unexported[T any](v reflect.Value, name string) (t T, ok bool) {
	defer func() {
		if recover() != nil {
			var zero T
			t, ok = zero, false
		}
	}()
	for v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	f := v.FieldByName(name)
	if !f.IsValid() || !f.CanAddr() {
		return t, false
	}
	t, ok = reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem().Interface().(T)
	return t, ok
}

// linkChars instantiates charsModule against inst's PDFium module, or
// returns nil, nil when that cannot be done (see the file comment).
func linkChars(ctx context.Context, inst pdfium.Pdfium) (api.Module, api.Function) {
	v := reflect.ValueOf(inst)
	pool, ok := unexported[any](v, "pool")
	if !ok {
		return nil, nil
	}
	rt, _ := unexported[wazy.Runtime](reflect.ValueOf(pool), "runtime")
	worker, ok := unexported[any](v, "worker")
	if rt == nil || !ok {
		return nil, nil
	}
	mod, _ := unexported[api.Module](reflect.ValueOf(worker), "Module")
	cm, ok := charsModules.Load(rt)
	if mod == nil || !ok {
		return nil, nil
	}
	ctx = api.WithImportResolver(ctx, func(name string) api.Module {
		if name == "pdfium" {
			return mod
		}
		return nil
	})
	helper, err := rt.InstantiateModule(ctx, cm.(wazy.CompiledModule), wazy.NewModuleConfig().WithName(""))
	if err != nil {
		return nil, nil
	}
	chars := helper.ExportedFunction("chars")
	if chars == nil {
		_ = helper.Close(ctx)
		return nil, nil
	}
	return helper, chars
}

// charsRead is what chars answered for a text page.
type charsRead struct {
	codes []rune
	boxes []coding.Box
	ok    []bool // PDFium gave a loose box
}

// readChars asks chars for the n characters of the text page at tp.
func (d *wasmDirect) readChars(tp uint64, n int) (*charsRead, error) {
	if d.chars == nil {
		return nil, errors.New("no batch function")
	}
	if n == 0 {
		return &charsRead{}, nil
	}
	out, err := d.call(d.malloc, uint64(n*charsSlot))
	if err != nil {
		return nil, err
	}
	if out == 0 {
		return nil, errors.New("could not allocate memory")
	}
	defer d.call(d.free, out)
	if _, err := d.call(d.chars, tp, uint64(n), out); err != nil {
		return nil, err
	}
	// Read now: memory that grows later may move.
	b, found := d.mem.Read(uint32(out), uint32(n*charsSlot))
	if !found {
		return nil, errors.New("could not read the characters from memory")
	}
	r := &charsRead{codes: make([]rune, n), boxes: make([]coding.Box, n), ok: make([]bool, n)}
	f := func(p []byte) float32 { return math.Float32frombits(binary.LittleEndian.Uint32(p)) }
	for i := range n {
		s := b[i*charsSlot : (i+1)*charsSlot]
		r.codes[i] = rune(binary.LittleEndian.Uint32(s))
		if r.ok[i] = int32(binary.LittleEndian.Uint32(s[4:])) != 0; r.ok[i] {
			left, top, right, bottom := f(s[8:]), f(s[12:]), f(s[16:]), f(s[20:])
			r.boxes[i] = normBox(left, bottom, right, top)
		}
	}
	return r, nil
}

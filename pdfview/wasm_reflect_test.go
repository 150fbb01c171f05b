package pdfview

import (
	"context"
	"reflect"
	"testing"

	"github.com/klippa-app/go-pdfium"
)

// TestFromWasm: the memory accounting and the direct calls both find what
// they need in go-pdfium's WebAssembly instance, and a reading that panics
// (a go-pdfium whose insides have changed) finds nothing instead.
func TestFromWasm(t *testing.T) {
	err := testEngine(t).run(context.Background(), func(_ context.Context, inst pdfium.Pdfium) error {
		if memoryOf(inst) == nil {
			t.Error("memoryOf: no memory found")
		}
		if newDirect(inst) == nil {
			t.Error("newDirect: no direct calls found")
		}
		got := fromWasm(inst, func(v reflect.Value) *wasmDirect {
			v.FieldByName("no such field").Interface()
			return &wasmDirect{}
		})
		if got != nil {
			t.Errorf("fromWasm after a panic = %v, want nil", got)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

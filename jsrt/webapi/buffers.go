package webapi

import (
	"reflect"
	"sync"
	"unsafe"

	"github.com/dop251/goja"
)

// bufferIntrinsics are DataView's getters, looked up on the first
// DataView a method receives (goja builds DataView on first use, which
// costs more than all the rest of Install). Reading them late is safe: they
// are only ever called with the caller's own object, and what they return
// is bounds-checked.
type bufferIntrinsics struct {
	dvBuffer, dvOffset, dvSize goja.Callable
}

func (w *web) dataViewGetters() *bufferIntrinsics {
	if w.buf != nil {
		return w.buf
	}
	vm := w.vm
	b := &bufferIntrinsics{}
	w.buf = b
	dv, ok := vm.Get("DataView").(*goja.Object)
	if !ok {
		return b
	}
	gopd, ok := goja.AssertFunction(vm.Get("Object").ToObject(vm).Get("getOwnPropertyDescriptor"))
	if !ok {
		return b
	}
	proto, ok := dv.Get("prototype").(*goja.Object)
	if !ok {
		return b
	}
	getter := func(name string) goja.Callable {
		d, err := gopd(goja.Undefined(), proto, vm.ToValue(name))
		if err != nil {
			return nil
		}
		do, ok := d.(*goja.Object)
		if !ok {
			return nil
		}
		f, _ := goja.AssertFunction(do.Get("get"))
		return f
	}
	b.dvBuffer, b.dvOffset, b.dvSize = getter("buffer"), getter("byteOffset"), getter("byteLength")
	return b
}

// iteratorPrototype is %IteratorPrototype%, the prototype of the iterators
// made here.
func (w *web) iteratorPrototype() *goja.Object {
	if w.iteratorProto == nil {
		it, err := w.arrayValues(w.vm.NewArray())
		if err != nil {
			panic(err)
		}
		w.iteratorProto = it.ToObject(w.vm).Prototype().Prototype()
	}
	return w.iteratorProto
}

var (
	uint8sType      = reflect.TypeOf([]uint8(nil))
	arrayBufferType = reflect.TypeOf(goja.ArrayBuffer{})
)

// typedArrays are the types goja exports typed arrays as, and whether they
// hold integers. Nothing else a program can make exports as one of these
// (a JavaScript array exports as []any). The map is made on first use.
var typedArrays = sync.OnceValue(func() map[reflect.Type]bool {
	return map[reflect.Type]bool{
		reflect.TypeOf([]int8(nil)): true, uint8sType: true,
		reflect.TypeOf([]int16(nil)): true, reflect.TypeOf([]uint16(nil)): true,
		reflect.TypeOf([]int32(nil)): true, reflect.TypeOf([]uint32(nil)): true,
		reflect.TypeOf([]int64(nil)): true, reflect.TypeOf([]uint64(nil)): true,
		reflect.TypeOf([]float32(nil)): false, reflect.TypeOf([]float64(nil)): false,
	}
})

// typedArray tells whether o is a typed array, and whether of integers,
// without calling anything user code could have replaced. Uint8Array and
// Uint8ClampedArray look alike here.
func typedArray(o *goja.Object) (isTyped, integers bool) {
	integers, isTyped = typedArrays()[o.ExportType()]
	return isTyped, integers
}

// bytesOf returns the bytes a BufferSource (ArrayBuffer, typed array or
// DataView) views, sharing its memory. uint8Only accepts only a
// Uint8Array (or Uint8ClampedArray).
func (w *web) bytesOf(v goja.Value, uint8Only bool) ([]byte, bool) {
	o, ok := v.(*goja.Object)
	if !ok {
		return nil, false
	}
	if isTyped, _ := typedArray(o); isTyped {
		if uint8Only && o.ExportType() != uint8sType {
			return nil, false
		}
		return sliceBytes(o.Export())
	}
	if uint8Only {
		return nil, false
	}
	if o.ExportType() == arrayBufferType {
		return o.Export().(goja.ArrayBuffer).Bytes(), true
	}
	g := w.dataViewGetters()
	if g.dvBuffer == nil || g.dvOffset == nil || g.dvSize == nil {
		return nil, false
	}
	buf, err := g.dvBuffer(o)
	if err != nil {
		return nil, false // not a DataView
	}
	ab, ok := buf.Export().(goja.ArrayBuffer)
	if !ok {
		return nil, false
	}
	off, err1 := g.dvOffset(o)
	n, err2 := g.dvSize(o)
	if err1 != nil || err2 != nil {
		return nil, false
	}
	b := ab.Bytes()
	lo, size := int(off.ToInteger()), int(n.ToInteger())
	if lo < 0 || size < 0 || lo+size > len(b) {
		return nil, false
	}
	return b[lo : lo+size], true
}

// sliceBytes views the memory of an exported typed array as bytes.
func sliceBytes(x any) ([]byte, bool) {
	rv := reflect.ValueOf(x)
	if rv.Kind() != reflect.Slice {
		return nil, false
	}
	n := rv.Len() * int(rv.Type().Elem().Size())
	if n == 0 {
		return []byte{}, true
	}
	return unsafe.Slice((*byte)(rv.UnsafePointer()), n), true
}

package webapi

import (
	"reflect"
	"unsafe"

	"github.com/dop251/goja"
)

// bufferIntrinsics are the getters that tell typed arrays and DataViews
// apart, captured at Install so that user code cannot redefine them.
type bufferIntrinsics struct {
	typedArrayTag              goja.Callable // %TypedArray%.prototype[@@toStringTag]
	dvBuffer, dvOffset, dvSize goja.Callable // DataView.prototype.buffer/byteOffset/byteLength
}

func (w *web) captureBufferIntrinsics() error {
	vm := w.vm
	gopd, ok := goja.AssertFunction(vm.Get("Object").ToObject(vm).Get("getOwnPropertyDescriptor"))
	if !ok {
		return errNotFunction("Object.getOwnPropertyDescriptor")
	}
	getter := func(o *goja.Object, key goja.Value, name string) (goja.Callable, error) {
		d, err := gopd(goja.Undefined(), o, key)
		if err != nil {
			return nil, err
		}
		f, ok := goja.AssertFunction(d.ToObject(vm).Get("get"))
		if !ok {
			return nil, errNotFunction(name)
		}
		return f, nil
	}
	taProto := w.uint8ArrayCtor.Get("prototype").ToObject(vm).Prototype()
	dvProto := vm.Get("DataView").ToObject(vm).Get("prototype").ToObject(vm)
	var err error
	if w.buf.typedArrayTag, err = getter(taProto, goja.SymToStringTag, "%TypedArray%.prototype[@@toStringTag]"); err != nil {
		return err
	}
	if w.buf.dvBuffer, err = getter(dvProto, vm.ToValue("buffer"), "DataView.prototype.buffer"); err != nil {
		return err
	}
	if w.buf.dvOffset, err = getter(dvProto, vm.ToValue("byteOffset"), "DataView.prototype.byteOffset"); err != nil {
		return err
	}
	w.buf.dvSize, err = getter(dvProto, vm.ToValue("byteLength"), "DataView.prototype.byteLength")
	return err
}

// typedArrayName is the typed array's constructor name ("Uint8Array"), or
// "" when o is no typed array.
func (w *web) typedArrayName(o *goja.Object) string {
	v, err := w.buf.typedArrayTag(o)
	if err != nil || goja.IsUndefined(v) {
		return ""
	}
	return v.String()
}

func (w *web) isUint8Array(o *goja.Object) bool { return w.typedArrayName(o) == "Uint8Array" }

var arrayBufferType = reflect.TypeOf(goja.ArrayBuffer{})

// bytesOf returns the bytes a BufferSource (ArrayBuffer, typed array or
// DataView) views, sharing its memory. uint8Only accepts only a
// Uint8Array.
func (w *web) bytesOf(v goja.Value, uint8Only bool) ([]byte, bool) {
	o, ok := v.(*goja.Object)
	if !ok {
		return nil, false
	}
	if name := w.typedArrayName(o); name != "" {
		if uint8Only && name != "Uint8Array" {
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
	buf, err := w.buf.dvBuffer(o)
	if err != nil {
		return nil, false // not a DataView
	}
	ab, ok := buf.Export().(goja.ArrayBuffer)
	if !ok {
		return nil, false
	}
	off, err1 := w.buf.dvOffset(o)
	n, err2 := w.buf.dvSize(o)
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

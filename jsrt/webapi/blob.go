package webapi

import (
	"strings"

	"github.com/dop251/goja"
)

type blobState struct {
	data []byte // never changed once made: slices share it
	typ  string
}

func (w *web) blobOf(v goja.Value) *blobState {
	b, ok := w.stateOf(v).(*blobState)
	if !ok {
		panic(w.invalidThis("Blob"))
	}
	return b
}

// blobType normalizes a Blob's type: lower case, or "" when it has a
// character outside U+0020–U+007E.
func blobType(s string) string {
	for _, r := range s {
		if r < 0x20 || r > 0x7E {
			return ""
		}
	}
	return strings.ToLower(s)
}

// blobClass builds Blob: bytes made of strings (UTF-8), buffers and other
// Blobs, read back with text, arrayBuffer and bytes.
func (w *web) blobClass() *class {
	if w.blob != nil {
		return w.blob
	}
	vm := w.vm
	c := w.newClass("Blob", 0, nil, func(call goja.ConstructorCall) *goja.Object {
		st := &blobState{}
		if parts := call.Argument(0); !goja.IsUndefined(parts) {
			o, ok := parts.(*goja.Object)
			var iter goja.Value
			if ok {
				iter = o.GetSymbol(goja.SymIterator)
			}
			if _, callable := goja.AssertFunction(iter); !callable {
				panic(w.nodeError(w.typeErrorCtor, "ERR_INVALID_ARG_TYPE", "Value cannot be converted to sequence."))
			}
			var data []byte
			vm.ForOf(o, func(part goja.Value) bool {
				if b, ok := w.stateOf(part).(*blobState); ok {
					data = append(data, b.data...)
				} else if bytes, ok := w.bytesOf(part, false); ok {
					data = append(data, bytes...)
				} else {
					data = append(data, toUSV(w.str(part))...)
				}
				return true
			})
			st.data = data
		}
		if o, ok := call.Argument(1).(*goja.Object); ok {
			if t := o.Get("type"); t != nil && !goja.IsUndefined(t) {
				st.typ = blobType(w.str(t))
			}
			if e := o.Get("endings"); e != nil && !goja.IsUndefined(e) {
				// "native" would turn \n into the platform's newline,
				// which is \n here: both values leave the bytes alone.
				if s := w.str(e); s != "transparent" && s != "native" {
					panic(w.nodeError(w.typeErrorCtor, "ERR_INVALID_ARG_VALUE", "The property 'options.endings' is invalid. Received '"+s+"'"))
				}
			}
		}
		w.bind(call.This, st)
		return nil
	})
	w.blob = c
	p := c.proto
	w.accessor(p, "type", func(call goja.FunctionCall) goja.Value { return vm.ToValue(w.blobOf(call.This).typ) }, nil)
	w.accessor(p, "size", func(call goja.FunctionCall) goja.Value { return vm.ToValue(len(w.blobOf(call.This).data)) }, nil)
	w.method(p, "slice", 0, func(call goja.FunctionCall) goja.Value {
		b := w.blobOf(call.This)
		n := int64(len(b.data))
		clamp := func(v goja.Value, def int64) int64 {
			if goja.IsUndefined(v) {
				return def
			}
			i := v.ToInteger()
			if i < 0 {
				i = max(n+i, 0)
			}
			return min(i, n)
		}
		start, end := clamp(call.Argument(0), 0), clamp(call.Argument(1), n)
		typ := ""
		if t := call.Argument(2); !goja.IsUndefined(t) {
			typ = blobType(w.str(t))
		}
		o := vm.CreateObject(c.proto)
		st := &blobState{typ: typ}
		if start < end {
			st.data = b.data[start:end:end]
		}
		w.bind(o, st)
		return o
	})
	promise := func(f func(b *blobState) goja.Value) func(goja.FunctionCall) goja.Value {
		return func(call goja.FunctionCall) goja.Value {
			p, resolve, reject := vm.NewPromise()
			if b, ok := w.stateOf(call.This).(*blobState); ok {
				must(resolve(f(b)))
			} else { // as in Node: a rejection, not an exception
				must(reject(w.invalidThis("Blob")))
			}
			return vm.ToValue(p)
		}
	}
	w.method(p, "arrayBuffer", 0, promise(func(b *blobState) goja.Value {
		return vm.ToValue(vm.NewArrayBuffer(append([]byte(nil), b.data...)))
	}))
	w.method(p, "text", 0, promise(func(b *blobState) goja.Value {
		return vm.ToValue(decodeUTF8(b.data))
	}))
	w.method(p, "bytes", 0, promise(func(b *blobState) goja.Value {
		return w.uint8Array(append([]byte(nil), b.data...))
	}))
	return c
}

package builtins

import (
	"math"

	"github.com/dop251/goja"
)

// installArrayBuffer adds ArrayBuffer.prototype.transfer,
// transferToFixedLength, detached (ES2024), and the resizable-buffer
// accessors and resize as they are for a fixed-length buffer: goja's
// ArrayBuffer cannot grow or shrink in place (its typed arrays keep their
// length), so every buffer is fixed-length, resizable is false,
// maxByteLength is its byteLength and resize throws the TypeError it throws
// in Node for a fixed-length buffer.
func (e *env) installArrayBuffer() error {
	proto := e.vm.Get("ArrayBuffer").ToObject(e.vm).Get("prototype").ToObject(e.vm)
	this := func(v goja.Value, method string) goja.ArrayBuffer {
		if o, ok := v.(*goja.Object); ok {
			if ab, ok := o.Export().(goja.ArrayBuffer); ok {
				return ab
			}
		}
		e.typeError("Method ArrayBuffer.prototype.%s called on incompatible receiver %s", method, describe(v))
		panic("unreachable")
	}
	transfer := func(method string) func(goja.FunctionCall) goja.Value {
		return func(call goja.FunctionCall) goja.Value {
			ab := this(call.This, method)
			n := len(ab.Bytes())
			if arg := call.Argument(0); !goja.IsUndefined(arg) {
				n = e.toIndex(arg)
			}
			if ab.Detached() {
				e.typeError("Cannot perform ArrayBuffer.prototype.%s on a detached ArrayBuffer", method)
			}
			data := make([]byte, n)
			copy(data, ab.Bytes())
			ab.Detach()
			return e.vm.ToValue(e.vm.NewArrayBuffer(data))
		}
	}
	if err := e.method(proto, "transfer", 0, transfer("transfer")); err != nil {
		return err
	}
	if err := e.method(proto, "transferToFixedLength", 0, transfer("transferToFixedLength")); err != nil {
		return err
	}
	if err := e.method(proto, "resize", 1, func(call goja.FunctionCall) goja.Value {
		this(call.This, "resize")
		e.typeError("Method ArrayBuffer.prototype.resize called on incompatible receiver #<ArrayBuffer>")
		return nil
	}); err != nil {
		return err
	}
	if err := e.getter(proto, "detached", func(call goja.FunctionCall) goja.Value {
		return e.vm.ToValue(this(call.This, "detached").Detached())
	}); err != nil {
		return err
	}
	if err := e.getter(proto, "maxByteLength", func(call goja.FunctionCall) goja.Value {
		return e.vm.ToValue(len(this(call.This, "maxByteLength").Bytes()))
	}); err != nil {
		return err
	}
	return e.getter(proto, "resizable", func(call goja.FunctionCall) goja.Value {
		this(call.This, "resizable")
		return e.vm.ToValue(false)
	})
}

// toIndex is the specification's ToIndex.
func (e *env) toIndex(v goja.Value) int {
	f := v.ToFloat()
	if math.IsNaN(f) {
		return 0
	}
	f = math.Trunc(f)
	if f < 0 || f > 1<<53-1 {
		e.rangeError("Invalid array buffer length")
	}
	if f > math.MaxInt32 {
		e.rangeError("Array buffer allocation failed")
	}
	return int(f)
}

// installMath adds Math.f16round (ES2025, in Node 24).
func (e *env) installMath() error {
	return e.method(e.math, "f16round", 1, func(call goja.FunctionCall) goja.Value {
		return e.vm.ToValue(float16ToFloat64(float64ToFloat16(call.Argument(0).ToFloat())))
	})
}

// installDataView adds DataView.prototype.getFloat16 and setFloat16 on top
// of the getUint16 and setUint16 captured at Install, which do the
// receiver, index and bounds checks in the specification's order.
func (e *env) installDataView() error {
	proto := e.vm.Get("DataView").ToObject(e.vm).Get("prototype").ToObject(e.vm)
	getUint16, ok1 := goja.AssertFunction(proto.Get("getUint16"))
	setUint16, ok2 := goja.AssertFunction(proto.Get("setUint16"))
	if !ok1 || !ok2 {
		return nil
	}
	if err := e.method(proto, "getFloat16", 1, func(call goja.FunctionCall) goja.Value {
		v, err := getUint16(call.This, call.Argument(0), call.Argument(1))
		rethrow(err)
		return e.vm.ToValue(float16ToFloat64(uint16(v.ToInteger())))
	}); err != nil {
		return err
	}
	return e.method(proto, "setFloat16", 2, func(call goja.FunctionCall) goja.Value {
		// setUint16 converts the value after the index, as SetViewValue
		// does: hand it an object whose valueOf does the float16 rounding.
		value := call.Argument(1)
		bits := e.vm.NewObject()
		rethrow(bits.DefineDataProperty("valueOf", e.fn("valueOf", 0, func(goja.FunctionCall) goja.Value {
			return e.vm.ToValue(float64ToFloat16(value.ToFloat()))
		}), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE))
		_, err := setUint16(call.This, call.Argument(0), bits, call.Argument(2))
		rethrow(err)
		return goja.Undefined()
	})
}

// float64ToFloat16 rounds f to the nearest IEEE 754 binary16 (ties to
// even), directly from the float64 (rounding through float32 first would
// round twice).
func float64ToFloat16(f float64) uint16 {
	var sign uint16
	if math.Signbit(f) {
		sign = 0x8000
	}
	a := math.Abs(f)
	switch {
	case math.IsNaN(f):
		return 0x7e00
	case a >= 65520: // 65504 + half an ulp rounds to infinity
		return sign | 0x7c00
	case a < 0x1p-14: // subnormal: units of 2^-24
		return sign | uint16(math.RoundToEven(a*0x1p24))
	}
	fr, exp := math.Frexp(a) // a = fr * 2^exp, fr in [0.5, 1)
	exp--                    // a = (2*fr) * 2^exp, 2*fr in [1, 2)
	mant := math.RoundToEven((2*fr - 1) * 1024)
	if mant == 1024 {
		mant = 0
		exp++
	}
	if exp > 15 {
		return sign | 0x7c00
	}
	return sign | uint16(exp+15)<<10 | uint16(mant)
}

func float16ToFloat64(h uint16) float64 {
	sign := 1.0
	if h&0x8000 != 0 {
		sign = -1
	}
	exp := int(h>>10) & 0x1f
	mant := float64(h & 0x3ff)
	switch exp {
	case 0:
		return sign * mant * 0x1p-24
	case 0x1f:
		if mant != 0 {
			return math.NaN()
		}
		return math.Inf(int(sign))
	}
	return sign * (1 + mant/1024) * math.Ldexp(1, exp-15)
}

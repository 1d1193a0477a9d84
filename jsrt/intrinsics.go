package jsrt

import (
	"fmt"
	"strings"

	"github.com/dop251/goja"
)

// intrinsicPaths are the built-ins the runtime's glue (glue.go,
// prelude_lazy.js) calls, read here before any user code runs,
// so that code that later replaces Object.keys or Array.prototype.join
// changes nothing the glue does. Reading them in Go costs a few
// microseconds; the same list written as JavaScript cost a tenth of a
// millisecond to parse at every runner's start.
//
// A path is a global followed by properties; "get " reads an accessor's
// getter instead of its value; %TypedArray% is the prototype of the typed
// array constructors.
var intrinsicPaths = [][2]string{
	{"apply", "Reflect.apply"}, {"ownKeys", "Reflect.ownKeys"}, {"getProp", "Reflect.get"},
	{"keys", "Object.keys"}, {"getProto", "Object.getPrototypeOf"}, {"getOwnDesc", "Object.getOwnPropertyDescriptor"},
	{"defineProp", "Object.defineProperty"}, {"create", "Object.create"}, {"freeze", "Object.freeze"},
	{"seal", "Object.seal"},
	{"setProto", "Object.setPrototypeOf"}, {"getOwnNames", "Object.getOwnPropertyNames"},
	{"getOwnSymbols", "Object.getOwnPropertySymbols"}, {"ObjectProto", "Object.prototype"},
	{"objToString", "Object.prototype.toString"}, {"hasOwn", "Object.prototype.hasOwnProperty"},
	{"propertyIsEnumerable", "Object.prototype.propertyIsEnumerable"}, {"isPrototypeOf", "Object.prototype.isPrototypeOf"},
	{"isArray", "Array.isArray"}, {"arrayJoin", "Array.prototype.join"}, {"arraySort", "Array.prototype.sort"},
	{"isFiniteNum", "Number.isFinite"}, {"StringCtor", "String"}, {"NumberCtor", "Number"},
	{"numberToString", "Number.prototype.toString"}, {"numberToFixed", "Number.prototype.toFixed"},
	{"numberValueOf", "Number.prototype.valueOf"}, {"stringValueOf", "String.prototype.valueOf"},
	{"booleanValueOf", "Boolean.prototype.valueOf"}, {"bigintValueOf", "BigInt.prototype.valueOf"},
	{"symbolValueOf", "Symbol.prototype.valueOf"}, {"SymbolToString", "Symbol.prototype.toString"},
	{"SymbolToStringTag", "Symbol.toStringTag"}, {"SymbolSpecies", "Symbol.species"},
	{"stringSlice", "String.prototype.slice"}, {"stringRepeat", "String.prototype.repeat"},
	{"stringIndexOf", "String.prototype.indexOf"}, {"stringCharCodeAt", "String.prototype.charCodeAt"},
	{"stringPadStart", "String.prototype.padStart"}, {"stringPadEnd", "String.prototype.padEnd"},
	{"numberToUpper", "String.prototype.toUpperCase"},
	{"errorToString", "Error.prototype.toString"}, {"ErrorCtor", "Error"}, {"TypeErrorCtor", "TypeError"},
	{"dateToISO", "Date.prototype.toISOString"}, {"dateGetTime", "Date.prototype.getTime"}, {"dateNow", "Date.now"},
	{"regexpToString", "RegExp.prototype.toString"}, {"regexpSource", "get RegExp.prototype.source"},
	{"regexpFlags", "get RegExp.prototype.flags"},
	{"MapCtor", "Map"}, {"mapSize", "get Map.prototype.size"}, {"mapEntries", "Map.prototype.entries"},
	{"mapGet", "Map.prototype.get"}, {"mapSet", "Map.prototype.set"}, {"mapHas", "Map.prototype.has"},
	{"mapDelete", "Map.prototype.delete"}, {"mapForEach", "Map.prototype.forEach"},
	{"SetCtor", "Set"}, {"setSize", "get Set.prototype.size"}, {"setValues", "Set.prototype.values"},
	{"setAdd", "Set.prototype.add"}, {"setHas", "Set.prototype.has"}, {"setDelete", "Set.prototype.delete"},
	{"setForEach", "Set.prototype.forEach"},
	{"weakMapHas", "WeakMap.prototype.has"}, {"weakSetHas", "WeakSet.prototype.has"},
	{"arrayBufferSlice", "ArrayBuffer.prototype.slice"}, {"arrayBufferByteLength", "get ArrayBuffer.prototype.byteLength"},
	{"dataViewByteLength", "get DataView.prototype.byteLength"}, {"Uint8ArrayCtor", "Uint8Array"},
	{"typedArrayProto", "%TypedArray%.prototype"}, {"typedArrayTag", "get %TypedArray%.prototype.@@toStringTag"},
	{"typedArrayLength", "get %TypedArray%.prototype.length"}, {"typedArrayBuffer", "get %TypedArray%.prototype.buffer"},
	{"typedArrayByteOffset", "get %TypedArray%.prototype.byteOffset"},
	{"typedArrayByteLength", "get %TypedArray%.prototype.byteLength"},
	{"PromiseCtor", "Promise"}, {"promiseResolve", "Promise.resolve"}, {"promiseThen", "Promise.prototype.then"},
	{"mathMax", "Math.max"}, {"mathMin", "Math.min"}, {"mathSqrt", "Math.sqrt"}, {"mathRound", "Math.round"},
	{"mathFloor", "Math.floor"}, {"jsonStringify", "JSON.stringify"}, {"jsonParse", "JSON.parse"},
	{"parseIntFn", "parseInt"}, {"parseFloatFn", "parseFloat"}, {"FunctionProto", "Function.prototype"},
	{"fnToString", "Function.prototype.toString"},
}

// intrinsicGroups are objects of several built-ins the glue indexes by name.
var intrinsicGroups = map[string][]string{
	"typedArrays": {"Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array",
		"Uint32Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array"},
	"errorTypes": {"Error", "EvalError", "RangeError", "ReferenceError", "SyntaxError", "TypeError", "URIError"},
}

// captureIntrinsics returns a null-prototype object holding every
// intrinsic the glue uses, by name.
func captureIntrinsics(vm *goja.Runtime) (*goja.Object, error) {
	out := vm.NewObject()
	if err := out.SetPrototype(nil); err != nil {
		return nil, err
	}
	gopd, ok := goja.AssertFunction(vm.Get("Object").ToObject(vm).Get("getOwnPropertyDescriptor"))
	if !ok {
		return nil, fmt.Errorf("Object.getOwnPropertyDescriptor is not a function")
	}
	getProto := func(o *goja.Object) *goja.Object { return o.Prototype() }
	typedArray := getProto(vm.Get("Uint8Array").ToObject(vm))
	toStringTag := goja.SymToStringTag
	for _, p := range intrinsicPaths {
		name, path := p[0], p[1]
		getter := strings.HasPrefix(path, "get ")
		path = strings.TrimPrefix(path, "get ")
		parts := strings.Split(path, ".")
		var cur goja.Value
		if parts[0] == "%TypedArray%" {
			cur = typedArray
		} else {
			cur = vm.Get(parts[0])
		}
		for i, key := range parts[1:] {
			o, ok := cur.(*goja.Object)
			if !ok {
				return nil, fmt.Errorf("intrinsic %s: %s is not an object", name, strings.Join(parts[:i+1], "."))
			}
			last := i == len(parts)-2
			if last && getter {
				var k goja.Value = vm.ToValue(key)
				if key == "@@toStringTag" {
					k = toStringTag
				}
				d, err := gopd(goja.Undefined(), o, k)
				if err != nil {
					return nil, err
				}
				dobj, ok := d.(*goja.Object)
				if !ok {
					return nil, fmt.Errorf("intrinsic %s: no property %s", name, path)
				}
				cur = dobj.Get("get")
				break
			}
			cur = o.Get(key)
		}
		if cur == nil || goja.IsUndefined(cur) {
			return nil, fmt.Errorf("intrinsic %s: %s is undefined", name, path)
		}
		if err := out.Set(name, cur); err != nil {
			return nil, err
		}
	}
	for name, members := range intrinsicGroups {
		g := vm.NewObject()
		if err := g.SetPrototype(nil); err != nil {
			return nil, err
		}
		for _, m := range members {
			if v := vm.Get(m); v != nil {
				_ = g.Set(m, v)
			}
		}
		if err := out.Set(name, g); err != nil {
			return nil, err
		}
	}
	// The few that no path reaches, from goja (no script compiled for them).
	for _, x := range []struct {
		name string
		v    goja.Value
	}{
		{"asyncFnProto", vm.AsyncFunctionPrototype()}, {"genFnProto", vm.GeneratorFunctionPrototype()},
		{"mapIterNext", vm.MapIteratorPrototype().Get("next")}, {"setIterNext", vm.SetIteratorPrototype().Get("next")},
		{"customInspectSymbol", vm.SymbolFor("nodejs.util.inspect.custom")},
	} {
		if err := out.Set(x.name, x.v); err != nil {
			return nil, err
		}
	}
	return out, nil
}

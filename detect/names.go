package detect

import (
	"sort"
	"strings"
)

// Names the rules know.

// globalAliases name the global object.
var globalAliases = set("globalThis", "window", "self", "global")

// dangerousGlobals map a global name to the rule its use breaks.
var dangerousGlobals = map[string]string{
	"eval":           RuleEval,
	"Function":       RuleFunction,
	"require":        RuleRequire,
	"module":         RuleRequire,
	"process":        RuleProcess,
	"fs":             RuleNodeModule,
	"child_process":  RuleNodeModule,
	"net":            RuleNodeModule,
	"vm":             RuleNodeModule,
	"worker_threads": RuleNodeModule,
	"os":             RuleNodeModule,
	"http":           RuleNodeModule,
	"https":          RuleNodeModule,
}

// protoKeys are the keys whose computed access is refused.
var protoKeys = []string{"constructor", "__proto__", "prototype"}

// obfuscatedNames are the names that may not be assembled from pieces.
var obfuscatedNames = []string{"constructor", "__proto__", "prototype", "eval", "Function",
	"require", "process", "globalThis", "child_process", "mainModule"}

// builtinFunctions are the globals whose value is a function: their
// .constructor is Function.
var builtinFunctions = set(
	"Object", "Array", "String", "Number", "Boolean", "Symbol", "BigInt", "Date", "RegExp",
	"Error", "TypeError", "RangeError", "SyntaxError", "ReferenceError", "EvalError", "URIError",
	"AggregateError", "Promise", "Map", "Set", "WeakMap", "WeakSet", "WeakRef",
	"FinalizationRegistry", "Proxy", "ArrayBuffer", "SharedArrayBuffer", "DataView",
	"Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array",
	"Uint32Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array",
	"parseInt", "parseFloat", "isNaN", "isFinite", "encodeURI", "encodeURIComponent",
	"decodeURI", "decodeURIComponent", "escape", "unescape", "setTimeout", "setInterval",
	"clearTimeout", "clearInterval", "queueMicrotask", "structuredClone", "atob", "btoa",
	"toString", "valueOf", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable",
	"toLocaleString", "Function", "eval", "require",
)

// builtinCtors are the globals whose prototype is shared by every value of
// their kind.
var builtinCtors = set(
	"Object", "Array", "String", "Number", "Boolean", "Symbol", "BigInt", "Date", "RegExp",
	"Function", "Error", "TypeError", "RangeError", "SyntaxError", "ReferenceError", "Promise",
	"Map", "Set", "WeakMap", "WeakSet", "ArrayBuffer", "DataView", "Int8Array", "Uint8Array",
	"Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array", "Uint32Array",
	"Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array",
)

// methodNames are property names that hold built-in functions on common
// values: x.map.constructor is Function.
var methodNames = set(
	"map", "filter", "reduce", "reduceRight", "forEach", "some", "every", "find", "findIndex",
	"findLast", "findLastIndex", "flat", "flatMap", "includes", "indexOf", "lastIndexOf", "join",
	"slice", "splice", "concat", "push", "pop", "shift", "unshift", "sort", "reverse", "fill",
	"keys", "values", "entries", "at", "toString", "toLocaleString", "valueOf", "hasOwnProperty",
	"isPrototypeOf", "propertyIsEnumerable", "call", "apply", "bind", "charAt", "charCodeAt",
	"codePointAt", "split", "substring", "substr", "toUpperCase", "toLowerCase", "trim",
	"trimStart", "trimEnd", "padStart", "padEnd", "repeat", "replace", "replaceAll", "match",
	"matchAll", "search", "startsWith", "endsWith", "normalize", "localeCompare", "fromCharCode",
	"fromCodePoint", "raw", "max", "min", "floor", "ceil", "round", "abs", "sqrt", "pow", "random",
	"sign", "trunc", "log", "exp", "stringify", "parse", "assign", "create", "defineProperty",
	"defineProperties", "freeze", "seal", "getPrototypeOf", "setPrototypeOf",
	"getOwnPropertyNames", "getOwnPropertyDescriptor", "getOwnPropertyDescriptors", "is",
	"isArray", "from", "of", "resolve", "reject", "all", "allSettled", "race", "any", "then",
	"catch", "finally", "now", "construct", "ownKeys", "next", "test", "exec", "getTime",
	"toISOString", "toJSON", "fromEntries", "groupBy", "__defineGetter__", "__defineSetter__",
	"__lookupGetter__", "__lookupSetter__",
)

// allowedModules may be required when allowBuiltinModules is on; the
// "node:" prefix is accepted too. None of them reaches files, processes or
// the network.
var allowedModules = set("assert", "buffer", "crypto", "events", "path", "querystring",
	"string_decoder", "url", "util")

// AllowedBuiltinModules lists, sorted, the modules require() may name when
// allowBuiltinModules is on.
func AllowedBuiltinModules() []string {
	out := make([]string, 0, len(allowedModules))
	for m := range allowedModules {
		out = append(out, m)
	}
	sort.Strings(out)
	return out
}

// reflectiveKeyCalls take an object and a property key, at argument index
// key.
var reflectiveKeyCalls = map[string]int{
	"Reflect.get": 1, "Reflect.set": 1, "Reflect.has": 1, "Reflect.getOwnPropertyDescriptor": 1,
	"Reflect.defineProperty": 1, "Reflect.deleteProperty": 1,
	"Object.getOwnPropertyDescriptor": 1, "Object.defineProperty": 1,
}

// lookupMethods take the key as their first argument.
var lookupMethods = set("__lookupGetter__", "__lookupSetter__", "__defineGetter__", "__defineSetter__")

func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// knownPaths are the global member chains the rules look for.
var knownPaths = []string{
	"Reflect.construct", "Reflect.apply", "Reflect.get", "Reflect.set", "Reflect.has",
	"Reflect.getOwnPropertyDescriptor", "Reflect.defineProperty", "Reflect.deleteProperty",
	"Reflect.getPrototypeOf", "Reflect.setPrototypeOf",
	"Object.getPrototypeOf", "Object.setPrototypeOf", "Object.getOwnPropertyDescriptor",
	"Object.getOwnPropertyDescriptors", "Object.defineProperty", "Object.defineProperties", "Object.assign",
	"String.fromCharCode", "String.fromCodePoint", "String.raw", "Array.from", "Array.of",
	"setTimeout", "setInterval", "String", "atob", "decodeURIComponent", "decodeURI", "unescape",
}

// pathRoots are the first names of knownPaths, and the globals the rules
// name alone (constructors, allocators); pathMembers["Reflect"]["get"] is
// "Reflect.get".
var pathRoots, pathMembers = func() (map[string]bool, map[string]map[string]string) {
	roots, members := map[string]bool{}, map[string]map[string]string{}
	for _, p := range knownPaths {
		root, name, ok := strings.Cut(p, ".")
		roots[root] = true
		if ok {
			if members[root] == nil {
				members[root] = map[string]string{}
			}
			members[root][name] = p
		}
	}
	for n := range builtinCtors {
		roots[n] = true
	}
	for _, n := range []string{"Array", "ArrayBuffer", "SharedArrayBuffer"} {
		roots[n] = true
	}
	return roots, members
}()

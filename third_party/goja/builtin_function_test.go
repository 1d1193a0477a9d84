package goja

import (
	"testing"
)

func TestHashbangInFunctionConstructor(t *testing.T) {
	const SCRIPT = `
	assert.throws(SyntaxError, function() {
		new Function("#!")
	});
	`
	testScriptWithTestLib(SCRIPT, _undefined, t)
}

func TestFunctionApplyNullArgArray(t *testing.T) {
	const SCRIPT = `
	assert.sameValue(0, (function() {return arguments.length}).apply(undefined, null))
	`
	testScriptWithTestLib(SCRIPT, _undefined, t)
}

// An array-like too long to be an argument list is a RangeError, not a
// slice of 2^53 values (a Go panic).
func TestApplyHugeArrayLike(t *testing.T) {
	const SCRIPT = `
	var huge = {length: Math.pow(2, 53) - 1};
	assert.throws(RangeError, function() { Math.max.apply(null, huge) });
	assert.throws(RangeError, function() { Reflect.apply(Math.max, null, {length: Math.pow(2, 32)}) });
	assert.throws(RangeError, function() { String.fromCharCode.apply(null, huge) });
	assert.throws(RangeError, function() { Reflect.construct(Array, huge) });
	assert.sameValue(Math.max.apply(null, {length: 3, 0: 1, 1: 5, 2: 2}), 5);
	assert.throws(RangeError, function() {
		JSON.stringify({a: 1}, new Proxy([], {get: function(t, k) { return k === "length" ? Math.pow(2, 53) - 1 : undefined; }}));
	});
	assert.sameValue(JSON.stringify({a: 1, b: 2, c: 3}, ["c", "a", "c", 1]), '{"c":3,"a":1}');
	`
	testScriptWithTestLib(SCRIPT, _undefined, t)
}

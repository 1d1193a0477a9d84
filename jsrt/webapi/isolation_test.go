package webapi

import "testing"

// The web globals' own objects (results, errors, iterator results, keys)
// are built with defineProperty: setters planted on Object.prototype and
// Array.prototype never see them, and replacing built-ins after start-up
// changes nothing. (Getters the standards read on the caller's own
// dictionaries, such as {name, hash} or a listener's options, are not
// planted: reading them is the specified behaviour.)
func TestPlantedAccessorsSeeNothing(t *testing.T) {
	vm := newVM(t)
	v := run(t, vm, `
	var seen = '', results = '';
	// Made before planting: goja's own array iterator (behind for-of, array
	// destructuring and new Uint8Array(array)) builds its results with
	// [[Set]], so planted value/done accessors would hang it.
	var keyPromise = crypto.subtle.importKey('raw', new Uint8Array(4), {name: 'HMAC', hash: 'SHA-256'}, true, ['sign']);
	var names = ['value', 'done', 'read', 'written', 'code', 'input', 'base', 'timeOrigin', 'type', 'extractable',
		'algorithm', 'usages', 'message', 'stack', '0', '1'];
	var protos = [Object.prototype, Array.prototype], np = protos.length, nn = names.length;
	for (let i = 0; i < np; i++) {
		const proto = protos[i];
		for (let j = 0; j < nn; j++) {
			const n = names[j];
			const d = Object.create(null);
			d.set = function (v) { seen += ' set ' + n; };
			d.get = function () { seen += ' get ' + n; };
			d.configurable = true;
			Object.defineProperty(proto, n, d);
		}
	}
	Uint8Array.prototype.constructor = function () { seen += ' ctor' };
	Error = function () { seen += ' Error' };
	TypeError = function () { seen += ' TypeError' };
	var u = new URL('https://a.example/p?x=1&y=2');
	var it = u.searchParams.entries();
	for (let r = it.next(); r.done === false; r = it.next()) results += r.value[0] + r.value[1] + ';';
	var keys = u.searchParams.keys(); keys.next(); keys.next(); keys.next();
	try { new URL('nope') } catch (e) { results += (e.code === 'ERR_INVALID_URL') + ';' }
	results += new TextEncoder().encodeInto('abc', new Uint8Array(2)).written + ';';
	var bytes = new Uint8Array(1); bytes[0] = 65;
	results += new TextDecoder().decode(new TextEncoder().encode('x')) + new TextDecoder().decode(bytes) + ';';
	try { crypto.getRandomValues(new Float32Array(1)) } catch (e) { results += e.name + ';' }
	crypto.randomUUID(); performance.toJSON();
	var c = new AbortController(); c.signal.addEventListener('abort', function () {}); c.abort();
	results += c.signal.reason.code + ';';
	new DOMException('m', 'AbortError');
	crypto.subtle.digest('SHA-256', new Uint8Array(1)).then(function (b) { results += b.byteLength + ';' });
	keyPromise.then(function (k) { return crypto.subtle.sign('HMAC', k, new Uint8Array(1)) }).then(function (b) { results += b.byteLength + ';' });
	`)
	_ = v
	o := vm.GlobalObject()
	if seen := o.Get("seen").String(); seen != "" {
		t.Errorf("planted accessors saw the globals' objects:%s", seen)
	}
	if results := o.Get("results").String(); results != "x1;y2;true;2;xA;TypeMismatchError;20;32;32;" {
		t.Errorf("results %q", results)
	}
}

package goja

import "testing"

func TestEngineObjectsDefineTheirProperties(t *testing.T) {
	const SCRIPT = `
	const seen = [];
	for (const k of ['value', 'done', 'writable', 'enumerable', 'configurable', 'get', 'set']) {
		Object.defineProperty(Object.prototype, k, { __proto__: null, configurable: true,
			set(v) { seen.push(k); }, get() { return undefined; } });
	}
	const d = Object.getOwnPropertyDescriptor({ a: 1 }, 'a');
	const a = Object.getOwnPropertyDescriptor({ get b() { return 1; } }, 'b');
	const r = [1, 2][Symbol.iterator]().next();
	let n = 0;
	for (const x of [1, 2, 3]) n += x;
	seen.length === 0 && d.value === 1 && d.writable && typeof a.get === 'function' && r.value === 1 && r.done === false && n === 6;
	`
	testScript(SCRIPT, valueTrue, t)
}

func TestNumberValueOfIsABrandCheck(t *testing.T) {
	const SCRIPT = `
	let threw = false;
	try { Number.prototype.valueOf.call({ valueOf() { return 5; } }); } catch (e) { threw = e instanceof TypeError; }
	threw && Number.prototype.valueOf.call(new Number(3)) === 3 && (4).valueOf() === 4;
	`
	testScript(SCRIPT, valueTrue, t)
}

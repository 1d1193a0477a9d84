package jsrt

import (
	"strings"
	"testing"

	"codexec/result"
)

// plantTraps is code that plants, before anything else runs, accessors
// and replacement methods on every prototype and built-in the runtime's
// glue (console, timers, queueMicrotask, structuredClone, output
// conversion, error description) could touch. Each trap records the
// receivers it sees that the code did not create itself: any such receiver
// is a value of the runtime's own, which user code must never reach.
const plantTraps = `
const RA = Reflect.apply, AP = Array.prototype.push, WSH = WeakSet.prototype.has, WSA = WeakSet.prototype.add;
const mine = new WeakSet();
const seen = Object.setPrototypeOf([], null);
const record = (w) => { seen[seen.length] = w; };
const own = (o) => { RA(WSA, mine, [o]); return o; };
let quiet = true;
const note = (where, self) => {
  if (quiet) return;
  if ((typeof self === 'object' && self !== null) || typeof self === 'function') {
    if (!RA(WSH, mine, [self])) record(where + (typeof gi === 'number' ? '@' + gi : ''));
  } else if (typeof self === 'string' || typeof self === 'number') {
    record(where + ' on a primitive');
  }
};
const keys = ['value', 'get', 'set', 'enumerable', 'writable', 'configurable', 'ok', 'len', 'nested',
  'message', 'stack', 'state', 'target', 'handler', 'then', 'done', 'name', 'prototype', 'next',
  'customInspect', 'depth', 'showHidden', 'breakLength', 'compact', 'budget', 'total', 'seen',
  'indentationLvl', 'currentDepth', 'circular', 'format', 'inspect', 'table', 'structuredClone'];
for (let i = 0; i < 24; i++) keys.push(String(i));
for (const k of keys) {
  for (const [where, proto] of [['Object.prototype', Object.prototype], ['Array.prototype', Array.prototype]]) {
    if (Object.getOwnPropertyDescriptor(proto, k)) continue;
    Object.defineProperty(proto, k, {
      __proto__: null,
      configurable: true,
      get() { note(where + '.' + k + ' get', this); return undefined; },
      set(v) { note(where + '.' + k + ' set', this); Object.defineProperty(this, k, { __proto__: null, value: v, writable: true, enumerable: true, configurable: true }); },
    });
  }
}
const wrap = (obj, where, names) => {
  for (const n of names) {
    const d = Object.getOwnPropertyDescriptor(obj, n);
    if (!d || typeof d.value !== 'function') continue;
    const orig = d.value;
    Object.defineProperty(obj, n, { __proto__: null, writable: d.writable, enumerable: d.enumerable, configurable: d.configurable, value: function (...args) { note(where + '.' + String(n), this); return RA(orig, this, args); } });
  }
};
wrap(Array.prototype, 'Array.prototype', ['join', 'push', 'pop', 'shift', 'unshift', 'slice', 'splice', 'map', 'filter', 'forEach', 'sort', 'concat', 'indexOf', 'includes', 'keys', 'values', 'entries', Symbol.iterator]);
wrap(String.prototype, 'String.prototype', ['split', 'slice', 'repeat', 'indexOf', 'padStart', 'padEnd', 'charCodeAt', 'toUpperCase', 'replace', 'replaceAll', 'includes', 'trim', 'toString', 'substring', 'startsWith', 'endsWith', Symbol.iterator]);
wrap(RegExp.prototype, 'RegExp.prototype', ['exec', 'test', Symbol.replace, Symbol.split, Symbol.match]);
wrap(Map.prototype, 'Map.prototype', ['get', 'set', 'has', 'delete', 'entries', 'forEach', Symbol.iterator]);
wrap(Set.prototype, 'Set.prototype', ['add', 'has', 'delete', 'values', 'forEach', Symbol.iterator]);
wrap(Object.getPrototypeOf(new Map().entries()), 'MapIterator', ['next']);
wrap(Object.getPrototypeOf(new Set().values()), 'SetIterator', ['next']);
wrap(Object.getPrototypeOf([].values()), 'ArrayIterator', ['next']);
wrap(Promise.prototype, 'Promise.prototype', ['then', 'catch', 'finally']);
wrap(Object.getPrototypeOf(() => 1), 'Function.prototype', ['call', 'apply', 'bind', 'toString']);
wrap(Number.prototype, 'Number.prototype', ['toString', 'toFixed', 'valueOf']);
wrap(Symbol.prototype, 'Symbol.prototype', ['toString']);
wrap(Error.prototype, 'Error.prototype', ['toString']);
wrap(Object, 'Object', ['keys', 'getOwnPropertyNames', 'getOwnPropertySymbols', 'getPrototypeOf', 'setPrototypeOf', 'defineProperty', 'freeze', 'create', 'assign', 'entries']);
wrap(Reflect, 'Reflect', ['apply', 'ownKeys', 'get']);
wrap(JSON, 'JSON', ['stringify', 'parse']);
for (const C of [Array, Promise, Map, Set, RegExp, ArrayBuffer]) {
  Object.defineProperty(C, Symbol.species, { __proto__: null, configurable: true, get() { note(C.name + '[Symbol.species]', this); return undefined; } });
}
Object.defineProperty(Promise.prototype, 'constructor', { __proto__: null, configurable: true, get() { note('Promise.prototype.constructor', this); return Promise; } });
Object.defineProperty(Array.prototype, 'constructor', { __proto__: null, configurable: true, get() { note('Array.prototype.constructor', this); return Array; } });
quiet = false;
`

func TestGlueNeverReachable(t *testing.T) {
	code := plantTraps + `
quiet = true;
// Everything the code makes, made while the traps are quiet: the engine's
// own iteration is not what this test is about; the runtime's glue is.
class Point { constructor() { this.x = 1; this.y = [1, 2, { z: new Map([[own({}), own(new Set([1]))]]) }]; } }
const circ = own({ name: 'c' }); circ.self = circ;
const values = own([
  own({ a: 1, b: 'two', c: own([1, 2, 3]), d: own({ e: own({ f: own({ g: 1 }) }) }) }),
  own(new Map([['k', own({ v: 1 })]])), own(new Set(['a', 'b'])), own(new Point()), circ,
  own(new Error('boom')), own(Promise.resolve(own({ p: 1 }))), own(new Uint8Array([1, 2])), own(new ArrayBuffer(3)),
  own(new Proxy(own({ t: 1 }), own({}))), own(Object.create(null)), own(Array.from(own({ length: 30 }), (_, i) => i)),
  own([, 1]), own(/re/g), own(new Date(0)), 10n, Symbol('s'), -0, 'str', own(function named() {}),
  own(Object.assign(own(() => 1), { p: 1 })), own(new WeakMap()), own(new Number(3)), own({ get g() { return 1; } }),
  own(new DataView(new ArrayBuffer(2))), own([own({ deep: own([own({ deeper: own({ deepest: 1 }) })]) })]),
]);
own(values[3].y); own(values[3].y[2]); own(values[3].y[2].z);
const rows = own([own({ a: 1, b: 2 }), own({ a: 3, c: own([1]) })]);
const tmap = own(new Map([['x', 1]]));
const fmt = own({ j: 1 }), o1 = own({ o: 1 }), o2 = own({ O: 1 }), dopt = own({ depth: 0 }), dobj = own({ d: 1 });
const toClone = own({ a: own([1, own(new Map([[1, 2]]))]), d: own(new Date(0)) });
let gi = 0; const glue = (f) => { gi++; quiet = false; try { return f(); } finally { quiet = true; } };
for (let i = 0; i < values.length; i++) glue(() => console.log(values[i]));
glue(() => console.log('%s %d %i %f %j %o %O %c', 'a', 1, 2, 3, fmt, o1, o2, 'css'));
glue(() => console.table(rows));
glue(() => console.table(tmap));
glue(() => { console.group('g'); console.info('inside'); console.groupEnd(); });
glue(() => { console.count(); console.countReset(); console.time('t'); console.timeEnd('t'); console.timeEnd('missing'); });
glue(() => { console.assert(false, 'x %s', 'y'); console.dir(dobj, dopt); console.trace('here'); });
const cloned = glue(() => structuredClone(toClone));
const done = own(new Promise((resolve) => { glue(() => queueMicrotask(() => glue(() => setTimeout((a, b) => resolve(a + b), 1, 1, 2)))); }));
const sum = await done;
const done2 = own(new Promise((resolve) => { const id = glue(() => setInterval(() => { glue(() => clearInterval(id)); resolve(); }, 1)); }));
await done2;
return { seen: Array.from(seen), ok: sum === 3 && cloned.a[1].get(1) === 2 };
`
	res, logs := runCode(t, code)
	if res.Status != result.OK {
		t.Fatalf("status %s: %+v", res.Status, res.Error)
	}
	if string(res.Output) != `{"seen":[],"ok":true}` {
		t.Errorf("the glue reached code the program planted: %s", res.Output)
	}
	if len(logs) < 30 {
		t.Errorf("only %d log lines", len(logs))
	}
	for _, l := range logs {
		if strings.Contains(l.msg, "Internal Formatting Error") {
			t.Errorf("log: %s", l.msg)
		}
	}
}

// An error thrown for the runner to describe is read without the traps.
func TestGlueDescribesErrorsUntrapped(t *testing.T) {
	for _, tail := range []string{
		"throw new Error('boom')",
		"setTimeout(() => { throw { not: 'an error' } }, 0)",
		"Promise.reject(new TypeError('x')); await new Promise((r) => setTimeout(r, 5))",
		"quiet = true; return { seen: Array.from(seen) }",
	} {
		res, _ := runCode(t, plantTraps+tail)
		if res.Status == result.OK {
			if string(res.Output) != `{"seen":[]}` {
				t.Errorf("%s: the glue reached planted code: %s", tail, res.Output)
			}
			continue
		}
		if res.Status != result.Error || res.Error == nil {
			t.Errorf("%s: status %s %+v", tail, res.Status, res.Error)
		}
	}
}

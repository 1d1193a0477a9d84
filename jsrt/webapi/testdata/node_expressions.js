// node_expressions.js: records Node 24's value for each expression below,
// for webapi's Go tests (which evaluate the same expressions). Run from
// jsrt/webapi:
//
//     TZ=UTC node testdata/node_expressions.js > testdata/node_expressions.json
//
// Each expression is evaluated in a fresh function scope; a promise is
// awaited. The record is {value} (JSON) or {throws: {name, code, message}}.
'use strict';

const hex = 'b => Array.from(new Uint8Array(b), x => x.toString(16).padStart(2, "0")).join("")';
const err = 'e => ({name: e.name, code: e.code, message: e.message, isError: e instanceof Error})';

const expressions = [
  // URL: the object model
  `typeof URL`, `URL.name`, `URL.length`, `Object.keys(new URL('http://a/'))`,
  `Object.getOwnPropertyDescriptor(globalThis, 'URL').enumerable`,
  `(() => { URL; return Object.getOwnPropertyDescriptor(globalThis, 'URL').writable })()`,
  `(() => { performance.now(); return typeof Object.getOwnPropertyDescriptor(globalThis, 'performance').get })()`,
  `typeof Object.getOwnPropertyDescriptor(globalThis, 'crypto').get`,
  `Object.keys(URL.prototype)`,
  `typeof Object.getOwnPropertyDescriptor(URL.prototype, 'href').set`,
  `typeof Object.getOwnPropertyDescriptor(URL.prototype, 'origin').set`,
  `Object.prototype.toString.call(new URL('http://a/'))`,
  `Object.prototype.toString.call(new URLSearchParams())`,
  `Object.prototype.toString.call(new URLSearchParams().entries())`,
  `new URL('http://a/b').toString()`, `JSON.stringify({u: new URL('http://a/b?c#d')})`,
  `String(new URL('https://EXAMPLE.com:443/a/../b'))`,
  `(() => { const u = new URL('http://a/?x=1'); return u.searchParams === u.searchParams })()`,
  `(() => { const u = new URL('http://a/?x=1'); u.searchParams.append('y', 'a b'); return u.href })()`,
  `(() => { const u = new URL('http://a/?x=1'); const p = u.searchParams; u.search = '?z=2'; return [p.get('z'), p.get('x'), p.size] })()`,
  `(() => { const u = new URL('http://a/?x=1'); const p = u.searchParams; u.href = 'http://b/?w=3'; return [...p] })()`,
  `(() => { const u = new URL('http://a/?x=1#h'); u.searchParams.delete('x'); return [u.href, u.search] })()`,
  `(() => { const u = new URL('http://a/'); u.searchParams.set('q', 'ü &='); return u.search })()`,
  `(() => { const u = new URL('http://a/?b=2&a=1&b=1'); u.searchParams.sort(); return u.href })()`,
  `(() => { const u = new URL('http://a/p'); u.pathname = 'x y/ü'; u.hash = 'f g'; u.port = '8080'; u.username = 'me'; return u.href })()`,
  `(() => { const u = new URL('http://a/'); u.protocol = 'foo'; return u.protocol })()`,
  `(() => { const u = new URL('sc:a  ?q=1#f'); u.searchParams.delete('q'); return [u.href, u.pathname] })()`,
  `(() => { const u = new URL('mailto:a@b.c'); u.searchParams.set('subject', 'hi there'); return u.href })()`,
  `(() => { try { new URL('http://a/').href = 'nope' } catch (e) { return (${err})(e) } })()`,
  `(() => { try { new URL('nope') } catch (e) { return [(${err})(e), e.input, 'base' in e, Object.keys(e)] } })()`,
  `(() => { try { new URL('nope', 'also nope') } catch (e) { return [e.input, e.base, Object.keys(e)] } })()`,
  `(() => { try { new URL() } catch (e) { return (${err})(e) } })()`,
  `URL.canParse('https://x'), URL.canParse('/x'), URL.canParse('/x', 'https://y')`,
  `[URL.canParse('https://x'), URL.canParse('/x'), URL.canParse('/x', 'https://y'), URL.canParse('x', 'y')]`,
  `[URL.parse('nope'), URL.parse('/p?q', 'https://h/a/b').href, URL.parse('https://h') instanceof URL]`,
  `new URL('/api/v1/items?limit=10', 'https://api.example.com/base/').href`,
  `new URL('../up', 'https://h/a/b/c').pathname`,
  `new URL('blob:https://a.com:8/x').origin`, `new URL('file:///x').origin`, `new URL('foo://h/x').origin`,
  `new URL('http://[::ffff:1.2.3.4]/').hostname`, `new URL('http://0x7f.1/').host`, `new URL('http://bücher.de/').host`,
  `(() => { class My extends URL { get extra() { return this.host + '!' } } const m = new My('http://q/'); return [m.extra, m instanceof URL, m.href] })()`,
  `(() => { try { URL.prototype.href } catch (e) { return e.name } })()`,
  `(() => { try { Object.getOwnPropertyDescriptor(URL.prototype, 'href').get.call({}) } catch (e) { return e.name } })()`,
  // URLSearchParams
  `new URLSearchParams({a: 1, b: [1, 2], c: null, d: undefined}).toString()`,
  `new URLSearchParams([['a', 1], ['b', 'x y'], new Set(['c', 'd'])]).toString()`,
  `new URLSearchParams(new Map([['k', 'v'], ['k', 'w']])).toString()`,
  `new URLSearchParams(new URLSearchParams('a=1&b=2')).toString()`,
  `new URLSearchParams(null).toString()`, `new URLSearchParams(123).toString()`, `new URLSearchParams('??a=1').toString()`,
  `(() => { try { new URLSearchParams([['a']]) } catch (e) { return (${err})(e) } })()`,
  `(() => { try { new URLSearchParams([1]) } catch (e) { return e.name } })()`,
  `(() => { const p = new URLSearchParams('a=1&b=2&a=3'); return [p.get('a'), p.getAll('a'), p.get('z'), p.has('a'), p.has('a', '3'), p.has('a', '4'), p.has('z')] })()`,
  `(() => { const p = new URLSearchParams('a=1&b=2&a=3'); p.delete('a', '3'); return p.toString() })()`,
  `(() => { const p = new URLSearchParams('a=1&b=2&a=3'); p.delete('a'); return p.toString() })()`,
  `(() => { const p = new URLSearchParams('a=1&b=2&a=3'); p.set('a', 'x'); return p.toString() })()`,
  `(() => { const p = new URLSearchParams('z=1&a=2&é=3&Z=4&a=1&😀=5&ﬀ=6'); p.sort(); return [...p.keys()] })()`,
  `(() => { const p = new URLSearchParams('a=1&b=2'); const out = []; p.forEach(function (v, k, o) { out.push(k + v, o === p, this.t) }, {t: 'T'}); return out })()`,
  `(() => { const p = new URLSearchParams('a=1&b=2'); const it = p.entries(); const first = it.next(); p.append('c', '3'); return [first, [...it], it.next()] })()`,
  `(() => { const p = new URLSearchParams('a=1&b=2&c=3'); const seen = []; for (const [k] of p) { seen.push(k); if (k === 'a') p.delete('a') } return seen })()`,
  `[...new URLSearchParams('a=1&b=2').values()]`,
  `typeof new URLSearchParams()[Symbol.iterator]`,
  `new URLSearchParams().entries === URLSearchParams.prototype[Symbol.iterator]`,
  `(() => { const p = new URLSearchParams(); p.append('sp ace', 'a+b=c&d'); p.append('~!*()\\'', '/?:@'); return p.toString() })()`,
  `(() => { try { new URLSearchParams().append('a') } catch (e) { return (${err})(e) } })()`,
  `(() => { try { URLSearchParams.prototype.get.call({}, 'a') } catch (e) { return (${err})(e) } })()`,
  `(() => { try { new URLSearchParams().forEach(1) } catch (e) { return (${err})(e) } })()`,
  `Object.getPrototypeOf(Object.getPrototypeOf(new URLSearchParams().keys())) === Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()))`,
  // TextEncoder / TextDecoder
  `new TextEncoder().encoding`, `Array.from(new TextEncoder().encode('h€😀'))`, `new TextEncoder().encode().length`,
  `Array.from(new TextEncoder().encode('\\ud800x'))`, `new TextEncoder().encode('x') instanceof Uint8Array`,
  `(() => { const d = new Uint8Array(5); return [new TextEncoder().encodeInto('héllo😀', d), Array.from(d)] })()`,
  `new TextEncoder().encodeInto('😀😀', new Uint8Array(6))`, `new TextEncoder().encodeInto('', new Uint8Array(0))`,
  `(() => { try { new TextEncoder().encodeInto('x', []) } catch (e) { return (${err})(e) } })()`,
  `(() => { const b = new Uint8Array(8); const r = new TextEncoder().encodeInto('ab', b.subarray(3)); return [r, Array.from(b)] })()`,
  `[new TextDecoder().encoding, new TextDecoder().fatal, new TextDecoder().ignoreBOM, new TextDecoder('utf-8', {fatal: true}).fatal]`,
  `new TextDecoder().decode(new Uint8Array([104, 105]).buffer)`,
  `new TextDecoder().decode(new DataView(new Uint8Array([0, 104, 105, 0]).buffer, 1, 2))`,
  `new TextDecoder().decode(new Uint16Array([0x6968]))`,
  `new TextDecoder().decode(new Uint8Array([0x61, 0x62, 0x63]).subarray(1))`,
  `[new TextDecoder().decode(), new TextDecoder().decode(undefined)]`,
  `(() => { try { new TextDecoder().decode('abc') } catch (e) { return (${err})(e) } })()`,
  `(() => { try { new TextDecoder('nope') } catch (e) { return (${err})(e) } })()`,
  `(() => { try { new TextDecoder('utf-8', 5) } catch (e) { return (${err})(e) } })()`,
  `(() => { try { new TextDecoder('utf-8', {fatal: true}).decode(new Uint8Array([0xff])) } catch (e) { return (${err})(e) } })()`,
  `(() => { const d = new TextDecoder(); return [d.decode(new Uint8Array([0xef, 0xbb]), {stream: true}), d.decode(new Uint8Array([0xbf, 0x41]), {stream: true}), d.decode(new Uint8Array([0xef, 0xbb, 0xbf]))] })()`,
  `(() => { const d = new TextDecoder(); return [d.decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x41])), d.decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x42]))] })()`,
  `(() => { const d = new TextDecoder('utf-8', {fatal: true}); try { d.decode(new Uint8Array([0xe2]), {stream: true}); d.decode() } catch (e) { return [e.name, d.decode(new Uint8Array([0x41]))] } })()`,
  `new TextDecoder().decode(new TextEncoder().encode('round ✓ trip 😀'))`,
  // Blob
  `(async () => { const b = new Blob(['héllo ', new Uint8Array([0x77, 0x6f]), new Blob(['rld']), new Uint16Array([0x4241]).buffer], {type: 'Text/Plain;Charset=UTF-8'});
     return [b.size, b.type, await b.text(), Object.prototype.toString.call(b), Blob.length, await b.slice(1, 4).text(), b.slice(-3).size, b.slice(2, 1).size,
       b.slice(0, 100, 'X/Y').type, b.slice().type, (await b.arrayBuffer()).byteLength, Array.from(await b.slice(0, 2).bytes())] })()`,
  `[new Blob().size, new Blob([]).type, new Blob(['a'], {type: 'bad\u0001type'}).type, new Blob(['a'], {type: 'ü'}).type, new Blob(['😀']).size]`,
  `(() => { try { new Blob('abc') } catch (e) { return (${err})(e) } })()`,
  `new Blob([1, {}, null, undefined, true]).text()`,
  `(() => { try { new Blob(['a'], {endings: 'weird'}) } catch (e) { return (${err})(e) } })()`,
  `(() => { const nl = 'a' + String.fromCharCode(10) + 'b'; return [new Blob([nl], {endings: 'native'}).size, new Blob([nl], {endings: 'transparent'}).size] })()`,
  `new Blob([new Uint8Array([0xff, 0x61])]).text()`,
  `(async () => { const b = new Blob(['abcdef']); const s = b.slice(1, -1); return [await s.text(), await s.slice(1, 2).text(), s.size] })()`,
  `Blob.prototype.text.call({}).catch(${err})`,
  `(() => { try { Blob.prototype.slice.call({}) } catch (e) { return (${err})(e) } })()`,
  // crypto
  `typeof crypto`, `Object.prototype.toString.call(crypto)`, `Object.prototype.toString.call(crypto.subtle)`,
  `crypto.subtle === crypto.subtle`,
  `/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(crypto.randomUUID())`,
  `crypto.randomUUID() !== crypto.randomUUID()`,
  `(() => { const a = new Uint32Array(4); return crypto.getRandomValues(a) === a })()`,
  `(() => { const a = new Uint8Array(65536); crypto.getRandomValues(a); return a.some(x => x !== 0) })()`,
  `[Int8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, BigInt64Array, BigUint64Array].map(T => crypto.getRandomValues(new T(2)).length)`,
  `(() => { try { crypto.getRandomValues(new Float32Array(2)) } catch (e) { return (${err})(e) } })()`,
  `(() => { try { crypto.getRandomValues(new Uint8Array(65537)) } catch (e) { return (${err})(e) } })()`,
  `(() => { try { crypto.getRandomValues(new DataView(new ArrayBuffer(4))) } catch (e) { return e.name } })()`,
  `(() => { try { const { randomUUID } = crypto; randomUUID() } catch (e) { return (${err})(e) } })()`,
  `crypto.subtle.digest('SHA-256', new TextEncoder().encode('abc')).then(${hex})`,
  `crypto.subtle.digest('sha-1', new TextEncoder().encode('abc')).then(${hex})`,
  `crypto.subtle.digest({name: 'SHA-384'}, new Uint8Array(0)).then(${hex})`,
  `crypto.subtle.digest('SHA-512', new TextEncoder().encode('abc').buffer).then(${hex})`,
  `crypto.subtle.digest('SHA-256', new DataView(new TextEncoder().encode('xabcx').buffer, 1, 3)).then(${hex})`,
  `crypto.subtle.digest('SHA-256', new Uint8Array(1)).then(b => [b instanceof ArrayBuffer, b.byteLength])`,
  `crypto.subtle.digest('MD5', new Uint8Array(1)).catch(${err})`,
  `crypto.subtle.digest('SHA-256', 'abc').catch(${err})`,
  `crypto.subtle.importKey('raw', new TextEncoder().encode('key'), {name: 'HMAC', hash: 'SHA-256'}, false, ['sign'])
     .then(k => crypto.subtle.sign('HMAC', k, new TextEncoder().encode('The quick brown fox jumps over the lazy dog'))).then(${hex})`,
  `crypto.subtle.importKey('raw', new TextEncoder().encode('key'), {name: 'HMAC', hash: {name: 'SHA-1'}}, true, ['sign', 'verify'])
     .then(async k => [k.type, k.extractable, k.algorithm, k.usages, Object.prototype.toString.call(k),
       await crypto.subtle.verify('HMAC', k, await crypto.subtle.sign('HMAC', k, new Uint8Array([1])), new Uint8Array([1])),
       await crypto.subtle.verify('HMAC', k, new Uint8Array(20), new Uint8Array([1]))])`,
  `crypto.subtle.importKey('raw', new Uint8Array(4), {name: 'HMAC', hash: 'SHA-256'}, false, ['verify'])
     .then(k => crypto.subtle.sign('HMAC', k, new Uint8Array(1))).catch(${err})`,
  `crypto.subtle.generateKey({name: 'HMAC', hash: 'SHA-256'}, true, ['sign', 'verify'])
     .then(async k => [k.type, k.algorithm, k.extractable, k.usages, (await crypto.subtle.exportKey('raw', k)).byteLength])`,
  `crypto.subtle.generateKey({name: 'HMAC', hash: 'SHA-512', length: 128}, false, ['sign']).then(k => k.algorithm)`,
  `crypto.subtle.generateKey({name: 'HMAC', hash: 'SHA-384'}, false, ['sign']).then(k => k.algorithm)`,
  `crypto.subtle.generateKey({name: 'HMAC', hash: 'SHA-256'}, false, []).catch(${err})`,
  `crypto.subtle.generateKey({name: 'HMAC', hash: 'SHA-256'}, false, ['sign']).then(k => crypto.subtle.exportKey('raw', k)).catch(${err})`,
  // DOMException
  `typeof DOMException`, `DOMException.length`, `DOMException.ABORT_ERR`, `DOMException.prototype.DATA_CLONE_ERR`,
  `(() => { const e = new DOMException('m', 'AbortError'); return [e.name, e.message, e.code, e instanceof Error, e instanceof DOMException, String(e), Object.keys(e)] })()`,
  `(() => { const e = new DOMException(); return [e.name, e.message, e.code] })()`,
  `(() => { const e = new DOMException('m', {name: 'TimeoutError', cause: 'c'}); return [e.name, e.code, e.cause] })()`,
  `[new DOMException('x', 'Custom').code, new DOMException('x', 'SyntaxError').code, new DOMException('x', 'QuotaExceededError').code]`,
  `Object.getPrototypeOf(DOMException.prototype) === Error.prototype`,
  `Object.keys(DOMException.prototype).length`,
  `(() => { class E extends DOMException {} const e = new E('m', 'NotFoundError'); return [e.name, e.code, e instanceof E] })()`,
  // Events and abort
  `(() => { const e = new CustomEvent('x', {detail: {a: 1}, cancelable: true}); return [e.detail, e.type, e.cancelable, Object.getPrototypeOf(CustomEvent) === Event, CustomEvent.length, new CustomEvent('y').detail, Object.prototype.toString.call(e), e instanceof Event] })()`,
  `(() => { const t = new EventTarget(); let got; t.addEventListener('job', (e) => { got = e.detail }); t.dispatchEvent(new CustomEvent('job', {detail: [1, 2]})); return got })()`,
  `(() => { try { Object.getOwnPropertyDescriptor(CustomEvent.prototype, 'detail').get.call(new Event('x')) } catch (e) { return e.name } })()`,
  `(() => { const e = new Event('x'); return [e.type, e.bubbles, e.cancelable, e.defaultPrevented, e.isTrusted, e.eventPhase, e.target] })()`,
  `(() => { const e = new Event('x', {cancelable: true}); e.preventDefault(); return [e.defaultPrevented, e.returnValue] })()`,
  `(() => { const t = new EventTarget(); const log = []; const f = (e) => log.push(e.type, e.target === t, e.currentTarget === t, e.eventPhase);
     t.addEventListener('ping', f); t.addEventListener('ping', f); t.addEventListener('ping', {handleEvent: () => log.push('obj')}, {once: true});
     t.dispatchEvent(new Event('ping')); t.dispatchEvent(new Event('ping')); t.removeEventListener('ping', f); t.dispatchEvent(new Event('ping')); return log })()`,
  `(() => { const t = new EventTarget(); const log = []; t.addEventListener('a', (e) => { log.push(1); e.stopImmediatePropagation() }); t.addEventListener('a', () => log.push(2));
     const ev = new Event('a', {cancelable: true}); return [t.dispatchEvent(ev), log, ev.eventPhase, ev.currentTarget] })()`,
  `(() => { const t = new EventTarget(); t.addEventListener('a', (e) => e.preventDefault()); return [t.dispatchEvent(new Event('a')), t.dispatchEvent(new Event('a', {cancelable: true}))] })()`,
  `(() => { const c = new AbortController(); const log = []; c.signal.addEventListener('abort', (e) => log.push(e.type, e.isTrusted, c.signal.aborted));
     c.signal.onabort = () => log.push('on'); const before = c.signal.aborted; c.abort(); c.abort('again');
     return [before, log, c.signal.reason.name, c.signal.reason.message, c.signal.reason.code, c.signal.reason instanceof DOMException] })()`,
  `(() => { const c = new AbortController(); c.abort({why: 1}); return c.signal.reason })()`,
  `(() => { const c = new AbortController(); c.abort(); try { c.signal.throwIfAborted() } catch (e) { return [e === c.signal.reason, e.name] } })()`,
  `(() => { const c = new AbortController(); c.signal.throwIfAborted(); return c.signal.reason })()`,
  `[AbortSignal.abort().aborted, AbortSignal.abort().reason.name, AbortSignal.abort('r').reason]`,
  `(() => { try { new AbortSignal() } catch (e) { return (${err})(e) } })()`,
  `(() => { const a = new AbortController(), b = new AbortController(); const s = AbortSignal.any([a.signal, b.signal]); const before = s.aborted; b.abort('B'); return [before, s.aborted, s.reason] })()`,
  `AbortSignal.any([AbortSignal.abort('first')]).reason`,
  `(() => { const c = new AbortController(); const t = new EventTarget(); let n = 0; t.addEventListener('x', () => n++, {signal: c.signal}); t.dispatchEvent(new Event('x')); c.abort(); t.dispatchEvent(new Event('x')); return n })()`,
  `new AbortController().signal instanceof EventTarget`,
  `Object.prototype.toString.call(new AbortController().signal)`,
  `(() => { try { AbortSignal.timeout('x') } catch (e) { return (${err})(e) } })()`,
  // performance
  `typeof performance.now()`, `performance.now() >= 0`, `typeof performance.timeOrigin`,
  `(() => { const a = performance.now(), b = performance.now(); return b >= a })()`,
  `Object.prototype.toString.call(performance)`,
  `typeof performance.toJSON().timeOrigin`,
  `(() => { performance.clearMarks(); performance.clearMeasures();
     const m = performance.mark('a', {startTime: 10, detail: {k: 1}}); performance.mark('b', {startTime: 25});
     const ms = performance.measure('m', 'a', 'b');
     return [Object.prototype.toString.call(m), m.constructor.name, Object.keys(m), m.toJSON(), ms.toJSON(), ms.constructor.name,
       performance.measure('m2', {start: 5, end: 7, detail: 'd'}).toJSON(), performance.measure('m3', {start: 'a', duration: 3}).toJSON(),
       performance.measure('m4', {end: 'b', duration: 5}).startTime, performance.measure('m5', 7, 'b').duration,
       performance.getEntriesByName('a').map(e => e.toJSON()), performance.getEntries().map(x => x.name + ':' + x.entryType),
       performance.getEntriesByType('measure').length, performance.getEntriesByName('m', 'mark').length, performance.getEntriesByName('m', 'measure').length] })()`,
  `(() => { performance.clearMarks(); performance.clearMeasures(); performance.mark('x', {startTime: 1}); performance.mark('x', {startTime: 3}); performance.mark('y', {startTime: 2});
     const d = performance.measure('d', 'x').startTime; performance.clearMarks('x'); const left = performance.getEntries().map(e => e.name);
     performance.clearMarks(); performance.clearMeasures(); return [d, left, performance.getEntries().length] })()`,
  `(() => { try { performance.measure('x', 'nope') } catch (e) { return (${err})(e) } })()`,
  `(() => { try { performance.mark() } catch (e) { return (${err})(e) } })()`,
  `(() => { try { performance.mark('z', {startTime: -1}) } catch (e) { return (${err})(e) } })()`,
  `(() => { try { performance.measure('x', {start: 1, end: 2, duration: 1}) } catch (e) { return (${err})(e) } })()`,
  `(() => { try { performance.measure('x', {start: 1}, 'a') } catch (e) { return (${err})(e) } })()`,
  `(() => { const m = performance.measure('x', {duration: 1, detail: [1]}); return [m.startTime, m.detail] })()`,
  `(() => { performance.mark('b', {startTime: 25}); return [7, true, null, '7'].map(s => { try { const m = performance.measure('x', s, 'b'); return [m.startTime, m.duration] } catch (e) { return e.name } }) })()`,
  `(() => { performance.clearMeasures(); const m = performance.measure('fromOrigin'); return [m.startTime, typeof m.duration, m.duration >= 0, m.detail] })()`,
  `(() => { const m = performance.mark('now'); return [typeof m.startTime, m.duration, m.detail, m.entryType] })()`,
  // Last: these replace globals, and Node shares one global object across the list.
  `(() => { globalThis.crypto = 5; return [crypto, Object.getOwnPropertyDescriptor(globalThis, 'crypto').writable] })()`,
  `(() => { URL = 'replaced'; return URL })()`,
  `(() => { performance = 'mine'; return [performance, typeof Object.getOwnPropertyDescriptor(globalThis, 'performance').get] })()`,
];

(async () => {
  const out = [];
  for (const src of expressions) {
    const rec = { src };
    try {
      let v = (0, eval)('(' + src + ')');
      if (v && typeof v.then === 'function') v = await v;
      rec.value = v === undefined ? { undefined: true } : v;
      JSON.stringify(rec.value);
    } catch (e) {
      rec.throws = { name: e.name, code: e.code, message: e.message };
    }
    out.push(rec);
  }
  process.stdout.write(JSON.stringify(out, null, 1) + '\n');
})();

// Every node type of goja's ast package, at least once (parsed as a
// script, not as a function body, so that with and top-level var work).
var v1 = 1, [a1, , ...r1] = [1, 2, 3], { b1, c1: { d1 = 2 } = {}, ...o1 } = {};
let l1 = null;
const k1 = true;
function* gen(x = 1, ...rest) { yield x; yield* rest; }
async function af() { await null; return new.target; }
const arrowExpr = (p) => p + 1;
const arrowBlock = async ({ q }, [w]) => { return q ?? w; };
class Base { constructor(v) { this.v = v; } }
class K extends Base {
  static s = 1;
  #p = 2;
  f = this.#p;
  ['c' + 'k'] = 3;
  static { var sv = K.s; }
  constructor() { super(1); super.toString(); }
  get g() { return this.#p; }
  set g(x) { this.#p = x; }
  m() { return #p in this; }
  static sm() {}
}
const obj = { a: 1, b, ['c']: 2, ...o1, m() {}, get x() { return 1; }, set x(v) {}, async am() {}, *gm() {} };
const arr = [1, , 3, ...arr1()];
function arr1() { return []; }
const re = /a+b/gi;
const seq = (1, 2, 3);
const str = 'str';
const tpl = `a${1}b${2}c`;
const tagged = String.raw`x${str}y`;
const un = -v1 + !k1 + typeof l1 + void 0;
l1 = l1 || 2;
v1 += 1;
v1++;
--v1;
delete obj.a;
const cond = v1 ? 1 : 2;
const call = Math.max(1, 2);
const nw = new Date(0);
const nw2 = new Date;
const opt = obj?.a?.b?.(1)?.[0];
const br = obj['a'];
[a1, b1] = [b1, a1];
({ a1, b1 = 2 } = { a1: 1 });
debugger;
;
label1: for (var i = 0; i < 1; i++) { if (i) continue label1; else break label1; }
for (let j = 0; j < 1; j++) {}
for (i = 0; i < 1; i++) {}
for (var p in obj) {}
for (const p2 in obj) {}
for (p in obj) {}
for (var e of arr) {}
for (let e2 of arr) {}
for (e of arr) {}
while (false) {}
do {} while (false);
switch (v1) { case 1: break; default: }
try { throw new Error('x'); } catch (err) { } finally { }
try { } catch { }
with (obj) { a; }
if (k1) {} else if (l1) {} else {}

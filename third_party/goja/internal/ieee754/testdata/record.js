// Records what Node computes for Math's functions on a fixed set of inputs,
// for ieee754_test.go. Run with Node 24 (the V8 whose results goja matches):
//
//	node record.js > node.txt
//
// Each line: FUNCTION X [Y] RESULT, each number an IEEE 754 double as 16 hex
// digits.
'use strict';
const dv = new DataView(new ArrayBuffer(8));
const hex = (x) => { dv.setFloat64(0, x); return dv.getBigUint64(0).toString(16).padStart(16, '0'); };
const fromBits = (b) => { dv.setBigUint64(0, BigInt.asUintN(64, b)); return dv.getFloat64(0); };

// xorshift64, so that the inputs are the same on every run.
let s = 0x9e3779b97f4a7c15n;
function next() {
  s ^= (s << 13n) & 0xffffffffffffffffn;
  s ^= s >> 7n;
  s ^= (s << 17n) & 0xffffffffffffffffn;
  return s;
}
const rnd = () => Number(next() >> 11n) / 2 ** 53;
const uniform = (a, b) => a + (b - a) * rnd();

const out = [];
const emit = (x, y) => out.push(`pow ${hex(x)} ${hex(y)} ${hex(Math.pow(x, y))}`);
const emit1 = (f, x) => out.push(`${f} ${hex(x)} ${hex(Math[f](x))}`);
const emit2 = (f, y, x) => out.push(`${f} ${hex(y)} ${hex(x)} ${hex(Math[f](y, x))}`);

// Special values, against each other and ordinary ones.
const special = [NaN, 0, -0, Infinity, -Infinity, 1, -1, 0.5, -0.5, 2, -2, 3, -3, 0.1,
  Number.MIN_VALUE, -Number.MIN_VALUE, 2.2250738585072014e-308, Number.MAX_VALUE, -Number.MAX_VALUE,
  1 + Number.EPSILON, 1 - Number.EPSILON / 2, 1e-300, 1e300, 10, 1.5, -1.5, 2 ** 53, 2 ** 53 + 2, 2 ** 63, 2 ** 64];
for (const x of special) for (const y of special) emit(x, y);

// Ordinary bases and exponents.
for (let i = 0; i < 600; i++) emit(uniform(0, 3), uniform(-300, 300));
for (let i = 0; i < 400; i++) emit(uniform(0, 1e6), uniform(-60, 60));
// Compound growth: a rate close to 1 to a whole number of periods.
for (let i = 0; i < 400; i++) emit(1 + uniform(0, 0.2) / 12, Math.floor(uniform(1, 481)));
// Close to 1 to a huge power.
for (let i = 0; i < 300; i++) emit(1 + uniform(-1e-3, 1e-3), uniform(-1e6, 1e6));
// Any magnitude, subnormals included.
for (let i = 0; i < 400; i++) emit(fromBits(next() & 0x7fffffffffffffffn) || 1, uniform(-2, 2));
// Negative bases with integer exponents; and without (NaN).
for (let i = 0; i < 400; i++) emit(-uniform(0, 100), Math.floor(uniform(-200, 200)));
for (let i = 0; i < 50; i++) emit(-uniform(0, 100), uniform(-5, 5));
// Results near overflow and underflow.
for (let i = 0; i < 200; i++) emit(uniform(1.5, 10), uniform(300, 1100));
for (let i = 0; i < 200; i++) emit(uniform(1.5, 10), -uniform(300, 1100));
// Squares, square roots and cubes, as ** is written most.
for (let i = 0; i < 100; i++) { const x = uniform(-1e3, 1e3); emit(x, 2); emit(Math.abs(x), 0.5); emit(x, 3); }

// The one-argument functions: special values, then the range each is used
// in, then any magnitude.
const edges = [NaN, 0, -0, Infinity, -Infinity, 1, -1, 0.5, -0.5, 2, -2, Math.PI, -Math.PI, Math.PI / 2,
  Math.PI / 4, Math.E, 1e-300, -1e-300, Number.MIN_VALUE, -Number.MIN_VALUE, 2.2250738585072014e-308,
  Number.MAX_VALUE, -Number.MAX_VALUE, 1e-8, 1e8, 1e22, 2 ** 60, 709.78, -745.1, 710.4758600739439, 22, 0.34657359027997264];
const ranges = {
  sin: [-10, 10], cos: [-10, 10], tan: [-10, 10], asin: [-1, 1], acos: [-1, 1], atan: [-10, 10],
  exp: [-50, 50], expm1: [-5, 5], log: [0, 1000], log1p: [-1, 100], log2: [0, 1000], log10: [0, 1000],
  cbrt: [-1000, 1000], sinh: [-20, 20], cosh: [-20, 20], tanh: [-5, 5], asinh: [-100, 100],
  acosh: [1, 100], atanh: [-1, 1],
};
for (const [f, [a, b]] of Object.entries(ranges)) {
  for (const x of edges) emit1(f, x);
  for (let i = 0; i < 2000; i++) emit1(f, uniform(a, b));
  for (let i = 0; i < 300; i++) emit1(f, uniform(-1, 1) * 10 ** uniform(-8, 8));
  for (let i = 0; i < 200; i++) emit1(f, fromBits(next() & 0xffffffffffffffffn));
}
// Large arguments of the periodic functions (the slow argument reduction).
for (const f of ['sin', 'cos', 'tan']) for (let i = 0; i < 300; i++) emit1(f, uniform(-1, 1) * 10 ** uniform(5, 300));
for (const y of edges) for (const x of edges) emit2('atan2', y, x);
for (let i = 0; i < 2000; i++) emit2('atan2', uniform(-10, 10), uniform(-10, 10));
for (let i = 0; i < 300; i++) emit2('atan2', fromBits(next()), fromBits(next()));

console.log(out.join('\n'));

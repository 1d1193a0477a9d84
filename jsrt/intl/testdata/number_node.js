// Records what Node 24 (ICU 78, CLDR 48) prints for a matrix of
// Intl.NumberFormat, PluralRules, RelativeTimeFormat and ListFormat calls
// across jsrt/intl's locales; number_node_test.go replays every entry.
// Needs Node 24; run with TZ=UTC:
//   node jsrt/intl/testdata/number_node.js > jsrt/intl/testdata/number_node.json
'use strict';
if (!process.versions.node.startsWith('24.')) throw new Error('needs Node 24, not ' + process.versions.node);

const locales = [
  'en', 'en-US', 'en-001', 'en-150', 'en-GB', 'en-IN', 'en-AU', 'en-CA', 'en-IE', 'en-NZ', 'en-ZA', 'en-SG',
  'de', 'de-AT', 'de-CH', 'fr', 'fr-CA', 'fr-CH', 'fr-BE', 'es', 'es-419', 'es-MX', 'es-US', 'es-AR',
  'it', 'it-CH', 'pt', 'pt-BR', 'pt-PT', 'nl', 'nl-BE', 'sv', 'pl', 'ru', 'tr', 'ar', 'hi', 'ja', 'ko',
  'zh', 'zh-CN', 'zh-TW', 'zh-Hant', 'zh-Hant-HK', 'da', 'fi', 'nb', 'cs', 'uk', 'he', 'id', 'th', 'vi',
  'el', 'hu', 'ro',
];

const exprs = [];
const q = JSON.stringify;
for (const l of locales) {
  const L = q(l);
  const nf = (o, v) => `new Intl.NumberFormat(${L}, ${q(o)}).format(${v})`;
  for (const v of ['0', '-0', '1', '-1234.5', '1234567.891', '0.000123', '1e21', 'NaN', '-Infinity', '12345n', '"9007199254740993.25"']) {
    exprs.push(nf({}, v));
  }
  exprs.push(nf({ style: 'percent' }, '0.256'), nf({ style: 'percent', maximumFractionDigits: 1 }, '-0.0123'));
  for (const c of ['USD', 'EUR', 'JPY', 'GBP', 'INR', 'CHF', 'BRL', 'KWD']) {
    exprs.push(nf({ style: 'currency', currency: c }, '-1234.567'));
  }
  exprs.push(nf({ style: 'currency', currency: 'USD', currencyDisplay: 'code' }, '1234.5'));
  exprs.push(nf({ style: 'currency', currency: 'USD', currencyDisplay: 'name' }, '1'));
  exprs.push(nf({ style: 'currency', currency: 'EUR', currencyDisplay: 'name' }, '1234.5'));
  exprs.push(nf({ style: 'currency', currency: 'USD', currencyDisplay: 'narrowSymbol' }, '5'));
  exprs.push(nf({ style: 'currency', currency: 'EUR', currencySign: 'accounting' }, '-5'));
  exprs.push(nf({ style: 'currency', currency: 'USD', currencySign: 'accounting', signDisplay: 'always' }, '5'));
  for (const v of ['999', '1234', '12345', '123456', '1234567', '999999', '1500000000', '-2500']) {
    exprs.push(nf({ notation: 'compact' }, v));
    exprs.push(nf({ notation: 'compact', compactDisplay: 'long' }, v));
  }
  exprs.push(nf({ notation: 'compact', style: 'currency', currency: 'USD' }, '1234567'));
  exprs.push(nf({ notation: 'scientific' }, '123456'), nf({ notation: 'engineering' }, '-0.00123456'));
  for (const [u, d] of [['kilometer', 'short'], ['kilometer-per-hour', 'long'], ['megabyte', 'narrow'], ['celsius', 'short'],
    ['hour', 'long'], ['day', 'long'], ['liter-per-kilometer', 'short'], ['percent', 'short'], ['gigabyte', 'long']]) {
    exprs.push(nf({ style: 'unit', unit: u, unitDisplay: d }, '1'), nf({ style: 'unit', unit: u, unitDisplay: d }, '2.5'));
  }
  for (const s of ['always', 'exceptZero', 'never', 'negative']) {
    exprs.push(nf({ signDisplay: s }, '-0'), nf({ signDisplay: s }, '42'), nf({ signDisplay: s }, '-42'));
  }
  for (const g of [false, 'always', 'min2']) exprs.push(nf({ useGrouping: g }, '12345'));
  exprs.push(nf({ minimumFractionDigits: 2 }, '1234'), nf({ maximumSignificantDigits: 3 }, '123456'));
  exprs.push(`new Intl.NumberFormat(${L}).formatToParts(-1234.5)`);
  exprs.push(`new Intl.NumberFormat(${L}, {style:'currency',currency:'EUR'}).formatToParts(1234.5)`);
  exprs.push(`new Intl.NumberFormat(${L}).formatRange(3, 5)`);
  exprs.push(`new Intl.NumberFormat(${L}, {style:'currency',currency:'EUR'}).formatRange(3, 5)`);
  exprs.push(`new Intl.NumberFormat(${L}, {maximumFractionDigits:0}).formatRange(2.9, 3.1)`);
  exprs.push(`new Intl.NumberFormat(${L}).resolvedOptions()`);
  exprs.push(`(1234.5).toLocaleString(${L})`, `[1234.5, 2000n].toLocaleString(${L})`);

  const pr = (o) => `[0, 1, 2, 3, 5, 11, 21, 22, 101, 1.5, 0.1].map(n => new Intl.PluralRules(${L}, ${q(o)}).select(n))`;
  exprs.push(pr({}), pr({ type: 'ordinal' }), pr({ minimumFractionDigits: 1 }));
  exprs.push(`new Intl.PluralRules(${L}).resolvedOptions().pluralCategories`);
  exprs.push(`new Intl.PluralRules(${L}, {type:'ordinal'}).resolvedOptions().pluralCategories`);
  exprs.push(`new Intl.PluralRules(${L}).selectRange(1, 5)`);

  for (const st of ['long', 'short', 'narrow']) {
    for (const [v, u] of [[-3, 'day'], [1, 'hour'], [-1, 'month'], [2, 'quarter'], [-10, 'minute'], [5, 'year'], [-2, 'week'], [30, 'second']]) {
      exprs.push(`new Intl.RelativeTimeFormat(${L}, {style:'${st}'}).format(${v}, '${u}')`);
    }
  }
  for (const v of [-2, -1, 0, 1, 2]) exprs.push(`new Intl.RelativeTimeFormat(${L}, {numeric:'auto'}).format(${v}, 'day')`);
  exprs.push(`new Intl.RelativeTimeFormat(${L}, {numeric:'auto'}).format(-1, 'year')`);
  exprs.push(`new Intl.RelativeTimeFormat(${L}).formatToParts(-1234.5, 'hour')`);

  for (const t of ['conjunction', 'disjunction', 'unit']) {
    for (const st of ['long', 'short', 'narrow']) {
      exprs.push(`new Intl.ListFormat(${L}, {type:'${t}', style:'${st}'}).format(['A', 'B', 'C', 'D'])`);
    }
    exprs.push(`new Intl.ListFormat(${L}, {type:'${t}'}).format(['A', 'B'])`);
  }
  exprs.push(`new Intl.ListFormat(${L}).formatToParts(['x', 'y', 'z'])`);
}

// Options across one locale.
for (const m of ['ceil', 'floor', 'expand', 'trunc', 'halfCeil', 'halfFloor', 'halfExpand', 'halfTrunc', 'halfEven']) {
  for (const v of ['1.25', '-1.25', '1.35', '-1.35', '1.251']) {
    exprs.push(`new Intl.NumberFormat('en', {maximumFractionDigits:1, roundingMode:'${m}'}).format(${v})`);
  }
}
for (const inc of [5, 25, 50]) exprs.push(`new Intl.NumberFormat('en', {maximumFractionDigits:2, minimumFractionDigits:2, roundingIncrement:${inc}}).format(1.2345)`);
for (const p of ['morePrecision', 'lessPrecision']) {
  exprs.push(`new Intl.NumberFormat('en', {maximumFractionDigits:2, maximumSignificantDigits:2, roundingPriority:'${p}'}).format(1.2345)`);
  exprs.push(`new Intl.NumberFormat('en', {maximumFractionDigits:2, maximumSignificantDigits:2, roundingPriority:'${p}'}).format(12345.678)`);
}
exprs.push(`new Intl.NumberFormat('en', {minimumFractionDigits:2, trailingZeroDisplay:'stripIfInteger'}).format(5)`);
exprs.push(`new Intl.NumberFormat('en', {minimumFractionDigits:2, trailingZeroDisplay:'stripIfInteger'}).format(5.1)`);
exprs.push(`new Intl.NumberFormat('en', {minimumIntegerDigits:3}).format(5)`);
for (const v of ['1.005', '1.015', '2.675', '0.045', '1.45', '8.345', '1e-7', '123.456e5']) {
  exprs.push(`new Intl.NumberFormat('en', {maximumFractionDigits:2}).format(${v})`);
}
exprs.push(`new Intl.NumberFormat('en').format('123456789012345678901.5')`);
exprs.push(`new Intl.NumberFormat('en', {maximumFractionDigits:20}).format('0.1234567890123456789012')`);
exprs.push(`new Intl.NumberFormat('en').format('  -1_000 ')`);
exprs.push(`new Intl.NumberFormat('en').format('0b101')`);
exprs.push(`new Intl.NumberFormat('en-u-nu-arab').format(1234.5)`);
exprs.push(`new Intl.NumberFormat('ar-EG').format(1234.5)`);
exprs.push(`new Intl.NumberFormat('hi-u-nu-deva').format(1234567.5)`);
exprs.push(`new Intl.NumberFormat('en', {numberingSystem:'thai'}).resolvedOptions()`);
exprs.push(`new Intl.NumberFormat('en', {style:'unit', unit:'kilogram-per-liter', unitDisplay:'long'}).format(2)`);
exprs.push(`new Intl.NumberFormat('en', {style:'unit', unit:'megabit-per-second'}).format(100)`);
exprs.push(`new Intl.NumberFormat('en', {style:'unit', unit:'kilometer', unitDisplay:'long'}).formatRange(1, 5)`);
exprs.push(`new Intl.NumberFormat('en', {style:'percent'}).formatRange(0.1, 0.5)`);
exprs.push(`new Intl.NumberFormat('en', {notation:'compact'}).formatRange(1000, 5000000)`);
exprs.push(`new Intl.NumberFormat('en').formatRange(-5, -3)`);
exprs.push(`new Intl.NumberFormat('en', {style:'currency', currency:'USD'}).formatRangeToParts(3, 5)`);
exprs.push(`new Intl.PluralRules('en').selectRange(1, 1)`);
exprs.push(`new Intl.ListFormat('es').format(['agua', 'hielo'])`, `new Intl.ListFormat('es').format(['agua', 'Iglesia'])`);
exprs.push(`new Intl.ListFormat('es').format(['agua', 'hierro'])`, `new Intl.ListFormat('es', {type:'disjunction'}).format(['siete', 'ocho'])`);
exprs.push(`new Intl.ListFormat('es', {type:'disjunction'}).format(['10', '11'])`, `new Intl.ListFormat('es', {type:'disjunction'}).format(['uno', 'hoy'])`);
exprs.push(`new Intl.ListFormat('he').format(['אבא', 'Bob'])`, `new Intl.ListFormat('he').format(['אבא', 'אמא', 'Bob'])`);

const out = [];
for (const expr of exprs) {
  let result;
  try { result = JSON.stringify((0, eval)(expr)); } catch (e) { result = '!! ' + e.name; }
  out.push({ expr, result });
}
process.stdout.write('[\n' + out.map(e => JSON.stringify(e)).join(',\n') + '\n]\n');

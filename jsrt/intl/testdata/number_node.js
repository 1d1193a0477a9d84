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

// Edge cases: options, inputs, errors, the built-ins, the objects.
const edge = [
  "new Intl.NumberFormat('en',{maximumFractionDigits:0}).formatRange(-3.1,-2.9)",
  "new Intl.NumberFormat('de',{style:'currency',currency:'EUR',maximumFractionDigits:0}).formatRange(2.9,3.1)",
  "new Intl.NumberFormat('en',{style:'percent'}).formatRange(0.5,0.5)",
  "new Intl.NumberFormat('en',{style:'unit',unit:'kilometer'}).formatRange(5,5)",
  "new Intl.NumberFormat('en',{notation:'compact'}).formatRange(1000,1100)",
  "new Intl.NumberFormat('en',{signDisplay:'always'}).formatRange(3,5)",
  "new Intl.NumberFormat('en',{signDisplay:'always'}).formatRange(-3,5)",
  "new Intl.NumberFormat('en').formatRange(0,-0)",
  "new Intl.NumberFormat('en').formatRange(-Infinity,Infinity)",
  "new Intl.NumberFormat('en',{style:'currency',currency:'USD',currencyDisplay:'name'}).formatRange(1,2)",
  "new Intl.NumberFormat('en',{style:'currency',currency:'USD',currencyDisplay:'code'}).formatRange(1,2)",
  "new Intl.NumberFormat('fr',{style:'currency',currency:'EUR'}).formatRange(1,2)",
  "new Intl.NumberFormat('ja',{style:'currency',currency:'JPY'}).formatRange(1000,2000)",
  "new Intl.NumberFormat('en',{style:'unit',unit:'kilometer-per-hour'}).formatRange(50,100)",
  "new Intl.NumberFormat('ru',{style:'unit',unit:'day',unitDisplay:'long'}).formatRange(1,5)",
  "new Intl.NumberFormat('en',{notation:'scientific'}).formatRange(1000,2000)",
  "new Intl.NumberFormat('en',{maximumFractionDigits:0}).formatRangeToParts(2.9,3.1)",
  "new Intl.NumberFormat('en',{notation:'compact'}).format(999999)",
  "new Intl.NumberFormat('en',{notation:'compact'}).format(999.9)",
  "new Intl.NumberFormat('en',{notation:'compact'}).format(0.000123)",
  "new Intl.NumberFormat('en',{notation:'compact'}).format(1e15)",
  "new Intl.NumberFormat('en',{notation:'compact'}).format(1e18)",
  "new Intl.NumberFormat('en',{notation:'compact',maximumFractionDigits:2}).format(1234567)",
  "new Intl.NumberFormat('en',{notation:'compact',maximumSignificantDigits:4}).format(1234567)",
  "new Intl.NumberFormat('ja',{notation:'compact'}).format(123456789)",
  "new Intl.NumberFormat('zh',{notation:'compact'}).format(12345)",
  "new Intl.NumberFormat('ko',{notation:'compact'}).format(12345)",
  "new Intl.NumberFormat('hi',{notation:'compact'}).format(1234567)",
  "new Intl.NumberFormat('en-IN',{notation:'compact'}).format(1234567)",
  "new Intl.NumberFormat('fr',{notation:'compact',compactDisplay:'long'}).format(1000000)",
  "new Intl.NumberFormat('fr',{notation:'compact',compactDisplay:'long'}).format(2000000)",
  "new Intl.NumberFormat('es',{notation:'compact',compactDisplay:'long'}).format(1000000)",
  "new Intl.NumberFormat('ru',{notation:'compact',compactDisplay:'long'}).format(2000)",
  "new Intl.NumberFormat('ru',{notation:'compact',compactDisplay:'long'}).format(5000)",
  "new Intl.NumberFormat('ar',{notation:'compact',compactDisplay:'long'}).format(3000)",
  "new Intl.NumberFormat('en',{notation:'compact',style:'percent'}).format(123)",
  "new Intl.NumberFormat('en',{notation:'compact',style:'unit',unit:'byte'}).format(1234567)",
  "new Intl.NumberFormat('en',{notation:'compact',style:'currency',currency:'EUR',currencyDisplay:'name'}).format(1234567)",
  "new Intl.NumberFormat('en',{notation:'compact',style:'currency',currency:'USD',compactDisplay:'long'}).format(1234567)",
  "new Intl.NumberFormat('de',{notation:'compact',style:'currency',currency:'EUR'}).format(1234567)",
  "new Intl.NumberFormat('en',{notation:'compact',signDisplay:'always'}).formatToParts(1234)",
  "new Intl.NumberFormat('en',{notation:'scientific',maximumSignificantDigits:3}).format(0.00098765)",
  "new Intl.NumberFormat('en',{notation:'scientific'}).format(0)",
  "new Intl.NumberFormat('en',{notation:'scientific'}).format(9.9999)",
  "new Intl.NumberFormat('en',{notation:'engineering'}).format(999999)",
  "new Intl.NumberFormat('de',{notation:'scientific'}).format(-123456)",
  "new Intl.NumberFormat('ar-EG',{notation:'scientific'}).format(-123456)",
  "new Intl.NumberFormat('en',{notation:'scientific',style:'percent'}).format(0.5)",
  "new Intl.NumberFormat('en',{style:'currency',currency:'USD',notation:'scientific'}).format(12345)",
  "new Intl.NumberFormat('en',{maximumSignificantDigits:2}).format(0)",
  "new Intl.NumberFormat('en',{minimumSignificantDigits:3}).format(0)",
  "new Intl.NumberFormat('en',{minimumSignificantDigits:3}).format(5)",
  "new Intl.NumberFormat('en',{maximumSignificantDigits:1}).format(9.5)",
  "new Intl.NumberFormat('en',{maximumSignificantDigits:1, roundingMode:'trunc'}).format(-9.5)",
  "new Intl.NumberFormat('en',{minimumFractionDigits:3, maximumSignificantDigits:2, roundingPriority:'morePrecision'}).format(1)",
  "new Intl.NumberFormat('en',{maximumFractionDigits:1, roundingMode:'ceil'}).format(-0.01)",
  "new Intl.NumberFormat('en',{maximumFractionDigits:1, roundingMode:'floor'}).format(0.01)",
  "new Intl.NumberFormat('en',{maximumFractionDigits:1, roundingMode:'expand'}).format(0.01)",
  "new Intl.NumberFormat('en',{maximumFractionDigits:0, roundingMode:'halfEven'}).format(2.5)",
  "new Intl.NumberFormat('en',{maximumFractionDigits:0, roundingMode:'halfEven'}).format(3.5)",
  "new Intl.NumberFormat('en',{maximumFractionDigits:0, roundingMode:'halfEven'}).format(0.5)",
  "new Intl.NumberFormat('en',{maximumFractionDigits:0, roundingMode:'halfEven'}).format(-0.5)",
  "new Intl.NumberFormat('en',{maximumFractionDigits:0}).format(-0.4)",
  "new Intl.NumberFormat('en',{minimumFractionDigits:0,maximumFractionDigits:0,roundingIncrement:5000}).format(12345)",
  "new Intl.NumberFormat('en',{minimumFractionDigits:2,maximumFractionDigits:2,roundingIncrement:50}).format(1.26)",
  "new Intl.NumberFormat('en',{roundingIncrement:5, maximumFractionDigits:0}).format(12)",
  "new Intl.NumberFormat('en',{roundingIncrement:5}).resolvedOptions()",
  "new Intl.NumberFormat('en',{style:'currency',currency:'JPY',roundingIncrement:5}).format(12)",
  "new Intl.NumberFormat('en',{maximumFractionDigits:100}).format(0.1)",
  "new Intl.NumberFormat('en',{minimumFractionDigits:20}).format(0.1)",
  "new Intl.NumberFormat('en',{minimumIntegerDigits:21}).format(1)",
  "new Intl.NumberFormat('en',{maximumSignificantDigits:21}).format(0.1)",
  "new Intl.NumberFormat('en').format(1e-7)",
  "new Intl.NumberFormat('en').format(Number.MAX_VALUE)",
  "new Intl.NumberFormat('en').format(Number.MIN_VALUE)",
  "new Intl.NumberFormat('en').format(5e-324)",
  "new Intl.NumberFormat('en').format(0.1+0.2)",
  "new Intl.NumberFormat('en',{maximumFractionDigits:20}).format(0.1+0.2)",
  "new Intl.NumberFormat('en').format(true)",
  "new Intl.NumberFormat('en').format(null)",
  "new Intl.NumberFormat('en').format()",
  "new Intl.NumberFormat('en').format([5])",
  "new Intl.NumberFormat('en').format({valueOf(){return 42}})",
  "new Intl.NumberFormat('en').format(Symbol())",
  "new Intl.NumberFormat('en').format('')",
  "new Intl.NumberFormat('en').format('  ')",
  "new Intl.NumberFormat('en').format('1e')",
  "new Intl.NumberFormat('en').format('.5')",
  "new Intl.NumberFormat('en').format('5.')",
  "new Intl.NumberFormat('en').format('-.5e-3')",
  "new Intl.NumberFormat('en').format('+Infinity')",
  "new Intl.NumberFormat('en').format('-Infinity')",
  "new Intl.NumberFormat('en').format('infinity')",
  "new Intl.NumberFormat('en').format('0x')",
  "new Intl.NumberFormat('en').format('-0x10')",
  "new Intl.NumberFormat('en').format('1e-400')",
  "new Intl.NumberFormat('en').format('-1e-400')",
  "new Intl.NumberFormat('en').format(-0n)",
  "new Intl.NumberFormat('en',{style:'percent'}).format(-0)",
  "new Intl.NumberFormat('en',{signDisplay:'negative'}).format(-0.0001)",
  "new Intl.NumberFormat('en',{signDisplay:'always'}).format(NaN)",
  "new Intl.NumberFormat('en',{signDisplay:'exceptZero'}).format(NaN)",
  "new Intl.NumberFormat('en',{signDisplay:'never'}).format(-Infinity)",
  "new Intl.NumberFormat('en',{signDisplay:'always'}).format(Infinity)",
  "new Intl.NumberFormat('de',{style:'percent'}).formatToParts(-0.5)",
  "new Intl.NumberFormat('tr',{style:'percent'}).format(0.5)",
  "new Intl.NumberFormat('ar',{style:'percent',signDisplay:'always'}).formatToParts(0.5)",
  "new Intl.NumberFormat('he',{style:'currency',currency:'ILS'}).formatToParts(-5)",
  "new Intl.NumberFormat('en',{style:'unit',unit:'fluid-ounce',unitDisplay:'long'}).format(3)",
  "new Intl.NumberFormat('en',{style:'unit',unit:'mile-scandinavian'}).format(3)",
  "new Intl.NumberFormat('en',{style:'unit',unit:'byte',unitDisplay:'narrow'}).format(1024)",
  "new Intl.NumberFormat('en',{style:'unit',unit:'second',unitDisplay:'narrow'}).format(30)",
  "new Intl.NumberFormat('en',{style:'unit',unit:'inch-per-second'}).format(30)",
  "new Intl.NumberFormat('de',{style:'unit',unit:'inch-per-second',unitDisplay:'long'}).format(30)",
  "new Intl.NumberFormat('ja',{style:'unit',unit:'megabyte-per-second',unitDisplay:'long'}).format(30)",
  "new Intl.NumberFormat('en',{style:'unit',unit:'percent',unitDisplay:'long'}).formatToParts(30)",
  "new Intl.NumberFormat('en',{style:'unit',unit:'celsius',unitDisplay:'narrow'}).formatToParts(-3)",
  "new Intl.NumberFormat('en',{style:'unit',unit:'meter',signDisplay:'always'}).formatToParts(3)",
  "new Intl.NumberFormat('en',{style:'unit',unit:'kilometer-per-liter'}).format(3)",
  "new Intl.NumberFormat('en',{style:'unit',unit:'Kilometer'}).format(3)",
  "new Intl.NumberFormat('en',{style:'decimal',unit:'meter'}).resolvedOptions()",
  "new Intl.NumberFormat('en',{style:'currency',currency:'USD',unit:'foo'}).format(1)",
  "new Intl.NumberFormat('en',{currency:'US'})",
  "new Intl.NumberFormat('en',{currency:'usd'}).resolvedOptions()",
  "new Intl.NumberFormat('en',{style:'currency',currency:'usd'}).resolvedOptions()",
  "new Intl.NumberFormat('en',{style:'currency',currency:'CLF'}).format(1.23456)",
  "new Intl.NumberFormat('en',{style:'currency',currency:'TND'}).format(1.23456)",
  "new Intl.NumberFormat('en',{style:'currency',currency:'JPY',minimumFractionDigits:2}).format(1.23456)",
  "new Intl.NumberFormat('en',{style:'currency',currency:'USD',maximumFractionDigits:0}).format(1.5)",
  "new Intl.NumberFormat('en',{style:'currency',currency:'USD',minimumFractionDigits:0}).format(1.5)",
  "new Intl.NumberFormat('en',{style:'currency',currency:'USD',maximumFractionDigits:1}).format(1.5)",
  "new Intl.NumberFormat('en',{style:'currency',currency:'EUR',currencyDisplay:'name'}).format(-1)",
  "new Intl.NumberFormat('en',{style:'currency',currency:'EUR',currencyDisplay:'name',currencySign:'accounting'}).format(-1)",
  "new Intl.NumberFormat('ru',{style:'currency',currency:'RUB',currencyDisplay:'name'}).format(2)",
  "new Intl.NumberFormat('ru',{style:'currency',currency:'RUB',currencyDisplay:'name'}).format(5)",
  "new Intl.NumberFormat('ru',{style:'currency',currency:'RUB',currencyDisplay:'name'}).format(1.5)",
  "new Intl.NumberFormat('en',{style:'currency',currency:'XYZ',currencyDisplay:'name'}).format(2)",
  "new Intl.NumberFormat('en',{style:'currency',currency:'XYZ',currencyDisplay:'narrowSymbol'}).format(2)",
  "new Intl.NumberFormat('ja',{style:'currency',currency:'USD'}).format(2)",
  "new Intl.NumberFormat('zh-TW',{style:'currency',currency:'TWD'}).format(2)",
  "new Intl.NumberFormat('ko',{style:'currency',currency:'KRW'}).format(1234)",
  "new Intl.NumberFormat('hi',{style:'currency',currency:'INR'}).format(1234567.5)",
  "new Intl.NumberFormat('en-IN',{style:'currency',currency:'INR'}).format(1234567.5)",
  "new Intl.NumberFormat('en-IN',{style:'currency',currency:'INR',notation:'compact'}).format(1234567.5)",
  "new Intl.NumberFormat('id',{style:'currency',currency:'IDR'}).format(1234567.5)",
  "new Intl.NumberFormat('vi',{style:'currency',currency:'VND'}).format(1234567.5)",
  "new Intl.NumberFormat('th',{style:'currency',currency:'THB'}).format(1234567.5)",
  "new Intl.NumberFormat('sv',{style:'currency',currency:'SEK'}).format(-1234567.5)",
  "new Intl.NumberFormat('pl',{style:'currency',currency:'PLN'}).format(1234.5)",
  "new Intl.NumberFormat('pl',{style:'currency',currency:'PLN'}).format(12345.5)",
  "new Intl.NumberFormat('es',{style:'currency',currency:'EUR'}).format(1234.5)",
  "new Intl.NumberFormat('es-MX',{style:'currency',currency:'MXN'}).format(1234.5)",
  "new Intl.NumberFormat('pt-BR',{style:'currency',currency:'BRL'}).format(1234.5)",
  "new Intl.NumberFormat('tr',{style:'currency',currency:'TRY'}).format(1234.5)",
  "new Intl.NumberFormat('uk',{style:'currency',currency:'UAH'}).format(1234.5)",
  "new Intl.NumberFormat('cs',{style:'currency',currency:'CZK'}).format(1234.5)",
  "new Intl.NumberFormat('hu',{style:'currency',currency:'HUF'}).format(1234.5)",
  "new Intl.NumberFormat('ro',{style:'currency',currency:'RON'}).format(1234.5)",
  "new Intl.NumberFormat('el',{style:'currency',currency:'EUR'}).format(1234.5)",
  "new Intl.NumberFormat('da',{style:'currency',currency:'DKK'}).format(1234.5)",
  "new Intl.NumberFormat('nb',{style:'currency',currency:'NOK'}).format(-1234.5)",
  "new Intl.NumberFormat('fi',{style:'currency',currency:'EUR'}).format(-1234.5)",
  "new Intl.NumberFormat('de-CH',{style:'currency',currency:'CHF'}).format(-1234.5)",
  "new Intl.NumberFormat('it-CH',{style:'currency',currency:'CHF'}).format(-1234.5)",
  "new Intl.NumberFormat('fr-CA',{style:'currency',currency:'CAD'}).format(-1234.5)",
  "new Intl.NumberFormat('en-CA',{style:'currency',currency:'CAD'}).format(-1234.5)",
  "new Intl.NumberFormat('nl-BE',{style:'currency',currency:'EUR'}).format(-1234.5)",
  "new Intl.NumberFormat('fr-BE',{style:'currency',currency:'EUR'}).format(-1234.5)",
  "new Intl.NumberFormat('es-AR',{style:'currency',currency:'ARS'}).format(-1234.5)",
  "new Intl.NumberFormat('es-US',{style:'currency',currency:'USD'}).format(-1234.5)",
  "new Intl.NumberFormat('zh-Hant-HK',{style:'currency',currency:'HKD'}).format(-1234.5)",
  "new Intl.NumberFormat('en-AU',{style:'currency',currency:'AUD'}).format(-1234.5)",
  "new Intl.NumberFormat('en-AU',{style:'currency',currency:'USD'}).format(-1234.5)",
  "new Intl.NumberFormat('en-NZ',{style:'currency',currency:'NZD'}).format(-1234.5)",
  "new Intl.NumberFormat('en-SG',{style:'currency',currency:'SGD'}).format(-1234.5)",
  "new Intl.NumberFormat('en-ZA',{style:'currency',currency:'ZAR'}).format(-1234.5)",
  "new Intl.NumberFormat('en-IE',{style:'currency',currency:'EUR'}).format(-1234.5)",
  "new Intl.NumberFormat('en-GB',{style:'currency',currency:'GBP', currencySign:'accounting'}).format(-1234.5)",
  "new Intl.NumberFormat('de',{style:'currency',currency:'EUR', currencySign:'accounting'}).format(-1234.5)",
  "new Intl.NumberFormat('ja',{style:'currency',currency:'JPY', currencySign:'accounting'}).format(-1234.5)",
  "new Intl.NumberFormat('fr',{style:'currency',currency:'EUR', currencySign:'accounting'}).format(-1234.5)",
  "new Intl.NumberFormat('nl',{style:'currency',currency:'EUR', currencySign:'accounting'}).format(-1234.5)",
  "new Intl.NumberFormat('ar',{style:'currency',currency:'SAR'}).format(-1234.5)",
  "new Intl.NumberFormat('ar-SA',{style:'currency',currency:'SAR'}).format(-1234.5)",
  "new Intl.NumberFormat('ar-SA').resolvedOptions()",
  "new Intl.NumberFormat('ar-u-nu-arab',{style:'percent'}).formatToParts(-0.5)",
  "new Intl.NumberFormat('hi').format(12345678)",
  "new Intl.NumberFormat('hi-IN').format(12345678)",
  "new Intl.NumberFormat('en-IN',{useGrouping:'min2'}).format(1234)",
  "new Intl.NumberFormat('es',{useGrouping:'always'}).format(1234)",
  "new Intl.NumberFormat('es',{style:'currency',currency:'EUR'}).format(1234)",
  "new Intl.NumberFormat('es-MX').format(1234)",
  "new Intl.NumberFormat('pt-PT').format(1234)",
  "new Intl.NumberFormat('ja').resolvedOptions().locale",
  "new Intl.NumberFormat(['xx','de-AT']).resolvedOptions().locale",
  "new Intl.NumberFormat('de-u-nu-latn').resolvedOptions().locale",
  "new Intl.NumberFormat('zh-Hans-CN').resolvedOptions().locale",
  "new Intl.NumberFormat('zh-HK').resolvedOptions().locale",
  "new Intl.NumberFormat('EN-us').resolvedOptions().locale",
  "new Intl.NumberFormat('en-US-u-nu-thai-ca-gregory').resolvedOptions()",
  "new Intl.NumberFormat('en',{localeMatcher:'xx'})",
  "new Intl.NumberFormat('en',{style:'Decimal'})",
  "new Intl.NumberFormat('en', null)",
  "new Intl.NumberFormat('en', 5).format(1)",
  "new Intl.NumberFormat(5)",
  "new Intl.NumberFormat('en-').format(1)",
  "Intl.NumberFormat.supportedLocalesOf('en-US')",
  "Intl.NumberFormat.supportedLocalesOf()",
  "Intl.NumberFormat.supportedLocalesOf(['fr-FR','zz'],{localeMatcher:'lookup'})",
  "Intl.NumberFormat.supportedLocalesOf.length",
  "Intl.NumberFormat.prototype.formatRange.length",
  "Intl.NumberFormat.prototype.formatToParts.length",
  "Intl.NumberFormat.prototype.resolvedOptions.length",
  "Intl.PluralRules.prototype.selectRange.length",
  "Intl.RelativeTimeFormat.prototype.format.length",
  "Intl.ListFormat.prototype.format.length",
  "Object.getOwnPropertyNames(Intl.PluralRules.prototype)",
  "Object.getOwnPropertyNames(Intl.RelativeTimeFormat.prototype)",
  "Object.getOwnPropertyNames(Intl.ListFormat.prototype)",
  "Object.getOwnPropertyNames(new Intl.NumberFormat())",
  "Object.keys(Intl)",
  "Intl.PluralRules.prototype[Symbol.toStringTag]",
  "Intl.RelativeTimeFormat.prototype[Symbol.toStringTag] + Intl.ListFormat.prototype[Symbol.toStringTag]",
  "Object.getOwnPropertyDescriptor(Intl, 'NumberFormat')",
  "Object.getOwnPropertyDescriptor(Intl.NumberFormat.prototype, Symbol.toStringTag)",
  "Object.getOwnPropertyDescriptor(Intl.NumberFormat.prototype, 'format').set",
  "Intl.PluralRules.prototype.select.call(new Intl.NumberFormat(), 1)",
  "Intl.NumberFormat.prototype.resolvedOptions.call(new Intl.PluralRules())",
  "Intl.NumberFormat.prototype.resolvedOptions.call(5)",
  "Intl.RelativeTimeFormat('en')",
  "Intl.ListFormat()",
  "new Intl.NumberFormat().format === new Intl.NumberFormat().format",
  "(function(){ const f = new Intl.NumberFormat('de'); return f.format === f.format })()",
  "(function(){ const f = new Intl.NumberFormat('de').format; return [1,2000,3.5].map(f) })()",
  "(1234.5).toLocaleString()",
  "(1234.5).toLocaleString(undefined, {style:'currency',currency:'EUR'})",
  "(1234.5).toLocaleString('de-DE', {maximumFractionDigits:0})",
  "(0.256).toLocaleString('en', {style:'percent', minimumFractionDigits:1})",
  "(NaN).toLocaleString('de')",
  "(-0).toLocaleString()",
  "Number.prototype.toLocaleString.call('5')",
  "Number.prototype.toLocaleString.call(new Number(5), 'de', {minimumFractionDigits:2})",
  "Number.prototype.toLocaleString.length",
  "(12345678901234567890n).toLocaleString('de')",
  "(5n).toLocaleString('en',{style:'currency',currency:'USD'})",
  "BigInt.prototype.toLocaleString.call(5)",
  "[1234.5, null, undefined, 'x', 2].toLocaleString('de')",
  "[1234.5, [5678.9, 1e6]].toLocaleString('en-IN')",
  "[1,2].toLocaleString('en', {style:'currency', currency:'USD'})",
  "[].toLocaleString()",
  "(function(){ const a = [1000]; a.push(a); return a.toLocaleString('en') })()",
  "Array.prototype.toLocaleString.call({length:2, 0: 1000, 1: 2000}, 'de')",
  "[{toLocaleString(l, o){ return l + JSON.stringify(o) }}].toLocaleString('fr', {a:1})",
  "Object.getOwnPropertyDescriptor(Intl.NumberFormat,\"name\")",
  "Object.getOwnPropertyDescriptor(Intl.NumberFormat.prototype,\"format\")",
  "Object.getOwnPropertyDescriptor(Intl.NumberFormat.prototype,\"formatToParts\")",
  "Object.getOwnPropertyDescriptor(Intl,Symbol.toStringTag)",
  "(function(){ let a = []; for (let i = 0; i < 1500; i++) a = [a]; return a.toLocaleString() })()",
  "new Intl.PluralRules().select(1n)",
  "new Intl.PluralRules().select('1')",
  "new Intl.PluralRules().select(null)",
  "new Intl.PluralRules().select()",
  "new Intl.RelativeTimeFormat().format('3', 'day')",
  "new Intl.RelativeTimeFormat().format(3n, 'day')",
  "new Intl.RelativeTimeFormat().format(1, {toString(){return 'day'}})",
  "new Intl.RelativeTimeFormat().format(1)",
  "new Intl.ListFormat().format('abc')",
  "new Intl.ListFormat().format(new Set(['a','b']))",
  "new Intl.NumberFormat().formatRange(1n, 5n)",
  "new Intl.NumberFormat().formatRange('1', '1e3')",
  "new Intl.NumberFormat('en', {maximumFractionDigits: 2.9}).resolvedOptions().maximumFractionDigits",
  "new Intl.NumberFormat('en', {maximumFractionDigits: '2'}).format(1.23456)",
  "new Intl.NumberFormat('en', {minimumFractionDigits: 5}).resolvedOptions()",
  "new Intl.NumberFormat('en', {style:'currency', currency:'JPY', minimumFractionDigits: 5}).resolvedOptions()",
  "new Intl.NumberFormat('en', {style:'currency', currency:'USD', maximumFractionDigits: 0}).resolvedOptions()",
  "new Intl.NumberFormat('en', {maximumSignificantDigits: 2, minimumSignificantDigits: 3})",
  "new Intl.NumberFormat('en', {notation:'compact', maximumFractionDigits: 1}).resolvedOptions()",
  "new Intl.NumberFormat('en', {notation:'compact', maximumSignificantDigits: 3}).resolvedOptions()",
  "new Intl.NumberFormat('en', {roundingPriority:'morePrecision'}).resolvedOptions()",
  "new Intl.NumberFormat('en', {style:'percent', maximumSignificantDigits: 2}).format(0.12345)",
  "new Intl.NumberFormat('en', {style:'unit', unit:'percent', maximumFractionDigits: 1}).format(12.345)",
  "(0).toLocaleString('en', {style:'currency', currency:'EUR'})",
  "(-0.001).toLocaleString('en', {style:'currency', currency:'EUR'})",
  "(1e-10).toLocaleString()",
  "(123.456).toLocaleString('en', {maximumFractionDigits: 0})",
  "(0.5).toLocaleString('en', {maximumFractionDigits: 0})",
  "(1.5).toLocaleString('en', {maximumFractionDigits: 0})",
  "(2.5).toLocaleString('en', {maximumFractionDigits: 0})",
  "(-2.5).toLocaleString('en', {maximumFractionDigits: 0})",
  "(1234.5).toLocaleString(['xx-YY', 'de'])",
  "(1234.5).toLocaleString([])",
  "(1234.5).toLocaleString('en-US-u-nu-fullwide')",
  "(1234.5).toLocaleString('ja-JP-u-nu-hanidec')",
  "(1234.5).toLocaleString('zh-Hans-CN-u-nu-hanidec')",
  "Number.prototype.toLocaleString.call(new Number(NaN))",
  "new Intl.NumberFormat('en', {style: 'unit', unit: 'liter', unitDisplay: 'long'}).format(1)",
  "new Intl.NumberFormat('en-GB', {style: 'unit', unit: 'liter', unitDisplay: 'long'}).format(2)",
  "new Intl.NumberFormat('en', {style: 'unit', unit: 'kilobyte'}).format(1.5)",
  "new Intl.NumberFormat('de', {style: 'unit', unit: 'kilobyte', unitDisplay:'long'}).format(1.5)",
  "new Intl.NumberFormat('fr', {style: 'unit', unit: 'kilometer-per-hour', unitDisplay:'long'}).format(1.5)",
  "new Intl.NumberFormat('ja', {style: 'unit', unit: 'hour', unitDisplay:'long'}).format(3)",
  "new Intl.NumberFormat('ko', {style: 'unit', unit: 'day', unitDisplay:'narrow'}).format(3)",
  "new Intl.NumberFormat('zh', {style: 'unit', unit: 'minute', unitDisplay:'long'}).format(3)",
  "new Intl.RelativeTimeFormat('en', {numeric:'auto'}).format(0, 'second')",
  "new Intl.RelativeTimeFormat('en', {numeric:'auto'}).format(0, 'hour')",
  "new Intl.RelativeTimeFormat('en', {numeric:'auto'}).format(-1, 'quarter')",
  "new Intl.RelativeTimeFormat('fr', {numeric:'auto'}).format(2, 'day')",
  "new Intl.RelativeTimeFormat('es', {numeric:'auto'}).format(-2, 'day')",
  "new Intl.RelativeTimeFormat('en', {numeric:'auto'}).format(1.0, 'day')",
  "new Intl.RelativeTimeFormat('en', {numeric:'auto'}).format(1.5, 'day')",
  "new Intl.RelativeTimeFormat('en', {numeric:'auto'}).formatToParts(-1.5, 'day')",
  "new Intl.RelativeTimeFormat('en').formatToParts(100, 'day')",
  "new Intl.RelativeTimeFormat('en', {style:'narrow'}).format(-1, 'quarter')",
  "new Intl.RelativeTimeFormat('ar').format(-1, 'day')",
  "new Intl.RelativeTimeFormat('ar').format(-2, 'day')",
  "new Intl.RelativeTimeFormat('ar').format(-3, 'day')",
  "new Intl.RelativeTimeFormat('ar').format(-11, 'day')",
  "new Intl.RelativeTimeFormat('pl').format(-5, 'minute')",
  "new Intl.RelativeTimeFormat('pl').format(-22, 'minute')",
  "new Intl.RelativeTimeFormat('en-u-nu-arab').resolvedOptions()",
  "Intl.RelativeTimeFormat.supportedLocalesOf(['en', 'tlh'])",
  "Intl.ListFormat.supportedLocalesOf('de')",
  "Intl.PluralRules.supportedLocalesOf(['ja-JP'])",
  "new Intl.NumberFormat('en').format({[Symbol.toPrimitive](h) { return h === 'number' ? 12345678901234567890n : 'x' }})",
  "new Intl.NumberFormat('en').format({[Symbol.toPrimitive](h) { return '1234.5' }})",
  "new Intl.NumberFormat('en').format(new Date(86400000))",
  "new Intl.NumberFormat('en').format({valueOf() { return '77.5' }})",
  "new Intl.NumberFormat('en').format({toString() { return '99' }})",
  "new Intl.NumberFormat('en').format(Object(5n))",
  "new Intl.NumberFormat('en').format({[Symbol.toPrimitive]() { return {} }})",
  // The order in which options are read.
  "(() => { const log = []; const o = new Proxy({style: 'currency', currency: 'EUR', notation: 'compact'}, {get(t, k) { log.push(String(k)); return t[k] }}); new Intl.NumberFormat('en', o); return log.join() })()",
  "(() => { const log = []; const o = new Proxy({style: 'unit', unit: 'meter'}, {get(t, k) { log.push(String(k)); return t[k] }}); new Intl.NumberFormat('en', o); return log.join() })()",
  "(() => { const log = []; const o = new Proxy({}, {get(t, k) { log.push(String(k)); return t[k] }}); new Intl.PluralRules('en', o); return log.join() })()",
  "(() => { const log = []; const o = new Proxy({}, {get(t, k) { log.push(String(k)); return t[k] }}); new Intl.RelativeTimeFormat('en', o); return log.join() })()",
  "(() => { const log = []; const o = new Proxy({}, {get(t, k) { log.push(String(k)); return t[k] }}); new Intl.ListFormat('en', o); return log.join() })()",
  "(() => { const log = []; const o = new Proxy({}, {get(t, k) { log.push(String(k)); return t[k] }}); (5).toLocaleString('en', o); return log.join() })()",
  "(() => { const log = []; const o = new Proxy({}, {get(t, k) { log.push(String(k)); return t[k] }}); Intl.NumberFormat.supportedLocalesOf('en', o); return log.join() })()",
  "Object.getOwnPropertyDescriptor(Intl.NumberFormat.prototype, \"constructor\")",
  "Object.getOwnPropertyDescriptor(Intl.PluralRules, \"prototype\")",
  "Object.getOwnPropertyNames(Intl.ListFormat.prototype)",
  "Object.getOwnPropertyNames(Intl.NumberFormat)",
];
exprs.push(...edge);

// Random combinations of options, inputs and locales (a fixed seed, so
// the table is the same each time).
let seed = 20260;
function randomNumberFormat(n) {
const rnd = () => { seed |= 0; seed = seed + 0x6D2B79F5 | 0; let t = Math.imul(seed ^ seed >>> 15, 1 | seed); t = t + Math.imul(t ^ t >>> 7, 61 | t) ^ t; return ((t ^ t >>> 14) >>> 0) / 4294967296; };
const pick = a => a[Math.floor(rnd() * a.length)];
const locs = ['en','en-GB','en-IN','de','de-CH','de-AT','fr','fr-CA','fr-CH','es','es-MX','it','pt','pt-PT','nl','sv','pl','ru','tr','ar','ar-EG','hi','ja','ko','zh','zh-TW','da','fi','nb','cs','uk','he','id','th','vi','el','hu','ro','en-ZA','es-419'];
const vals = ['0','-0','1','-1','0.5','1.005','999.95','1234.5678','-98765.4321','1e21','1e-7','123456789','0.000999','99999.5','-0.0001','2.5','Infinity','NaN','"1234.5"','12345n','-7n'];
const units = ['kilometer','meter','mile','hour','minute','second','day','week','month','year','byte','kilobyte','megabyte','gigabyte','celsius','fahrenheit','percent','liter','kilogram','pound','inch','foot','kilometer-per-hour','mile-per-hour','meter-per-second','liter-per-kilometer','mile-per-gallon','gigabyte-per-second','kilogram-per-meter'];
const curs = ['USD','EUR','JPY','GBP','INR','CHF','CNY','KRW','BRL','RUB','SAR','ILS','THB','VND','TRY','PLN','CZK','HUF','SEK','XYZ','KWD','CLP'];
const out = [];
for (let i = 0; i < n; i++) {
  const o = {};
  const st = pick(['decimal','percent','currency','unit','decimal']);
  if (st !== 'decimal') o.style = st;
  if (st === 'currency') { o.currency = pick(curs); if (rnd() < .5) o.currencyDisplay = pick(['code','symbol','narrowSymbol','name']); if (rnd() < .3) o.currencySign = 'accounting'; }
  if (st === 'unit') { o.unit = pick(units); if (rnd() < .7) o.unitDisplay = pick(['short','long','narrow']); }
  if (rnd() < .3) o.notation = pick(['compact','scientific','engineering','standard']);
  if (o.notation === 'compact' && rnd() < .5) o.compactDisplay = 'long';
  if (rnd() < .25) o.signDisplay = pick(['always','exceptZero','never','negative']);
  if (rnd() < .2) o.useGrouping = pick([false,'always','min2','auto']);
  if (rnd() < .2) o.maximumFractionDigits = pick([0,1,2,4]);
  if (rnd() < .1) o.minimumFractionDigits = pick([0,1,2]);
  if (rnd() < .15) o.maximumSignificantDigits = pick([1,2,3,5]);
  if (rnd() < .1) o.roundingMode = pick(['ceil','floor','expand','trunc','halfCeil','halfFloor','halfTrunc','halfEven']);
  if (rnd() < .05) o.minimumIntegerDigits = pick([2,4]);
  if (o.minimumFractionDigits !== undefined && o.maximumFractionDigits !== undefined && o.minimumFractionDigits > o.maximumFractionDigits) delete o.minimumFractionDigits;
  const L = JSON.stringify(pick(locs));
  const m = rnd();
  if (m < .6) out.push(`new Intl.NumberFormat(${L}, ${JSON.stringify(o)}).format(${pick(vals)})`);
  else if (m < .8) out.push(`new Intl.NumberFormat(${L}, ${JSON.stringify(o)}).formatToParts(${pick(vals)})`);
  else if (m < .95) { const a = pick(['1','3','-5','0.5','1000','2.9','1234.5']); const b = pick(['5','3.1','10','1000000','-2','3']); out.push(`new Intl.NumberFormat(${L}, ${JSON.stringify(o)}).formatRange(${a}, ${b})`); }
  else out.push(`new Intl.NumberFormat(${L}, ${JSON.stringify(o)}).resolvedOptions()`);
}
return out;

}
function randomOthers(n) {
const rnd2 = () => { seed |= 0; seed = seed + 0x6D2B79F5 | 0; let t = Math.imul(seed ^ seed >>> 15, 1 | seed); t = t + Math.imul(t ^ t >>> 7, 61 | t) ^ t; return ((t ^ t >>> 14) >>> 0) / 4294967296; };
const pick = a => a[Math.floor(rnd2() * a.length)];
const locs = ['en','en-GB','en-IN','de','de-CH','fr','fr-CA','es','es-MX','it','pt','pt-PT','nl','sv','pl','ru','tr','ar','ar-EG','hi','ja','ko','zh','zh-TW','da','fi','nb','cs','uk','he','id','th','vi','el','hu','ro','zh-Hant-HK','en-AU'];
const out = [];
for (let i = 0; i < n; i++) {
  const L = JSON.stringify(pick(locs));
  const m = rnd2();
  if (m < .4) {
    const o = {};
    if (rnd2() < .5) o.style = pick(['long','short','narrow']);
    if (rnd2() < .5) o.numeric = pick(['auto','always']);
    if (rnd2() < .1) o.numberingSystem = pick(['arab','deva','latn']);
    const v = pick(['-2','-1','0','-0','1','2','3','-5','1.5','-0.5','10','-21','100','1000','-1234.5','22','11','0.1']);
    const u = pick(['second','seconds','minute','minutes','hour','hours','day','days','week','weeks','month','months','quarter','quarters','year','years']);
    out.push(`new Intl.RelativeTimeFormat(${L}, ${JSON.stringify(o)}).${pick(['format','formatToParts','format'])}(${v}, '${u}')`);
  } else if (m < .7) {
    const o = {};
    if (rnd2() < .4) o.type = 'ordinal';
    if (rnd2() < .2) o.minimumFractionDigits = pick([0,1,2]);
    if (rnd2() < .1) o.maximumSignificantDigits = pick([1,2,3]);
    if (rnd2() < .1) o.roundingMode = pick(['floor','ceil']);
    const v = pick(['0','1','2','3','4','5','6','7','8','10','11','12','13','21','22','23','101','111','1000000','1.5','0.5','1.0','2.5','0.01','1e6','-1','-2']);
    if (rnd2() < .8) out.push(`new Intl.PluralRules(${L}, ${JSON.stringify(o)}).select(${v})`);
    else out.push(`new Intl.PluralRules(${L}, ${JSON.stringify(o)}).selectRange(${pick(['0','1','2','5','1.5'])}, ${pick(['1','2','5','10','21','1.5'])})`);
  } else {
    const o = {};
    if (rnd2() < .6) o.type = pick(['conjunction','disjunction','unit']);
    if (rnd2() < .6) o.style = pick(['long','short','narrow']);
    const words = ['apple','Ice','hielo','hijo','ocho','oro','11','8','Iglesia','אבא','Bob','רותי','猫','x'];
    const n = Math.floor(rnd2() * 5);
    const items = Array.from({length: n}, () => pick(words));
    out.push(`new Intl.ListFormat(${L}, ${JSON.stringify(o)}).${pick(['format','formatToParts','format'])}(${JSON.stringify(items)})`);
  }
}
return out;

}
exprs.push(...new Set(randomNumberFormat(2000)), ...new Set(randomOthers(1200)));

const out = [];
for (const expr of exprs) {
  let result;
  try { result = JSON.stringify((0, eval)(expr)); } catch (e) { result = '!! ' + e.name; }
  out.push({ expr, result });
}
process.stdout.write('[\n' + out.map(e => JSON.stringify(e)).join(',\n') + '\n]\n');

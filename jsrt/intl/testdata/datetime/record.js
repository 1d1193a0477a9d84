// Records Node's output for the Intl.DateTimeFormat test table
// (cases.json), which datetime_test.go replays. Needs Node 24 (ICU 78,
// CLDR 48), run with TZ=UTC:
//
//	TZ=UTC node jsrt/intl/testdata/datetime/record.js > jsrt/intl/testdata/datetime/cases.json
'use strict';

const dates = [
  Date.UTC(2025, 2, 3, 14, 5, 9, 123), // Monday afternoon
  Date.UTC(2024, 11, 31, 23, 59, 59, 999), // New Year's Eve, late
  Date.UTC(2025, 6, 4, 0, 0, 0, 0), // midnight UTC in summer
  Date.UTC(2025, 0, 5, 12, 0, 0, 7), // noon, Sunday
];
const oddDates = [
  Date.UTC(1000, 0, 1, 6, 30), // before the Gregorian reform
  Date.UTC(-50, 5, 15, 10, 0), // BC
  Date.UTC(1, 0, 1), // year 1
  Date.UTC(0, 0, 1), // year 0 = 1 BC
  Date.UTC(1969, 11, 31, 23, 59, 59, 999),
  Date.UTC(2100, 1, 28, 9, 1, 2),
  Date.UTC(275760, 8, 13), // the largest time value
  -8.64e15,
];
const zones = ['UTC', 'America/New_York', 'Europe/Berlin', 'Australia/Sydney', 'Asia/Kolkata', 'America/Los_Angeles', 'Asia/Tokyo', 'Europe/London'];

const optionSets = [
  undefined,
  {},
  { dateStyle: 'full' }, { dateStyle: 'long' }, { dateStyle: 'medium' }, { dateStyle: 'short' },
  { timeStyle: 'full' }, { timeStyle: 'long' }, { timeStyle: 'medium' }, { timeStyle: 'short' },
  { dateStyle: 'full', timeStyle: 'short' }, { dateStyle: 'long', timeStyle: 'medium' },
  { dateStyle: 'medium', timeStyle: 'short' }, { dateStyle: 'short', timeStyle: 'short' },
  { dateStyle: 'full', timeStyle: 'full' },
  { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' },
  { weekday: 'short', month: 'short', day: 'numeric' },
  { year: 'numeric', month: 'short', day: 'numeric' },
  { year: 'numeric', month: '2-digit', day: '2-digit' },
  { year: '2-digit', month: 'numeric', day: 'numeric' },
  { month: 'long', year: 'numeric' },
  { month: 'short' }, { month: 'long' }, { month: 'narrow' }, { month: 'numeric', day: 'numeric' },
  { weekday: 'long' }, { weekday: 'short' }, { weekday: 'narrow' },
  { year: 'numeric' }, { day: 'numeric' },
  { hour: 'numeric' }, { hour: '2-digit', minute: '2-digit' }, { hour: 'numeric', minute: '2-digit' },
  { hour: 'numeric', minute: 'numeric', second: 'numeric' },
  { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false },
  { hour: 'numeric', minute: '2-digit', hour12: true },
  { hour: 'numeric', minute: '2-digit', hourCycle: 'h23' },
  { hour: 'numeric', minute: '2-digit', hourCycle: 'h11' },
  { hour: 'numeric', minute: '2-digit', hourCycle: 'h24' },
  { hour: 'numeric', minute: '2-digit', hourCycle: 'h12' },
  { minute: '2-digit', second: '2-digit' },
  { hour: 'numeric', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3 },
  { second: 'numeric', fractionalSecondDigits: 1 },
  { hour: 'numeric', dayPeriod: 'short' }, { hour: 'numeric', dayPeriod: 'long' }, { dayPeriod: 'narrow' },
  { hour: 'numeric', minute: '2-digit', dayPeriod: 'short' },
  { hour: 'numeric', timeZoneName: 'short' }, { hour: 'numeric', minute: '2-digit', timeZoneName: 'long' },
  { timeZoneName: 'shortOffset' }, { timeZoneName: 'longOffset' },
  { hour: 'numeric', timeZoneName: 'shortGeneric' }, { hour: 'numeric', timeZoneName: 'longGeneric' },
  { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' },
  { year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit' },
  { weekday: 'long', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit' },
  { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false },
  { month: 'numeric', day: 'numeric', hour: 'numeric', minute: '2-digit' },
  { era: 'short' }, { era: 'long', year: 'numeric' }, { year: 'numeric', era: 'narrow', month: 'short', day: 'numeric' },
  { weekday: 'short', hour: 'numeric' },
  { month: 'short', day: 'numeric', year: 'numeric', timeZoneName: 'short' },
];

const mainLocales = ['en-US', 'en-GB', 'de-DE', 'fr-FR', 'ja-JP', 'es-ES', 'zh-CN', 'en-IN', 'pt-BR', 'ar-EG', 'ko-KR', 'ru-RU'];
const otherLocales = ['en', 'en-AU', 'en-CA', 'en-IE', 'en-NZ', 'en-ZA', 'en-SG', 'en-001', 'en-150', 'en-JP', 'de', 'de-AT', 'de-CH',
  'fr', 'fr-CA', 'fr-CH', 'fr-BE', 'es', 'es-419', 'es-MX', 'es-US', 'es-AR', 'it', 'it-CH', 'pt', 'pt-PT', 'nl', 'nl-BE',
  'sv', 'pl', 'tr', 'ar', 'ar-SA', 'hi', 'zh', 'zh-TW', 'zh-Hant', 'zh-HK', 'da', 'fi', 'nb', 'cs', 'uk', 'he', 'id', 'vi', 'el', 'hu', 'ro',
  'xx', 'en-u-hc-h23', 'de-u-hc-h12', 'en-u-nu-arab', 'ja-u-hc-h11'];
const fewOptions = optionSets.filter((_, i) => [0, 2, 3, 4, 5, 7, 9, 10, 12, 15, 16, 17, 20, 22, 25, 30, 33, 35, 36, 43, 44, 47, 48, 53, 56, 57].includes(i));

const cases = [];
const add = (kind, locale, options, args) => {
  let out;
  try {
    if (kind === 'format') out = new Intl.DateTimeFormat(locale, options).format(args[0]);
    else if (kind === 'parts') out = new Intl.DateTimeFormat(locale, options).formatToParts(args[0]);
    else if (kind === 'resolved') out = new Intl.DateTimeFormat(locale, options).resolvedOptions();
    else if (kind === 'range') out = new Intl.DateTimeFormat(locale, options).formatRange(args[0], args[1]);
    else if (kind === 'rangeParts') out = new Intl.DateTimeFormat(locale, options).formatRangeToParts(args[0], args[1]);
    else out = new Date(args[0])[kind](locale, options);
  } catch (e) {
    out = { error: e.name };
  }
  cases.push([kind, locale === undefined ? null : locale, options === undefined ? null : options, args, out]);
};

for (const l of mainLocales) {
  for (const o of optionSets) {
    for (const d of dates) add('format', l, o, [d]);
    add('resolved', l, o, []);
  }
  for (const z of zones) {
    for (const o of [{ dateStyle: 'full', timeStyle: 'full' }, { hour: 'numeric', minute: '2-digit', timeZoneName: 'short' },
      { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'longGeneric' },
      { timeZoneName: 'shortGeneric' }, { timeZoneName: 'shortOffset' }]) {
      for (const d of dates) add('format', l, { ...o, timeZone: z }, [d]);
    }
  }
  for (const d of oddDates) {
    add('format', l, { timeZone: 'UTC' }, [d]);
    add('format', l, { dateStyle: 'full', timeStyle: 'long', timeZone: 'America/New_York' }, [d]);
    add('format', l, { year: 'numeric', era: 'short', month: 'short', day: 'numeric' }, [d]);
  }
  for (const o of [optionSets[10], optionSets[15], optionSets[42], optionSets[47], optionSets[53]]) add('parts', l, o, [dates[0]]);
}
for (const l of otherLocales) {
  for (const o of fewOptions) {
    for (const d of dates.slice(0, 2)) add('format', l, o, [d]);
    add('resolved', l, o, []);
  }
}
// DST transitions and half-hour offsets.
const transitions = [
  ['America/New_York', Date.UTC(2025, 2, 9, 6, 59), Date.UTC(2025, 2, 9, 7, 0), Date.UTC(2025, 10, 2, 5, 30), Date.UTC(2025, 10, 2, 6, 30)],
  ['Europe/Berlin', Date.UTC(2025, 2, 30, 0, 59), Date.UTC(2025, 2, 30, 1, 0), Date.UTC(2025, 9, 26, 0, 30), Date.UTC(2025, 9, 26, 1, 30)],
  ['Australia/Sydney', Date.UTC(2025, 3, 5, 15, 59), Date.UTC(2025, 3, 5, 16, 0), Date.UTC(2025, 9, 4, 15, 59), Date.UTC(2025, 9, 4, 16, 0)],
  ['Asia/Kolkata', Date.UTC(2025, 0, 1, 0, 0), Date.UTC(1945, 5, 1), Date.UTC(1941, 11, 1), Date.UTC(1900, 0, 1)],
  ['America/St_Johns', Date.UTC(2025, 0, 1, 12), Date.UTC(2025, 6, 1, 12)],
  ['Asia/Kathmandu', Date.UTC(2025, 0, 1, 12)],
];
for (const [z, ...ts] of transitions) {
  for (const t of ts) {
    for (const l of ['en-US', 'de-DE', 'en-AU', 'en-IN']) {
      add('format', l, { timeZone: z, dateStyle: 'medium', timeStyle: 'full' }, [t]);
      add('format', l, { timeZone: z, hour: 'numeric', minute: '2-digit', timeZoneName: 'shortOffset' }, [t]);
      add('format', l, { timeZone: z, hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }, [t]);
    }
  }
}
// Time zone names and canonical ids.
for (const z of ['Asia/Calcutta', 'asia/kolkata', 'UTC', 'Etc/UTC', 'GMT', 'Etc/GMT+5', 'Etc/GMT-14', '+05:30', '-08', '+0530', 'US/Eastern',
  'America/Buenos_Aires', 'EST', 'utc', 'Europe/Kiev', 'Europe/Kyiv', 'America/Sao_Paulo', 'Pacific/Auckland', 'Africa/Cairo', 'Foo/Bar', 'America/Argentina/Buenos_Aires', 'Asia/Saigon', 'Asia/Ho_Chi_Minh']) {
  add('resolved', 'en-US', { timeZone: z }, []);
  for (const tzn of ['short', 'long', 'shortOffset', 'longOffset', 'shortGeneric', 'longGeneric']) {
    for (const l of ['en-US', 'de', 'fr', 'ja', 'en-GB']) add('format', l, { timeZone: z, timeZoneName: tzn }, [dates[0]]);
  }
}
// dateStyle/timeStyle with hour cycles from the tag and the options.
for (const l of ['en-US', 'de-DE', 'ja-JP', 'en-u-hc-h23', 'ja-u-hc-h11', 'fr-FR', 'ko', 'zh-CN', 'en-GB', 'de-u-hc-h12', 'zh-TW', 'zh-HK']) {
  for (const o of [{ dateStyle: 'full', timeStyle: 'short', hourCycle: 'h23' }, { dateStyle: 'medium', timeStyle: 'medium', hour12: true },
    { timeStyle: 'short', hour12: false }, { timeStyle: 'full', hourCycle: 'h11' }, { dateStyle: 'long', timeStyle: 'short' },
    { dateStyle: 'short', timeStyle: 'long', hourCycle: 'h24' }, { timeStyle: 'medium', hourCycle: 'h12' }, { dateStyle: 'short', timeStyle: 'short' },
    { dateStyle: 'medium', timeStyle: 'medium' }]) {
    add('format', l, { ...o, timeZone: 'UTC' }, [dates[0]]);
    add('resolved', l, o, []);
  }
}
// Zones with negative DST in the IANA data (Ireland, Morocco), POSIX-style
// zones, zones without DST, regions from zone descriptions.
for (const z of ['EST5EDT', 'PST8PDT', 'Etc/GMT-14', 'America/Indiana/Knox', 'Antarctica/Troll', 'Europe/Dublin', 'Africa/Casablanca',
  'Asia/Shanghai', 'America/Phoenix', 'Pacific/Honolulu', 'America/Anchorage', 'Asia/Jerusalem', 'Europe/Moscow', 'America/Mexico_City', 'Asia/Dubai']) {
  for (const s of ['short', 'long', 'shortGeneric', 'longGeneric']) {
    for (const d of [Date.UTC(2025, 0, 15, 12), Date.UTC(2025, 6, 15, 12)]) {
      add('format', 'en-US', { timeZone: z, timeZoneName: s }, [d]);
      add('format', 'de', { timeZone: z, timeZoneName: s }, [d]);
    }
  }
}
// Date.prototype methods.
for (const m of ['toLocaleString', 'toLocaleDateString', 'toLocaleTimeString']) {
  for (const l of [undefined, 'en-US', 'de-DE', 'en-GB', 'ja-JP', 'fr-FR', ['xx', 'de'], 'ar-EG']) {
    for (const o of [undefined, { timeZone: 'America/New_York' }, { hour: 'numeric' }, { month: 'long' }, { dateStyle: 'medium' }, { timeStyle: 'short' },
      { weekday: 'long', hour: '2-digit' }, { timeZoneName: 'short' }]) {
      for (const d of [dates[0], dates[1], NaN]) add(m, l, o, [d]);
    }
  }
}
// Ranges.
const rangePairs = [
  [Date.UTC(2025, 2, 3, 10), Date.UTC(2025, 2, 5, 15)],
  [Date.UTC(2025, 2, 3, 10), Date.UTC(2025, 3, 5, 15)],
  [Date.UTC(2025, 2, 3, 10), Date.UTC(2026, 3, 5, 15)],
  [Date.UTC(2025, 2, 3, 10), Date.UTC(2025, 2, 3, 15, 30)],
  [Date.UTC(2025, 2, 3, 10), Date.UTC(2025, 2, 3, 10, 45)],
  [Date.UTC(2025, 2, 3, 10), Date.UTC(2025, 2, 3, 10)],
  [Date.UTC(2025, 2, 3, 9), Date.UTC(2025, 2, 3, 21)],
];
for (const l of ['en-US', 'en-GB', 'de-DE', 'fr-FR', 'ja-JP', 'es-ES']) {
  for (const o of [undefined, { dateStyle: 'medium' }, { dateStyle: 'long' }, { dateStyle: 'full' }, { month: 'short', day: 'numeric' },
    { year: 'numeric', month: 'short', day: 'numeric' }, { month: 'long', year: 'numeric' }, { hour: 'numeric', minute: '2-digit' },
    { timeStyle: 'short' }, { dateStyle: 'medium', timeStyle: 'short' }, { weekday: 'short', month: 'short', day: 'numeric' },
    { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }, { hour: 'numeric' }, { year: 'numeric' }]) {
    for (const [a, b] of rangePairs) add('range', l, o, [a, b]);
  }
  add('rangeParts', l, { month: 'short', day: 'numeric' }, rangePairs[0]);
  add('rangeParts', l, { dateStyle: 'medium', timeStyle: 'short' }, rangePairs[3]);
  add('rangeParts', l, { hour: 'numeric', minute: '2-digit' }, rangePairs[5]);
}
// Random combinations of components, locales, zones and dates (a fixed
// pseudo-random sequence), formatted and as ranges.
{
  let seed = 12345;
  const rnd = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  const pick = (a) => a[rnd(a.length)];
  const locs = ['en-US', 'en-GB', 'de-DE', 'fr-FR', 'ja-JP', 'es-ES', 'zh-CN', 'en-IN', 'pt-BR', 'ko-KR', 'ru-RU', 'it-IT', 'nl-NL', 'sv-SE',
    'pl-PL', 'tr-TR', 'ar', 'hi-IN', 'da-DK', 'fi-FI', 'nb-NO', 'cs-CZ', 'uk-UA', 'he-IL', 'id-ID', 'vi-VN', 'el-GR', 'hu-HU', 'ro-RO',
    'en-AU', 'en-CA', 'fr-CA', 'es-MX', 'de-CH', 'pt-PT'];
  const comps = { weekday: ['narrow', 'short', 'long'], era: ['narrow', 'short', 'long'], year: ['2-digit', 'numeric'],
    month: ['2-digit', 'numeric', 'narrow', 'short', 'long'], day: ['2-digit', 'numeric'], hour: ['2-digit', 'numeric'],
    minute: ['2-digit', 'numeric'], second: ['2-digit', 'numeric'],
    timeZoneName: ['short', 'long', 'shortOffset', 'longOffset', 'shortGeneric', 'longGeneric'], dayPeriod: ['narrow', 'short', 'long'] };
  const tzs = ['UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Tokyo', 'Australia/Sydney', 'Asia/Kolkata', 'America/Sao_Paulo', 'Africa/Cairo'];
  for (let i = 0; i < 1500; i++) {
    const o = { timeZone: pick(tzs) };
    const n = 1 + rnd(4);
    for (let k = 0; k < n; k++) { const key = pick(Object.keys(comps)); o[key] = pick(comps[key]); }
    if (rnd(5) === 0) o.hour12 = rnd(2) === 0;
    if (rnd(6) === 0) o.fractionalSecondDigits = 1 + rnd(3);
    const l = pick(locs);
    const d = Date.UTC(1990 + rnd(50), rnd(12), 1 + rnd(28), rnd(24), rnd(60), rnd(60), rnd(1000));
    const d2 = d + rnd(3) * 86400000 * (1 + rnd(40)) + rnd(86400000);
    add('format', l, o, [d]);
    add('range', l, o, [d, d2]);
  }
}
// Errors.
for (const o of [{ dateStyle: 'full', hour: 'numeric' }, { weekday: 'x' }, { timeZone: 'Mars/Base' }, { fractionalSecondDigits: 4 },
  { calendar: 'x!' }, { hourCycle: 'h25' }, { timeStyle: 'short', timeZoneName: 'short' }]) add('format', 'en', o, [0]);
add('toLocaleDateString', 'en', { timeStyle: 'short' }, [0]);
add('toLocaleTimeString', 'en', { dateStyle: 'short' }, [0]);
add('format', 'en', {}, [NaN]);

process.stdout.write('[\n' + cases.map((c) => JSON.stringify(c)).join(',\n') + '\n]\n');

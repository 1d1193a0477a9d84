// The same date in many locales, short and long.
const d = new Date('2025-08-09T10:11:12Z');
const locales = ['en-US', 'en-GB', 'en-IN', 'en-AU', 'en-CA', 'de-DE', 'de-CH', 'fr-FR', 'fr-CA', 'es-ES', 'es-MX', 'it-IT', 'pt-BR', 'pt-PT',
  'nl-NL', 'sv-SE', 'pl-PL', 'ru-RU', 'tr-TR', 'hi-IN', 'ko-KR', 'zh-CN', 'da-DK', 'fi-FI', 'nb-NO', 'cs-CZ', 'uk-UA', 'he-IL', 'id-ID',
  'vi-VN', 'el-GR', 'hu-HU', 'ro-RO'];
const out = {};
for (const l of locales) {
  out[l] = [d.toLocaleDateString(l, { timeZone: 'UTC' }), d.toLocaleString(l, { timeZone: 'UTC', dateStyle: 'long', timeStyle: 'short' })];
}
return out;

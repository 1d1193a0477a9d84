// The same number in many locales' defaults (grouping, decimal mark, digits).
const n = 1234567.891;
const locs = ['en-US', 'en-GB', 'en-IN', 'de-DE', 'de-CH', 'de-AT', 'fr-FR', 'fr-CH', 'es-ES', 'es-MX', 'it-IT', 'pt-BR', 'pt-PT', 'nl-NL', 'sv-SE', 'pl-PL', 'ru-RU', 'tr-TR', 'ar-EG', 'ar', 'hi-IN', 'ja-JP', 'ko-KR', 'zh-CN', 'zh-TW', 'da-DK', 'fi-FI', 'nb-NO', 'cs-CZ', 'uk-UA', 'he-IL', 'id-ID', 'th-TH', 'vi-VN', 'el-GR', 'hu-HU', 'ro-RO'];
const out = {};
for (const l of locs) out[l] = [n.toLocaleString(l), (1234).toLocaleString(l), (-0.5).toLocaleString(l)].join(' ; ');
return out;

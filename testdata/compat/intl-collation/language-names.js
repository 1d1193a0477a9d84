// Show a language picker's labels: each language in English and in itself.
const locales = ["en-US", "en-GB", "fr-FR", "fr-CA", "de-DE", "es-ES", "es-419", "pt-BR", "zh-Hans", "zh-Hant", "ja", "ko", "ar", "ru", "nl-BE", "pl-PL"];
const inEnglish = new Intl.DisplayNames("en", { type: "language" });
const standard = new Intl.DisplayNames("en", { type: "language", languageDisplay: "standard" });
const picker = locales.map((l) => ({ code: l, english: inEnglish.of(l), standard: standard.of(l), native: new Intl.DisplayNames([l], { type: "language" }).of(l) }));
for (const p of picker) console.log(`${p.code.padEnd(8)} ${p.english} / ${p.standard} / ${p.native}`);
return picker;

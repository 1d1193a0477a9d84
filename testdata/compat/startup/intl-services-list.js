const wanted = ["Collator", "DateTimeFormat", "DisplayNames", "ListFormat", "Locale", "NumberFormat", "PluralRules", "RelativeTimeFormat", "Segmenter", "getCanonicalLocales", "supportedValuesOf"];
return wanted.map((k) => [k, typeof Intl[k], Object.getOwnPropertyDescriptor(Intl, k).enumerable]);

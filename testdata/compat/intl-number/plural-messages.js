// compat: context {"counts": [0, 1, 2, 5, 21, 1.5]}
// Plural-aware messages, English and Russian.
const en = new Intl.PluralRules('en-US');
const enMsg = { one: 'file', other: 'files' };
const ru = new Intl.PluralRules('ru');
const ruMsg = { one: 'файл', few: 'файла', many: 'файлов', other: 'файла' };
for (const n of context.counts) {
  console.log(`${n} ${enMsg[en.select(n)]} | ${n} ${ruMsg[ru.select(n)]}`);
}
return { categories: ru.resolvedOptions().pluralCategories, ar: new Intl.PluralRules('ar').resolvedOptions().pluralCategories };

// Plural categories with digit options, and of ranges.
const en = new Intl.PluralRules('en', { minimumFractionDigits: 1 });
return {
  oneDotZero: en.select(1),
  fr: [0, 1, 1.5, 2, 1e6].map(n => new Intl.PluralRules('fr').select(n)),
  pl: [1, 2, 5, 22, 25, 1.5].map(n => new Intl.PluralRules('pl').select(n)),
  ar: [0, 1, 2, 3, 11, 100].map(n => new Intl.PluralRules('ar').select(n)),
  ja: new Intl.PluralRules('ja').select(1),
  rangeEn: new Intl.PluralRules('en').selectRange(1, 5),
  rangeRu: new Intl.PluralRules('ru').selectRange(1, 2),
  ptPT: [0, 1, 1.5].map(n => new Intl.PluralRules('pt-PT').select(n)),
  ptBR: [0, 1, 1.5].map(n => new Intl.PluralRules('pt-BR').select(n)),
};

// Lists in other languages, with their euphony rules.
return {
  es: new Intl.ListFormat('es').format(['agua', 'hielo', 'ímpetu', 'Inés']),
  esY: new Intl.ListFormat('es').format(['padre', 'hijo']),
  esO: new Intl.ListFormat('es', { type: 'disjunction' }).format(['siete', 'ocho']),
  esO11: new Intl.ListFormat('es', { type: 'disjunction' }).format(['10', '11']),
  he: new Intl.ListFormat('he').format(['דני', 'Bob']),
  heHebrew: new Intl.ListFormat('he').format(['דני', 'רותי']),
  fr: new Intl.ListFormat('fr', { type: 'disjunction' }).format(['rouge', 'vert', 'bleu']),
  ar: new Intl.ListFormat('ar').format(['أ', 'ب', 'ج']),
  th: new Intl.ListFormat('th').format(['ก', 'ข', 'ค']),
  ru: new Intl.ListFormat('ru', { style: 'short' }).format(['a', 'b', 'c']),
  parts: new Intl.ListFormat('en').formatToParts(['x', 'y', 'z']),
};

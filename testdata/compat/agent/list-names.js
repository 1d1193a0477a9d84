const names = ['Ana', 'Ben', 'Chen'];
return [
  new Intl.ListFormat('en', { style: 'long', type: 'conjunction' }).format(names),
  new Intl.ListFormat('en', { type: 'disjunction' }).format(names),
  new Intl.ListFormat('de').format(names),
  new Intl.ListFormat('es').format(['agua', 'hielo']),
];

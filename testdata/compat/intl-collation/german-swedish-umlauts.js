// The same words sorted as German, Swedish and German phone book order.
const words = ["Ärger", "Zebra", "Apfel", "Öl", "Oma", "Übel", "Ufer", "Müller", "Mueller", "Muller", "Åsa", "Asa"];
const result = {};
for (const locale of ["de", "sv", "de-DE-u-co-phonebk"]) {
  result[locale] = [...words].sort(new Intl.Collator(locale).compare);
  console.log(locale.padEnd(20), result[locale].join(", "));
}
return result;

// Scripts order differently per locale: Cyrillic first in Russian.
const words = ["яблоко", "apple", "Ёлка", "ель", "жук", "zebra", "αλφα", "Ωmega", "банан", "banana"];
const result = {};
for (const l of ["en", "ru", "el", "uk"]) {
  result[l] = [...words].sort(new Intl.Collator(l).compare);
  console.log(l, result[l].join(" "));
}
return result;

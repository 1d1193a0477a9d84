// Build an A-Z index of contacts, accent-insensitive, sorted within each letter.
// compat: context {"contacts": ["Émilie Dubois", "Eric Roberts", "Ålesund AS", "adam smith", "Åke Ström", "Zoë Saldana", "Øystein", "Ólafur Arnalds", "Ñoño Pérez", "Nina", "Çağan", "carl", "Ünal", "ulrich", "Łucja"]}
const c = new Intl.Collator("en", { sensitivity: "base" });
const sorted = [...context.contacts].sort(c.compare);
const index = {};
for (const name of sorted) {
  const initial = name[0].normalize("NFD")[0].toUpperCase();
  (index[initial] ??= []).push(name);
}
for (const [k, v] of Object.entries(index)) console.log(k, v.join(", "));
return index;

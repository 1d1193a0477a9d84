// localeCompare with a locale, before anything reads Intl.
const names = ["Zoë", "zoe", "Ärger", "Apfel", "apple"];
return names.slice().sort((a, b) => a.localeCompare(b, "de", { sensitivity: "base" }));

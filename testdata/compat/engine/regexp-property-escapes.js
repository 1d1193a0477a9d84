const slugify = (s) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "");
const titles = ["Crème Brûlée!", "Ünïcödé  Straße", "Ελληνικά 2025", "日本語 テキスト"];
const caps = "Hello World Ärger".match(/\p{Lu}/gu);
return { slugs: titles.map(slugify), caps, letters: /^\p{L}+$/u.test("Überall") };

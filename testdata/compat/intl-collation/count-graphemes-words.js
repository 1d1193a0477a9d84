// Count characters, words and sentences of a message, as a length check does.
const text = "Héllo, wörld! 👋🏽 Families: 👨‍👩‍👧‍👦 and flags 🇯🇵🇫🇷. It's 3.14 o'clock — isn't it? Yes.";
const graphemes = [...new Intl.Segmenter("en", { granularity: "grapheme" }).segment(text)];
const words = [...new Intl.Segmenter("en", { granularity: "word" }).segment(text)].filter((s) => s.isWordLike);
const sentences = [...new Intl.Segmenter("en", { granularity: "sentence" }).segment(text)].map((s) => s.segment.trim());
console.log("code units", text.length, "code points", [...text].length, "graphemes", graphemes.length);
console.log("words", words.length, words.map((w) => w.segment).join(","));
console.log(sentences.join(" | "));
return { length: text.length, graphemes: graphemes.length, words: words.map((w) => w.segment), sentences };

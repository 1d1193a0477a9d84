// compat: context {"query": "c++ (2024)", "text": "Learning C++ (2024) is different from c++ (2023); c++ (2024) rocks."}
// Highlight a user's literal search term: escape it before building the RegExp.
const re = new RegExp(RegExp.escape(context.query), 'gi');
const highlighted = context.text.replace(re, (m) => `[${m}]`);
const naive = (() => { try { return new RegExp(context.query, 'gi').test(context.text); } catch (e) { return e.name; } })();
console.log(highlighted);
return { count: context.text.match(re).length, highlighted, naive };

// Inspect what a collator resolved to, as an agent debugging a sort does.
const out = [
  new Intl.Collator().resolvedOptions(),
  new Intl.Collator("de-DE", { numeric: true, caseFirst: "upper" }).resolvedOptions(),
  new Intl.Collator("sv-SE-u-kn-true").resolvedOptions(),
  new Intl.Collator("th").resolvedOptions(),
  new Intl.Collator(["xx-YY", "fr-CA"], { usage: "search", sensitivity: "base" }).resolvedOptions(),
];
for (const o of out) console.log(JSON.stringify(o));
return out;

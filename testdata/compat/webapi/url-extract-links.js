// Parse links out of text and group them by host.
// compat: context {"text": "See https://docs.example.com/a?x=1 and http://EXAMPLE.com:80/b, also https://docs.example.com/c#top; bad: http://exa mple.com and ftp://files.example.org/f.txt."}
const found = context.text.match(/\b(?:https?|ftp):\/\/[^\s,;]+/g) || [];
const byHost = {};
const invalid = [];
for (const raw of found) {
  const clean = raw.replace(/[.)]+$/, '');
  if (!URL.canParse(clean)) { invalid.push(clean); continue; }
  const u = new URL(clean);
  (byHost[u.hostname] ||= []).push(u.pathname + u.search);
}
return { byHost, invalid, count: found.length };

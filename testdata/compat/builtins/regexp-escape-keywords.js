// Build one alternation from keywords that contain regex metacharacters.
const keywords = ['a.b', 'x*y', '$price', 'why?', 'tab\there'];
const re = new RegExp(`(?:${keywords.map(RegExp.escape).join('|')})`, 'g');
const sample = 'a.b and aXb, x*y not xxy, $price? why? yes; tab\there';
const found = sample.match(re);
console.log(found.length, 'matches');
return { source: re.source, found };

// Signed-request style canonical query: sort keys, encode, join.
const params = { zeta: 'last', alpha: 'first', 'Émile': 'accent', beta: 'a b', '~tilde': '*', A: 'upper' };
const p = new URLSearchParams(params);
p.sort();
return p.toString();

// An error thrown in the snippet: the name is what is compared.
const rows = [{ a: 1 }, null];
return rows.map((r) => r.a);

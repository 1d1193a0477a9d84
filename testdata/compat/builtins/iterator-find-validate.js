// compat: context {"users": [{"id": 1, "email": "a@x.io", "age": 31}, {"id": 2, "email": "bad", "age": 17}, {"id": 3, "email": "c@y.org", "age": 45}]}
// Validation with find/some/every on an iterator of records.
const valid = (u) => /^[^@\s]+@[^@\s]+\.\w+$/.test(u.email);
const it = () => context.users.values();
const firstInvalid = it().find((u) => !valid(u));
const minor = it().find((u) => u.age < 18);
console.log('first invalid email:', firstInvalid?.id);
return {
  allValid: it().every(valid),
  anyMinor: it().some((u) => u.age < 18),
  firstInvalid: firstInvalid?.id ?? null,
  minor: minor?.id ?? null,
  adults: it().filter((u) => u.age >= 18).map((u) => u.id).toArray(),
};

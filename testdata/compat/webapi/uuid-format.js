// Tag records with random UUIDs; check their shape (not their values).
const ids = Array.from({ length: 50 }, () => crypto.randomUUID());
const v4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
return { allV4: ids.every((id) => v4.test(id)), unique: new Set(ids).size, length: ids[0].length };

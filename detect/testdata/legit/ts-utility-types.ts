interface User { id: number; name: string; email?: string; }
type Draft = Partial<User>;
type Public = Pick<User, 'id' | 'name'>;
const users: ReadonlyArray<User> = [{ id: 1, name: 'ana' }, { id: 2, name: 'bo', email: 'bo@x.io' }];
const pub: Public[] = users.map(({ id, name }) => ({ id, name }));
const patch: Draft = { email: 'new@x.io' };
const merged = { ...users[0], ...patch } satisfies User;
return { pub, merged, byId: Object.fromEntries(users.map((u) => [u.id, u.name])) as Record<string, string> };

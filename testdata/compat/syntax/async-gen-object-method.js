// An async generator method in an object literal.
const client = {
  users: [{ name: 'ana', active: true }, { name: 'bo', active: false }, { name: 'cy', active: true }],
  async *activeUsers() {
    for (const u of this.users) {
      await null;
      if (u.active) yield u.name;
    }
  },
};
const names = [];
for await (const n of client.activeUsers()) names.push(n);
return names;

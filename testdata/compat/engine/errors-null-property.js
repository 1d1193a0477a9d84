const records = [{ user: { name: "ana" } }, { user: null }, {}];
const messages = [];
for (const r of records) {
  try {
    messages.push(r.user.name);
  } catch (e) {
    messages.push(`${e.name}: ${e.message}`);
  }
}
return messages;

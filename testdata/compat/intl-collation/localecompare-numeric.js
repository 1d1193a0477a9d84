// localeCompare with options, as agents write it to sort ticket ids.
const tickets = [{ id: "TICKET-100", title: "Crash on save" }, { id: "TICKET-9", title: "Typo" }, { id: "TICKET-25", title: "Slow load" }, { id: "ticket-3", title: "Dark mode" }];
tickets.sort((a, b) => a.id.localeCompare(b.id, undefined, { numeric: true, sensitivity: "base" }));
for (const t of tickets) console.log(`${t.id.padEnd(12)} ${t.title}`);
return tickets.map((t) => t.id);

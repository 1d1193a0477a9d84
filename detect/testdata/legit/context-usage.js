const { items = [], threshold = 10 } = context;
const above = items.filter((it) => it.value > threshold);
return { total: items.length, above: above.length, names: above.map((it) => it.name) };

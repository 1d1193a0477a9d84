// An error the agent should hear about precisely: the message and the line.
const parsePrice = (s) => {
  const n = Number(s);
  if (!Number.isFinite(n)) {
    throw new TypeError(`not a price: ${JSON.stringify(s)}`);
  }
  return n;
};
return ['12.50', '7', 'twelve'].map(parsePrice);

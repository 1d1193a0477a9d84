const stock = new Map([['apple', 5], ['pear', 0], ['plum', 12], ['kiwi', 3], ['fig', 8]]);
const lowStock = stock.entries().filter(([, n]) => n > 0 && n < 10).map(([k, n]) => `${k} (${n})`).toArray();
const firstTwo = Iterator.from([1, 2, 3, 4]).take(2).toArray();
return { lowStock, firstTwo };

const orders = Array.from({ length: 12 }, (_, i) => ({ id: 1000 + i, total: Math.round((i * 17.35) % 250 * 100) / 100, status: i % 3 ? 'paid' : 'pending' }));
console.log(orders);
console.log(orders.map((o) => o.total));
return orders.filter((o) => o.status === 'pending').length;

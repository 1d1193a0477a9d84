const fmt = (n) => n.toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
return [1234567.891, 0.5, 1000].map(fmt);

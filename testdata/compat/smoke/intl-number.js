return [(1234.5).toLocaleString('en-US'), new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format(1234.5)];

console.log({ 'first-name': 'A', last_name: 'B', $dollar: 1, 'with space': 2, 42: 'num', ünï: 3, [Symbol('s')]: 4 });
console.log({ __proto__: { inherited: 1 }, own: 2 });
return 'k';

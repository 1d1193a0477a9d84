const data = { when: new Date(Date.UTC(2020, 0, 1)), n: 1e21, small: 1e-7, neg: -0, big: 2 ** 53, list: [undefined, () => 1, NaN] };
const text = JSON.stringify(data, null, 2);
console.log(text);
return JSON.parse(text, (k, v) => (typeof v === 'number' ? v * 2 : v));

console.log(new Date(Date.UTC(2024, 1, 29, 12, 30)));
console.log({ created: new Date(0), pattern: /^[a-z]+\d*$/gi, invalid: new Date('nope') });
return new Date(Date.UTC(2024, 1, 29)).toISOString();

// console.log of a URL and of URLSearchParams, as Node prints them.
const u = new URL('https://user@example.com:8080/p/a/t/h?query=string&x=1#hash');
console.log(u);
console.log(u.searchParams);
console.log(new URLSearchParams());
console.log({ link: new URL('https://a.io/x?y=1') });
console.log(new URLSearchParams({ page: '3', q: 'a b&c', tag: 'one', tag2: 'two' }));
console.log(new URLSearchParams(Array.from({length: 8}, (_, i) => ['key' + i, 'value' + i])));
return 'ok';

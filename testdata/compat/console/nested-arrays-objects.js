const data = { users: Array.from({ length: 5 }, (_, i) => ({ id: i, name: 'user' + i, tags: ['t' + i], meta: { score: i * 10 } })) };
console.log(data);
console.log(data.users[0]);
console.log([[1, [2, [3, [4, [5]]]]]]);
return data.users.length;

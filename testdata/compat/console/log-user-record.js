const user = { id: 42, name: 'Ada Lovelace', email: 'ada@example.com', roles: ['admin', 'analyst'], address: { city: 'London', postcode: 'NW1' } };
console.log(user);
console.log('user:', user.name, user.roles);
return user.id;

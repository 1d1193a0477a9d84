const arr = [1, , 3];
arr.extra = 'x';
console.log(arr, new Array(4));
console.log({ get full() { return 'x'; }, set only(v) {}, get both() { return 1; }, set both(v) {} });
console.log(Object.create(null), Object.assign(Object.create(null), { k: 1 }));
return arr.length;

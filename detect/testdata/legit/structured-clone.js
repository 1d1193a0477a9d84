const original = { when: new Date(0), list: [1, { a: 2 }], map: new Map([['k', 1]]) };
const copy = structuredClone(original);
copy.list[1].a = 99;
return { untouched: original.list[1].a, same: copy.when.getTime() === 0 };

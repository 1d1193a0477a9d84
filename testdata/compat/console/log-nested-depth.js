const tree = { root: { left: { left: { value: 1 }, right: { value: 2 } }, right: { value: 3 } } };
console.log(tree);
console.log(JSON.stringify(tree));
console.dir(tree, { depth: null });
return null;

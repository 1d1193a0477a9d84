const flatten = (arr) => arr.reduce((acc, x) => acc.concat(Array.isArray(x) ? flatten(x) : x), []);
return { deep: flatten([1, [2, [3, [4]]]]), native: [1, [2, [3]]].flat(Infinity) };

const items = [{ k: 1, v: "a" }, { k: 0, v: "b" }, { k: 1, v: "c" }, { k: 0, v: "d" }, { k: -0, v: "e" }];
const byKey = [...items].sort((x, y) => x.k - y.k).map((x) => x.v);
const untouched = [3, 1, 2].sort(() => -0);
return { byKey, untouched };

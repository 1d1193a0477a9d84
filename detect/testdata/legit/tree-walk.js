const tree = { v: 1, children: [{ v: 2, children: [{ v: 4, children: [] }] }, { v: 3, children: [] }] };
function sum(node) { return node.v + node.children.reduce((s, c) => s + sum(c), 0); }
function depth(node) { return 1 + Math.max(0, ...node.children.map(depth)); }
const bfs = [];
const queue = [tree];
while (queue.length) { const n = queue.shift(); bfs.push(n.v); queue.push(...n.children); }
return { sum: sum(tree), depth: depth(tree), bfs };

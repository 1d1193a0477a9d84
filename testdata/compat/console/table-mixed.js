console.table({ alice: { age: 31, team: 'red' }, bob: { age: 27 }, carol: { team: 'blue', tags: ['x', 'y'] } });
console.table([1, 'two', { three: 3 }, [4, 5]]);
console.table(new Map([['k1', { v: 1 }], ['k2', 'plain']]));
console.table(new Set(['x', 'y']));
console.table('not tabular');
console.table([]);
return 'done';

// expect: error
const a = [1];
a.push([a]);
return a;

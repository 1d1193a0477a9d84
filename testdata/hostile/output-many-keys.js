// expect: output_limit
const o = {};
for (let i = 0; i < 200000; i++) o['key' + i] = i;
return o;

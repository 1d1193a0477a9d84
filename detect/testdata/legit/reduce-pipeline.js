const pipe = (...fns) => (x) => fns.reduce((v, f) => f(v), x);
const compose = (...fns) => (x) => fns.reduceRight((v, f) => f(v), x);
const inc = (x) => x + 1, dbl = (x) => x * 2;
return [pipe(inc, dbl)(3), compose(inc, dbl)(3)];

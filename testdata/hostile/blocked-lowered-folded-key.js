// expect: blocked
// A dangerous key assembled from pieces in code that esbuild lowers (and
// whose reprint folds the pieces into one string): refused where written.
const get = (o, k) => o[k];
for await (const f of [() => 1]) {
  return get(f, 'constr' + 'uctor')('return 42')();
}

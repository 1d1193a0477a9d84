// expect: error
// A BigInt has no JSON form.
return { n: 2n ** 64n };

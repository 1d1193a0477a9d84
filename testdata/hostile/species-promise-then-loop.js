// expect: timeout
// timeout: 300ms
// A Promise species whose constructor spins forever.
class P extends Promise { static get [Symbol.species]() { return function () { for (;;) {} }; } }
P.resolve(1).then(() => 1);
return 1;

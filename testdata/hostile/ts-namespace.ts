// expect: ok
// output: 1
// A namespace in a function body: TypeScript that only a module may hold
// is transformed as one (docs/decisions/0022-syntax-lowering.md).
namespace N { export const x = 1; }
return N.x;

// expect: error
// message: SyntaxError
// A namespace is only allowed at the top level of a module, and the code is
// a function body: a syntax error, positioned in the TypeScript.
namespace N { export const x = 1; }
return N.x;

// Package detect decides, before any code reaches a runner, whether to run
// it: parameter checks (status invalid) and, on the JavaScript, AST findings,
// a regex layer and a risk score (status blocked). It is defence in depth
// and the agent's feedback channel; the sandbox never depends on it (the
// runtime itself has no eval and no way to the Function constructor).
//
// Everything here is pure: no processes, no files, no network.
//
// # Use
//
// One request goes through, in order:
//
//  1. [CheckParams]: language, sizes, UTF-8, context, timeout, memory, ids,
//     tsExperimentalDecorators (TypeScript only).
//  2. [Check] (code as submitted, language, [OptionsFrom] the limits), which
//     checks the nesting limits on the raw code, transforms TypeScript (and
//     JavaScript whose scan finds syntax the runtime lacks: async
//     generators, for await, decorators, accessor, using) with esbuild,
//     runs [Validate] on the JavaScript that will run and maps positions
//     back to the code as submitted; the text layers read the code as
//     submitted. Its [Verdict] gives the status (ok, blocked, or error for a
//     syntax error), the result's validation block and error.
//
// The parts can be called on their own: [CheckNesting] (or [Precheck]) must
// see TypeScript before esbuild does; [Validate] runs the nesting check
// itself, so JavaScript needs nothing before it.
//
// # What is refused
//
// [Rules] lists every rule with its severity and weight. A blocking finding
// refuses the code; warnings add to a risk score, and the code is refused
// when the score reaches the threshold (0.7 by default). The analysis
// resolves names through scopes, so a local variable named process, fs or
// net is the user's own and is not flagged; only the globals are. It
// follows values as far as a single pass can: what a variable was assigned
// (functions, the global object, values read from .constructor, strings it
// can compute), and it folds the usual ways of building a name from pieces.
// docs/decisions/0004-validation.md records the choices and the known gaps.
//
// # Safety on hostile input
//
// goja's and esbuild's parsers recurse, and a Go stack overflow kills the
// process; some nesting also costs them exponential or polynomial time.
// [CheckNesting] refuses such code in one linear pass before any parser sees
// it. Validation never panics (a panic would be a bug; it is recovered and
// the code refused with rule validator-error) and takes time linear in the
// size of the code.
//
// # Concurrency
//
// Every function may be called from any number of goroutines.
package detect

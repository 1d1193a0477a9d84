// Package detect decides, before any code reaches a runner, whether to run
// it: parameter checks (status invalid) and, on the JavaScript, AST findings,
// a regex layer and a risk score (status blocked). It is defence in depth
// and the agent's feedback channel; the sandbox never depends on it.
//
// Everything here is pure: no processes, no files, no network.
package detect

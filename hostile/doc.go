// Package hostile runs the hostile corpus (testdata/hostile at the module
// root) through `supervisor run`, end to end, as an attacker would submit
// it: sandbox-escape ideas from the vm2 advisories adapted to goja,
// prototype pollution, constructor chains, Proxy and Reflect tricks, getters
// on built-in prototypes, Symbol.species, promise-job floods, interval
// storms, deep recursion, exponential regular expressions, huge strings and
// BigInts, deeply nested JSON, cyclic and non-serialisable outputs, log
// floods and huge outputs.
//
// Each snippet starts with comment lines that say what it must come to:
//
//	// expect: timeout     the status (required)
//	// timeout: 300ms      --timeout (default 5s)
//	// memory: 64          --memory in MiB (default 256)
//	// context: {"a": 1}   --context: JSON, or @FILE next to the snippet
//	// output: [1, 2]      the exact output, as JSON (optional)
//	// message: killed     a part of the error message (optional)
//
// The test asserts the status and the matching exit code, that the
// supervisor neither crashes nor hangs, that the execution's audit record
// says the same, and that nothing on the host changed: a sentinel file
// keeps its content and time, a loopback listener is never connected to, no
// process or runner cgroup is left behind, and no output, log or error
// carries the sentinel's secret.
//
// The package has no non-test code.
package hostile

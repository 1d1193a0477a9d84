// Package jsrt is the runner's JavaScript runtime: a goja VM with the
// sandbox's globals, hardened so that no path to dynamic code evaluation is
// left, and an event loop that runs one job (the body of an async function
// of context) to completion, a deadline, or a cap.
//
// What the code sees: the ECMAScript built-ins, console (log, info, warn,
// error, debug and Node's other common methods), setTimeout, setInterval,
// clearTimeout, clearInterval, queueMicrotask, structuredClone, atob and
// btoa. There is no eval, no Function constructor on any path (ordinary,
// async or generator functions), no process and no host object, and no
// require unless the job allows built-in modules: then require() loads the
// pure modules of package modules (util, path, crypto, ...), and Buffer is a
// global as in Node, both defined when the job starts. A job that declares
// tools (ipc.Job.Tools) gets a frozen global tools object whose leaves
// (tools.crm.findCustomer for "crm.findCustomer") send a call through
// [Options].Calls and return a promise its reply settles, and a global
// ToolError class for failed calls; a job without tools has neither.
// Time zone is UTC.
//
// The run ends, as in Node, when the returned promise has settled and no
// timer is pending and no tool call waits for its reply. An exception thrown by a timer or microtask callback, or
// a promise rejection nobody handles, ends the run with status error, as it
// would end a Node process.
//
// # Concurrency
//
// A Runtime belongs to one goroutine, except for [Runtime.Stop], which any
// goroutine may call (the deadline timer and the heap watchdog do), and
// [Runtime.Deliver], which hands over a tool call's reply from any
// goroutine (the runner's reader of the job pipe) for the event loop to
// settle on the runtime's own.
package jsrt

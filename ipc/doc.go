// Package ipc is the protocol between the supervisor and one runner: frames
// and the messages they carry. It imports only the standard library (and the
// shared result vocabulary), because the runner links it.
//
// A frame is a 4-byte big-endian payload length followed by one JSON object
// {"type": ..., "arg": ...}. The length is checked against the reader's cap
// before any buffer is allocated, so a hostile peer cannot make the other
// side allocate more than the cap. Pipes, not sockets: the supervisor gives
// the runner one pipe to read its job from and one to write messages to.
//
// # Protocol
//
//	supervisor                                  runner
//	                                            lock down, create the JS runtime
//	                      <-- ready  {proto, pid}
//	job {id, code, context, limits,             (exactly one job)
//	     allowBuiltinModules, tools} -->
//	                      <-- log    {level, message}   zero or more, as they happen
//	                      <-- call   {id, name, args}   zero or more: the code called a declared tool
//	reply {id, result | error{code, message}} -->     one per call, on the job pipe, any order
//	                      <-- result {status, output, error, cpuMs, runMs}
//	(reads the runner's peak memory,            waits for the end of the job pipe
//	 then closes the job pipe)
//	                                            exit 0
//
// allowBuiltinModules (omitted when false) makes the runner define require()
// (and, as in Node, the global Buffer) for this job, loading only the pure
// built-in modules of jsrt/modules: it
// is the request's allowBuiltinModules setting, which validation applied
// too. The runtime exists before its job (warm pool), so require is defined
// when the job arrives, never before.
//
// A reply carries exactly one of result (JSON; null for a tool that
// returns nothing) and error; the runner ends the job as internal on a
// reply for a call that is not pending.
//
// Tools (job.tools, names only): the code calls tools.a.b(args), the
// runner sends a call frame and the promise settles when the supervisor's
// reply arrives on the job pipe (an error becomes a ToolError thrown in the
// code). The supervisor checks every call (declared, schema, size, count,
// calls in flight, time left) before anything answers it; the runner gains
// no system call and no descriptor for this.
//
// After its result the runner waits for the supervisor to close the job
// pipe, so that its peak memory (VmHWM in /proc/PID/status, which exists
// only while the process has its memory) can be read from outside first. A
// runner that exits sooner loses nothing but that figure.
//
// Every read names the message it expects and rejects anything else (see
// [Expect]). A malformed, oversized or unexpected frame, or the end of the
// stream before result, is a protocol error: the supervisor kills the runner
// and reports status internal. A runner is never reused.
package ipc

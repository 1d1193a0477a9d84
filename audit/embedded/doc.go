// Package embedded is the audit store used when no MongoDB URI is
// configured: one bbolt file that answers the same queries as MongoDB, with
// indexes kept as bbolt buckets.
//
// # Layout
//
// Bucket "records" maps the execution id to the record's JSON. The indexes
// map a key ending in the execution time (8 bytes, big-endian, order
// preserving) and the id to a small value:
//
//	time      ts id           → agentId, codeHash, success (for Purge)
//	agent     agentId ts id   → hostId, language, status, success, timeout, time (for AgentStats)
//	failures  agentId ts id   → (empty; executions with success false)
//	hash      codeHash ts id  → (empty)
//
// Entries written before records carried a hostId have none, read as "".
// A host filter walks the index the other filters pick and compares hostId
// in Go: one embedded store holds one host's records (or a few, when a data
// directory moved), so no index of its own would pay.
//
// Prefixes are length-prefixed, so no agent id is a prefix of another.
// Scanning a prefix backwards from the upper time bound gives records newest
// first, ties broken by id, exactly as the MongoDB store sorts them.
//
// # Sharing the file between processes
//
// bbolt takes an exclusive flock on its file for as long as it is open.
// Several supervisor processes may share a data directory (a daemon, a
// one-shot `supervisor run`, a `supervisor history`), so a Store holds the
// file open only while it is being used, plus Options.IdleClose, and waits at
// most Options.LockTimeout for another process's lock before it fails with
// an error wrapping ErrLocked that names the file. Nothing waits forever and
// no process keeps the others out.
//
// # Concurrency
//
// A Store is safe for concurrent use. Writes are serialised by bbolt (one
// writer at a time, each transaction one fdatasync); reads run in parallel.
package embedded

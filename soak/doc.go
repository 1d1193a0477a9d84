// Package soak puts the real daemon (`supervisor serve`, with MongoDB as
// its audit store) under a long mixed load through its socket, and checks
// that it comes out of it whole.
//
// TestSoak sends CODEXEC_SOAK_N executions (300 by default, so that it runs
// inside `make test`; `make soak` sends 10,000) from CODEXEC_SOAK_CONCURRENCY
// clients at once (32 by default): ordinary workloads (arithmetic on the
// context, a data transform, TypeScript, console output, timers) and
// hostile ones (busy loops and a catastrophic regular expression past their
// timeout, memory bombs, log floods, huge outputs, thrown errors, blocked
// and invalid code). Every result must have the status its workload
// expects, and the output it computes. Afterwards:
//
//   - every execution has exactly one audit record in MongoDB, with the
//     status, agent, code hash and output of its result;
//   - no runner process and no runner cgroup is left, and the daemon holds
//     no more descriptors or goroutines than before the load;
//   - its resident memory comes back near its idle level;
//   - it stops cleanly on SIGTERM.
//
// It prints the executions per status, the latencies, the records lost or
// duplicated, and the daemon's resources before and after (go test -v).
// It needs root (the daemon's full isolation, its cgroups) and a MongoDB
// server: scripts/with-ferretdb.sh starts one and sets MONGODB_URI; without
// one the test skips, or fails when MONGODB_REQUIRED=1.
//
// The package has no non-test code.
package soak

// Package faults injects faults into the real daemon (`supervisor serve`)
// and checks that it stays whole: every result truthful, every execution
// recorded exactly once, nothing left behind, the socket usable.
//
//   - a runner SIGKILLed from outside in the middle of its job, and parked
//     runners of the warm pool killed before they get one;
//   - runners that break the protocol after the lockdown the daemon
//     verifies: garbage, a truncated frame, an oversized frame, no ready,
//     a flood on stderr, a hang past the deadline (the test binary plays
//     them, see TestMain);
//   - MongoDB stopped for a while under load and started again;
//   - the supervisor itself SIGKILLed under load and started again;
//   - the data directory's file system full, or read-only (a tmpfs in a
//     mount namespace of the daemon's own).
//
// The client-side faults (a client that disconnects in the middle of a
// request, a slow event-stream reader) are tests of package api. Faults
// of one runner against the sandbox alone are in package sandbox
// (TestFakeRunners).
//
// The tests need root (full isolation, cgroups, mounts) and, for the
// MongoDB ones, FerretDB (scripts/with-ferretdb.sh). The fake runners must
// pass the runner's seccomp allowlist, so the test binary must be built
// with CGO_ENABLED=0, as make test does; otherwise those tests skip.
//
// The package has no non-test code.
package faults

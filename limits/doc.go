// Package limits holds the runner's lockdown: rlimits, landlock,
// no_new_privs and a seccomp allowlist, applied in that order by
// [Lockdown] before the runner reads any job, and the process attributes
// (namespaces, process group, parent-death signal) the supervisor starts a
// runner with. The per-execution cgroups live in the subpackage
// limits/cgroups, which the runner does not link.
//
// Policy is kept apart from installation: seccomp_policy.go is the
// allowlist as data, zseccomp_linux_amd64.go the BPF program generated from
// it (go generate; a test keeps the two in step), seccomp_linux.go installs
// it. The runner therefore links no seccomp assembler and pays nothing for
// one at start.
package limits

//go:build cgo

package faults

// cgoBuild: the fake runners cannot pass the seccomp allowlist (a cgo
// runtime makes calls the real runner never does).
const cgoBuild = true

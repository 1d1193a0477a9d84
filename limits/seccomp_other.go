//go:build linux && !amd64

package limits

import "golang.org/x/sys/unix"

// seccompFilter is generated for amd64 only; elsewhere Lockdown reports
// ErrSeccompUnsupported.
var seccompFilter []unix.SockFilter

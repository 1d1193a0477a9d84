package limits

import "errors"

// Sentinel errors.
var (
	ErrSeccompUnsupported = errors.New("limits: no seccomp filter for this architecture")
	ErrBadLockdownArg     = errors.New("limits: bad lockdown argument")
)

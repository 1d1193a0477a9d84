package modules

import (
	"crypto/rand"

	"golang.org/x/sys/unix"
)

// systemSeed reads 32 bytes of the system's randomness with one getrandom
// call: crypto/rand's first use costs three times as much at start-up.
func systemSeed() (seed [32]byte) {
	if n, err := unix.Getrandom(seed[:], 0); err == nil && n == len(seed) {
		return seed
	}
	_, _ = rand.Read(seed[:])
	return seed
}

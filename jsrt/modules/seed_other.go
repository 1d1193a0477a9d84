//go:build !linux

package modules

import "crypto/rand"

// systemSeed reads 32 bytes of the system's randomness.
func systemSeed() (seed [32]byte) {
	_, _ = rand.Read(seed[:])
	return seed
}

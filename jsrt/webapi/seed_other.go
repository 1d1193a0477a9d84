//go:build !linux

package webapi

import "crypto/rand"

// systemSeed reads 32 bytes of the system's randomness.
func systemSeed() (seed [32]byte, err error) {
	_, err = rand.Read(seed[:])
	return seed, err
}

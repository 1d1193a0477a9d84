package webapi

import (
	"crypto/rand"

	"golang.org/x/sys/unix"
)

// systemSeed reads 32 bytes of the kernel's CSPRNG with one getrandom
// call: crypto/rand's first use costs several times as much (it sets up
// its own state), and the runner needs the seed once.
func systemSeed() (seed [32]byte, err error) {
	if n, err := unix.Getrandom(seed[:], 0); err == nil && n == len(seed) {
		return seed, nil
	}
	_, err = rand.Read(seed[:])
	return seed, err
}

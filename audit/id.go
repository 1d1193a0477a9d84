package audit

import (
	crand "crypto/rand"
	"math/rand/v2"

	"github.com/oklog/ulid/v2"
)

// IDPrefix starts every execution id.
const IDPrefix = "exec_"

// idEntropy is the random part of execution ids: ChaCha8 seeded with 256
// bits from the kernel (crypto/rand) once per process, made monotonic
// within a millisecond. Neither the time nor the pid seeds it, so two
// supervisors started at the same instant, or with the same pid in two
// containers, draw independent ids. (ulid.Make seeds math/rand with the
// start time in nanoseconds: two processes that start in the same
// nanosecond would make the same ids.)
var idEntropy = func() *ulid.LockedMonotonicReader {
	var seed [32]byte
	if _, err := crand.Read(seed[:]); err != nil {
		panic("audit: no randomness for execution ids: " + err.Error())
	}
	return &ulid.LockedMonotonicReader{MonotonicReader: ulid.Monotonic(rand.NewChaCha8(seed), 0)}
}()

// NewID returns a new execution id: "exec_" and a ULID, sortable by time
// (milliseconds) and, within a process, by creation. Across a fleet writing
// to one store two ids collide only if two supervisors draw the same 80
// random bits in the same millisecond (about one chance in 2^80 per pair
// of executions); the stores report it if it happens (ErrIDCollision).
func NewID() string {
	return IDPrefix + ulid.MustNew(ulid.Now(), idEntropy).String()
}

// Package ieee754 computes Math's functions as Node 24 does, bit for bit,
// where Go's math package gives other last bits: pow is the C library's
// (Arm's optimized-routines, LICENSE-ARM), as V8 calls std::pow.
package ieee754

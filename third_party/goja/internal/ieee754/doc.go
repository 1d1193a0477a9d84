// Package ieee754 computes Math's functions as Node 24 does, bit for bit,
// where Go's math package gives other last bits. Pow is the C library's pow
// (Arm's optimized-routines, LICENSE-ARM), as V8 calls std::pow; the others
// are V8's port of fdlibm (src/base/ieee754.cc, LICENSE-V8 and Sun's notice
// in fdlibm_trig.go).
//
// The code is written for a Go compiler that does not fuse a*b+c into one
// operation (amd64 builds below GOAMD64=v3 do not; arm64 builds may, which
// can change a last bit). pow.go spells out the fused operations the C
// library's build uses and stops fusion elsewhere; the fdlibm port relies on
// the compiler. testdata/record.js records Node's results; ieee754_test.go
// checks every function against them.
package ieee754

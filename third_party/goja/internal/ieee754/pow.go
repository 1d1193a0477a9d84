// Pow is a port of the double-precision pow of Arm's optimized-routines
// (math/pow.c), the implementation the GNU C library has used since 2.28 and
// so the std::pow that V8 calls for Math.pow and ** (--use-std-math-pow, on
// by default in Node 24). It is the library's fused multiply-add build, as
// selected on x86-64 processors with FMA and on arm64, with the products the
// C compiler contracts into fused operations written as math.FMA, and every
// other product rounded on its own (float64(...)), so that the Go compiler
// cannot fuse differently on any architecture.
//
// Copyright (c) 2018-2026, Arm Limited.
// SPDX-License-Identifier: MIT OR Apache-2.0 WITH LLVM-exception

package ieee754

import "math"

const (
	powLn2hi = 0x1.62e42fefa3800p-1
	powLn2lo = 0x1.ef35793c76730p-45
	powOff   = 0x3fe6955500000000

	expN         = 128
	expInvLn2N   = 0x1.71547652b82fep0 * expN
	expNegLn2hiN = -0x1.62e42fefa0000p-8
	expNegLn2loN = -0x1.cf79abc9e3b3ap-47
	expShift     = 0x1.8p52
	expC2        = 0x1.ffffffffffdbdp-2
	expC3        = 0x1.555555555543cp-3
	expC4        = 0x1.55555cf172b91p-5
	expC5        = 0x1.1111167a4d017p-7

	signBias = 0x800 << 7
)

var powA = [7]float64{
	-0x1p-1,
	0x1.555555555556p-2 * -2,
	-0x1.0000000000006p-2 * -2,
	0x1.999999959554ep-3 * 4,
	-0x1.555555529a47ap-3 * 4,
	0x1.2495b9b4845e9p-3 * -8,
	-0x1.0002b8b263fc3p-3 * -8,
}

func asuint64(x float64) uint64 { return math.Float64bits(x) }
func asdouble(i uint64) float64 { return math.Float64frombits(i) }
func top12(x float64) uint32    { return uint32(asuint64(x) >> 52) }

// checkint: 0 if iy is not an integer, 1 if an odd one, 2 if an even one.
func checkint(iy uint64) int {
	e := int(iy >> 52 & 0x7ff)
	if e < 0x3ff {
		return 0
	}
	if e > 0x3ff+52 {
		return 2
	}
	if iy&((1<<(0x3ff+52-e))-1) != 0 {
		return 0
	}
	if iy&(1<<(0x3ff+52-e)) != 0 {
		return 1
	}
	return 2
}

func zeroinfnan(i uint64) bool {
	return 2*i-1 >= 2*asuint64(math.Inf(1))-1
}

// logInline returns log(x) as hi + tail, tail with about 15 more bits.
func logInline(ix uint64) (y, tail float64) {
	tmp := ix - powOff
	i := (tmp >> (52 - 7)) % 128
	k := int64(tmp) >> 52
	iz := ix - (tmp & (0xfff << 52))
	z := asdouble(iz)
	kd := float64(k)

	invc := powLogTab[i].invc
	logc := powLogTab[i].logc
	logctail := powLogTab[i].logctail

	r := math.FMA(z, invc, -1.0)

	t1 := math.FMA(kd, powLn2hi, logc)
	t2 := t1 + r
	lo1 := math.FMA(kd, powLn2lo, logctail)
	lo2 := t1 - t2 + r

	ar := powA[0] * r
	ar2 := float64(r * ar)
	ar3 := r * ar2
	hi := t2 + ar2
	lo3 := math.FMA(ar, r, -ar2)
	lo4 := t2 - hi + ar2
	p := float64(ar3 * math.FMA(ar2, math.FMA(ar2, math.FMA(r, powA[6], powA[5]), math.FMA(r, powA[4], powA[3])), math.FMA(r, powA[2], powA[1])))
	lo := lo1 + lo2 + lo3 + lo4 + p
	y = hi + lo
	tail = hi - y + lo
	return y, tail
}

func oflow(sign uint32) float64 {
	if sign != 0 {
		return math.Inf(-1)
	}
	return math.Inf(1)
}

func uflow(sign uint32) float64 {
	if sign != 0 {
		return math.Copysign(0, -1)
	}
	return 0
}

// specialcase handles results that may overflow or underflow.
func specialcase(tmp float64, sbits, ki uint64) float64 {
	if ki&0x80000000 == 0 {
		// k > 0: the exponent of scale might have overflowed by <= 460.
		sbits -= 1009 << 52
		scale := asdouble(sbits)
		y := math.FMA(scale, tmp, scale)
		return y * 0x1p1009
	}
	// k < 0: care is needed in the subnormal range.
	sbits += 1022 << 52
	scale := asdouble(sbits)
	st := float64(scale * tmp) // computed once: not fused here
	y := scale + st
	if math.Abs(y) < 1.0 {
		one := 1.0
		if y < 0.0 {
			one = -1.0
		}
		lo := scale - y + st
		hi := one + y
		lo = one - hi + y + lo
		y = (hi + lo) - one
		if y == 0 {
			y = asdouble(sbits & 0x8000000000000000)
		}
	}
	return 0x1p-1022 * y
}

// expInline is sign*exp(x+xtail).
func expInline(x, xtail float64, sign uint32) float64 {
	abstop := top12(x) & 0x7ff
	if abstop-top12(0x1p-54) >= top12(512.0)-top12(0x1p-54) {
		if abstop-top12(0x1p-54) >= 0x80000000 {
			one := 1.0 + x
			if sign != 0 {
				return -one
			}
			return one
		}
		if abstop >= top12(1024.0) {
			if asuint64(x)>>63 != 0 {
				return uflow(sign)
			}
			return oflow(sign)
		}
		abstop = 0
	}
	kd := math.FMA(expInvLn2N, x, expShift)
	ki := asuint64(kd)
	kd -= expShift
	r := math.FMA(kd, expNegLn2loN, math.FMA(kd, expNegLn2hiN, x))
	r += xtail
	idx := 2 * (ki % expN)
	top := (ki + uint64(sign)) << (52 - 7)
	tail := asdouble(expTab[idx])
	sbits := expTab[idx+1] + top
	r2 := r * r
	tmp := math.FMA(float64(r2*r2), math.FMA(r, expC5, expC4), math.FMA(r2, math.FMA(r, expC3, expC2), tail+r))
	if abstop == 0 {
		return specialcase(tmp, sbits, ki)
	}
	scale := asdouble(sbits)
	return math.FMA(scale, tmp, scale)
}

// Pow is x**y as Node computes it (V8's math::pow): ECMAScript's special
// cases (a NaN exponent, or ±1 to an infinite power, is NaN), x*x for a
// square, sqrt for a square root, and otherwise the C library's pow.
func Pow(x, y float64) float64 {
	if math.IsNaN(y) {
		return math.NaN()
	}
	if math.IsInf(y, 0) && (x == 1 || x == -1) {
		return math.NaN()
	}
	// V8 computes these two as its optimizing compilers do, not with pow.
	if y == 2 {
		return float64(x * x)
	}
	if y == 0.5 {
		if math.IsInf(x, 0) {
			return math.Inf(1)
		}
		return math.Sqrt(x + 0) // +0 for -0
	}
	var sign uint32
	ix := asuint64(x)
	iy := asuint64(y)
	topx := top12(x)
	topy := top12(y)
	if topx-0x001 >= 0x7ff-0x001 || (topy&0x7ff)-0x3be >= 0x43e-0x3be {
		// x < 0x1p-126 or inf or nan, or |y| < 0x1p-65 or |y| >= 0x1p63 or nan.
		if zeroinfnan(iy) {
			if 2*iy == 0 {
				return 1.0
			}
			if ix == asuint64(1.0) {
				return 1.0
			}
			if 2*ix > 2*asuint64(math.Inf(1)) || 2*iy > 2*asuint64(math.Inf(1)) {
				return x + y
			}
			if 2*ix == 2*asuint64(1.0) {
				return 1.0
			}
			if (2*ix < 2*asuint64(1.0)) == (iy>>63 == 0) {
				return 0.0 // |x|<1 && y==inf or |x|>1 && y==-inf
			}
			return y * y
		}
		if zeroinfnan(ix) {
			x2 := x * x
			if ix>>63 != 0 && checkint(iy) == 1 {
				x2 = -x2
			}
			if iy>>63 != 0 {
				return 1 / x2
			}
			return x2
		}
		// x and y are non-zero finite.
		if ix>>63 != 0 {
			yint := checkint(iy)
			if yint == 0 {
				return math.NaN()
			}
			if yint == 1 {
				sign = signBias
			}
			ix &= 0x7fffffffffffffff
			topx &= 0x7ff
		}
		if (topy&0x7ff)-0x3be >= 0x43e-0x3be {
			// sign == 0 here: y is not odd.
			if ix == asuint64(1.0) {
				return 1.0
			}
			if (topy & 0x7ff) < 0x3be {
				// |y| < 2^-65: x^y ~= 1 + y*log(x).
				if ix > asuint64(1.0) {
					return 1.0 + y
				}
				return 1.0 - y
			}
			if (ix > asuint64(1.0)) == (topy < 0x800) {
				return oflow(0)
			}
			return uflow(0)
		}
		if topx == 0 {
			// Normalize a subnormal x so its exponent becomes negative.
			ix = asuint64(asdouble(ix) * 0x1p52)
			ix &= 0x7fffffffffffffff
			ix -= 52 << 52
		}
	}
	hi, lo := logInline(ix)
	ehi := y * hi
	elo := math.FMA(y, lo, math.FMA(y, hi, -ehi))
	return expInline(ehi, elo, sign)
}

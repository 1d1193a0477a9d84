// Port of V8's src/base/ieee754.cc (from fdlibm): exponentials,
// logarithms, cube root and the hyperbolic functions. See fdlibm_trig.go
// for the notices.
//
// Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
// Copyright 2016 the V8 project authors. All rights reserved.

package ieee754

import "math"

const (
	ln2   = 6.93147180559945286227e-01
	ln2Hi = 6.93147180369123816490e-01
	ln2Lo = 1.90821492927058770002e-10
	two54 = 1.80143985094819840000e+16
	Lg1   = 6.666666666666735130e-01
	Lg2   = 3.999999999940941908e-01
	Lg3   = 2.857142874366239149e-01
	Lg4   = 2.222219843214978396e-01
	Lg5   = 1.818357216161805012e-01
	Lg6   = 1.531383769920937332e-01
	Lg7   = 1.479819860511658591e-01
)

// Exp is V8's exp.
func Exp(x float64) float64 {
	const (
		oThreshold = 7.09782712893383973096e+02
		uThreshold = -7.45133219101941108420e+02
		invln2     = 1.44269504088896338700e+00
		P1         = 1.66666666666666019037e-01
		P2         = -2.77777777770155933842e-03
		P3         = 6.61375632143793436117e-05
		P4         = -1.65339022054652515390e-06
		P5         = 4.13813679705723846039e-08
		E          = 2.718281828459045
		huge       = 1.0e+300
		twom1000   = 9.33263618503218878990e-302
		two1023    = 8.988465674311579539e307
	)
	halF := [2]float64{0.5, -0.5}
	ln2HI := [2]float64{ln2Hi, -ln2Hi}
	ln2LO := [2]float64{ln2Lo, -ln2Lo}

	var hi, lo float64
	k := int32(0)
	hx := uint32(high(x))
	xsb := (hx >> 31) & 1
	hx &= 0x7FFFFFFF
	if hx >= 0x40862E42 { // |x| >= 709.78...
		if hx >= 0x7FF00000 {
			if ((hx & 0xFFFFF) | low(x)) != 0 {
				return x + x // NaN
			}
			if xsb == 0 {
				return x
			}
			return 0.0
		}
		if x > oThreshold {
			return math.Inf(1)
		}
		if x < uThreshold {
			return 0
		}
	}
	if hx > 0x3FD62E42 { // |x| > 0.5 ln2
		if hx < 0x3FF0A2B2 { // and |x| < 1.5 ln2
			if x == 1.0 {
				return E
			}
			hi = x - ln2HI[xsb]
			lo = ln2LO[xsb]
			k = int32(1 - xsb - xsb)
		} else {
			k = int32(invln2*x + halF[xsb])
			t := float64(k)
			hi = x - t*ln2HI[0]
			lo = t * ln2LO[0]
		}
		x = hi - lo
	} else if hx < 0x3E300000 { // |x| < 2**-28
		if huge+x > 1 {
			return 1 + x
		}
	} else {
		k = 0
	}
	t := x * x
	var twopk float64
	if k >= -1021 {
		twopk = words(0x3FF00000+(k<<20), 0)
	} else {
		twopk = words(0x3FF00000+((k+1000)<<20), 0)
	}
	c := x - t*(P1+t*(P2+t*(P3+t*(P4+t*P5))))
	if k == 0 {
		return 1 - ((x*c)/(c-2.0) - x)
	}
	y := 1 - ((lo - (x*c)/(2.0-c)) - hi)
	if k >= -1021 {
		if k == 1024 {
			return y * 2.0 * two1023
		}
		return y * twopk
	}
	return y * twopk * twom1000
}

// Log is V8's log.
func Log(x float64) float64 {
	hx := high(x)
	lx := low(x)
	k := int32(0)
	if hx < 0x00100000 { // x < 2**-1022
		if (uint32(hx&0x7FFFFFFF) | lx) == 0 {
			return math.Inf(-1)
		}
		if hx < 0 {
			return math.NaN()
		}
		k -= 54
		x *= two54
		hx = high(x)
	}
	if hx >= 0x7FF00000 {
		return x + x
	}
	k += (hx >> 20) - 1023
	hx &= 0x000FFFFF
	i := (hx + 0x95F64) & 0x100000
	x = setHigh(x, hx|(i^0x3FF00000))
	k += i >> 20
	f := x - 1.0
	if (0x000FFFFF & (2 + hx)) < 3 { // -2**-20 <= f < 2**-20
		if f == 0 {
			if k == 0 {
				return 0
			}
			dk := float64(k)
			return dk*ln2Hi + dk*ln2Lo
		}
		R := f * f * (0.5 - 0.33333333333333333*f)
		if k == 0 {
			return f - R
		}
		dk := float64(k)
		return dk*ln2Hi - ((R - dk*ln2Lo) - f)
	}
	s := f / (2.0 + f)
	dk := float64(k)
	z := s * s
	i = hx - 0x6147A
	w := z * z
	j := 0x6B851 - hx
	t1 := w * (Lg2 + w*(Lg4+w*Lg6))
	t2 := z * (Lg1 + w*(Lg3+w*(Lg5+w*Lg7)))
	i |= j
	R := t2 + t1
	if i > 0 {
		hfsq := 0.5 * f * f
		if k == 0 {
			return f - (hfsq - s*(hfsq+R))
		}
		return dk*ln2Hi - ((hfsq - (s*(hfsq+R) + dk*ln2Lo)) - f)
	}
	if k == 0 {
		return f - s*(f-R)
	}
	return dk*ln2Hi - ((s*(f-R) - dk*ln2Lo) - f)
}

// Log1p is V8's log1p.
func Log1p(x float64) float64 {
	const (
		Lp1 = 6.666666666666735130e-01
		Lp2 = 3.999999999940941908e-01
		Lp3 = 2.857142874366239149e-01
		Lp4 = 2.222219843214978396e-01
		Lp5 = 1.818357216161805012e-01
		Lp6 = 1.531383769920937332e-01
		Lp7 = 1.479819860511658591e-01
	)
	var f, c float64
	var hu int32
	hx := high(x)
	ax := hx & 0x7FFFFFFF
	k := int32(1)
	if hx < 0x3FDA827A { // 1+x < sqrt(2)+
		if ax >= 0x3FF00000 { // x <= -1.0
			if x == -1.0 {
				return math.Inf(-1)
			}
			return math.NaN()
		}
		if ax < 0x3E200000 { // |x| < 2**-29
			if two54+x > 0 && ax < 0x3C900000 {
				return x
			}
			return x - x*x*0.5
		}
		if hx > 0 || hx <= -0x402D413C { // hx <= (int32)0xBFD2BEC4
			k = 0
			f = x
			hu = 1
		}
	}
	if hx >= 0x7FF00000 {
		return x + x
	}
	if k != 0 {
		var u float64
		if hx < 0x43400000 {
			u = 1.0 + x
			hu = high(u)
			k = (hu >> 20) - 1023
			if k > 0 {
				c = 1.0 - (u - x)
			} else {
				c = x - (u - 1.0)
			}
			c /= u
		} else {
			u = x
			hu = high(u)
			k = (hu >> 20) - 1023
			c = 0
		}
		hu &= 0x000FFFFF
		if hu < 0x6A09E {
			u = setHigh(u, hu|0x3FF00000)
		} else {
			k++
			u = setHigh(u, hu|0x3FE00000)
			hu = (0x00100000 - hu) >> 2
		}
		f = u - 1.0
	}
	hfsq := 0.5 * f * f
	dk := float64(k)
	if hu == 0 { // |f| < 2**-20
		if f == 0 {
			if k == 0 {
				return 0
			}
			c += dk * ln2Lo
			return dk*ln2Hi + c
		}
		R := hfsq * (1.0 - 0.66666666666666666*f)
		if k == 0 {
			return f - R
		}
		return dk*ln2Hi - ((R - (dk*ln2Lo + c)) - f)
	}
	s := f / (2.0 + f)
	z := s * s
	R := z * (Lp1 + z*(Lp2+z*(Lp3+z*(Lp4+z*(Lp5+z*(Lp6+z*Lp7))))))
	if k == 0 {
		return f - (hfsq - s*(hfsq+R))
	}
	return dk*ln2Hi - ((hfsq - (s*(hfsq+R) + (dk*ln2Lo + c))) - f)
}

// kLog1p is log(1+f) - f for 1+f in ~[sqrt(2)/2, sqrt(2)].
func kLog1p(f float64) float64 {
	s := f / (2.0 + f)
	z := s * s
	w := z * z
	t1 := w * (Lg2 + w*(Lg4+w*Lg6))
	t2 := z * (Lg1 + w*(Lg3+w*(Lg5+w*Lg7)))
	R := t2 + t1
	hfsq := 0.5 * f * f
	return s * (hfsq + R)
}

// Log2 is V8's log2.
func Log2(x float64) float64 {
	const (
		ivln2hi = 1.44269504072144627571e+00
		ivln2lo = 1.67517131648865118353e-10
	)
	hx := high(x)
	lx := low(x)
	k := int32(0)
	if hx < 0x00100000 { // x < 2**-1022
		if (uint32(hx&0x7FFFFFFF) | lx) == 0 {
			return math.Inf(-1)
		}
		if hx < 0 {
			return math.NaN()
		}
		k -= 54
		x *= two54
		hx = high(x)
	}
	if hx >= 0x7FF00000 {
		return x + x
	}
	if hx == 0x3FF00000 && lx == 0 {
		return 0.0
	}
	k += (hx >> 20) - 1023
	hx &= 0x000FFFFF
	i := (hx + 0x95F64) & 0x100000
	x = setHigh(x, hx|(i^0x3FF00000))
	k += i >> 20
	y := float64(k)
	f := x - 1.0
	hfsq := 0.5 * f * f
	r := kLog1p(f)
	hi := setLow(f-hfsq, 0)
	lo := (f - hi) - hfsq + r
	valHi := hi * ivln2hi
	valLo := (lo+hi)*ivln2lo + lo*ivln2hi
	w := y + valHi
	valLo += (y - w) + valHi
	valHi = w
	return valLo + valHi
}

// Log10 is V8's log10.
func Log10(x float64) float64 {
	const (
		ivln10   = 4.34294481903251816668e-01
		log102hi = 3.01029995663611771306e-01
		log102lo = 3.69423907715893078616e-13
	)
	hx := high(x)
	lx := low(x)
	k := int32(0)
	if hx < 0x00100000 { // x < 2**-1022
		if (uint32(hx&0x7FFFFFFF) | lx) == 0 {
			return math.Inf(-1)
		}
		if hx < 0 {
			return math.NaN()
		}
		k -= 54
		x *= two54
		hx = high(x)
		lx = low(x)
	}
	if hx >= 0x7FF00000 {
		return x + x
	}
	if hx == 0x3FF00000 && lx == 0 {
		return 0.0
	}
	k += (hx >> 20) - 1023
	i := int32((uint32(k) & 0x80000000) >> 31)
	hx = (hx & 0x000FFFFF) | ((0x3FF - i) << 20)
	y := float64(k + i)
	x = words(hx, lx)
	z := y*log102lo + ivln10*Log(x)
	return z + y*log102hi
}

// Expm1 is V8's expm1.
func Expm1(x float64) float64 {
	const (
		tiny       = 1.0e-300
		oThreshold = 7.09782712893383973096e+02
		invln2     = 1.44269504088896338700e+00
		Q1         = -3.33333333333331316428e-02
		Q2         = 1.58730158725481460165e-03
		Q3         = -7.93650757867487942473e-05
		Q4         = 4.00821782732936239552e-06
		Q5         = -2.01099218183624371326e-07
		huge       = 1.0e+300
	)
	var y, hi, lo, c, t, e float64
	var k int32
	hx := uint32(high(x))
	xsb := hx & 0x80000000
	hx &= 0x7FFFFFFF
	if hx >= 0x4043687A { // |x| >= 56*ln2
		if hx >= 0x40862E42 { // |x| >= 709.78...
			if hx >= 0x7FF00000 {
				if ((hx & 0xFFFFF) | low(x)) != 0 {
					return x + x // NaN
				}
				if xsb == 0 {
					return x
				}
				return -1.0
			}
			if x > oThreshold {
				return math.Inf(1)
			}
		}
		if xsb != 0 { // x < -56*ln2
			if x+tiny < 0.0 {
				return tiny - 1
			}
		}
	}
	if hx > 0x3FD62E42 { // |x| > 0.5 ln2
		if hx < 0x3FF0A2B2 { // and |x| < 1.5 ln2
			if xsb == 0 {
				hi = x - ln2Hi
				lo = ln2Lo
				k = 1
			} else {
				hi = x + ln2Hi
				lo = -ln2Lo
				k = -1
			}
		} else {
			if xsb == 0 {
				k = int32(invln2*x + 0.5)
			} else {
				k = int32(invln2*x - 0.5)
			}
			t = float64(k)
			hi = x - t*ln2Hi
			lo = t * ln2Lo
		}
		x = hi - lo
		c = (hi - x) - lo
	} else if hx < 0x3C900000 { // |x| < 2**-54
		t = huge + x
		return x - (t - (huge + x))
	} else {
		k = 0
	}
	hfx := 0.5 * x
	hxs := x * hfx
	r1 := 1 + hxs*(Q1+hxs*(Q2+hxs*(Q3+hxs*(Q4+hxs*Q5))))
	t = 3.0 - r1*hfx
	e = hxs * ((r1 - t) / (6.0 - x*t))
	if k == 0 {
		return x - (x*e - hxs)
	}
	twopk := words(0x3FF00000+(k<<20), 0)
	e = x*(e-c) - c
	e -= hxs
	if k == -1 {
		return 0.5*(x-e) - 0.5
	}
	if k == 1 {
		if x < -0.25 {
			return -2.0 * (e - (x + 0.5))
		}
		return 1 + 2.0*(x-e)
	}
	if k <= -2 || k > 56 {
		y = 1 - (e - x)
		if k == 1024 {
			y = y * 2.0 * 8.98846567431158e+307
		} else {
			y = y * twopk
		}
		return y - 1
	}
	t = 1
	if k < 20 {
		t = setHigh(t, 0x3FF00000-(0x200000>>k))
		y = t - (e - x)
		y = y * twopk
	} else {
		t = setHigh(t, (0x3FF-k)<<20)
		y = x - (e + t)
		y += 1
		y = y * twopk
	}
	return y
}

// Cbrt is V8's cbrt.
func Cbrt(x float64) float64 {
	const (
		B1 = 715094163
		B2 = 696219795
		P0 = 1.87595182427177009643
		P1 = -1.88497979543377169875
		P2 = 1.621429720105354466140
		P3 = -0.758397934778766047437
		P4 = 0.145996192886612446982
	)
	hx := high(x)
	sign := uint32(hx) & 0x80000000
	hx = int32(uint32(hx) ^ sign)
	if hx >= 0x7FF00000 {
		return x + x
	}
	var t float64
	if hx < 0x00100000 { // zero or subnormal
		if (uint32(hx) | low(x)) == 0 {
			return x
		}
		t = words(0x43500000, 0) * x
		hi := uint32(high(t))
		t = words(int32(sign|((hi&0x7FFFFFFF)/3+B2)), 0)
	} else {
		t = words(int32(sign|(uint32(hx)/3+B1)), 0)
	}
	r := (t * t) * (t / x)
	t = t * ((P0 + r*(P1+r*P2)) + ((r*r)*r)*(P3+r*P4))
	t = math.Float64frombits((math.Float64bits(t) + 0x80000000) & 0xFFFFFFFFC0000000)
	s := t * t
	r = x / s
	w := t + t
	r = (r - t) / (w + r)
	return t + t*r
}

// Acosh is V8's acosh.
func Acosh(x float64) float64 {
	hx := high(x)
	lx := low(x)
	if hx < 0x3FF00000 { // x < 1
		return math.NaN()
	} else if hx >= 0x41B00000 { // x > 2**28
		if hx >= 0x7FF00000 {
			return x + x
		}
		return Log(x) + ln2
	} else if (uint32(hx-0x3FF00000) | lx) == 0 {
		return 0.0
	} else if hx > 0x40000000 { // 2**28 > x > 2
		t := x * x
		return Log(2.0*x - 1/(x+math.Sqrt(t-1)))
	}
	t := x - 1
	return Log1p(t + math.Sqrt(2.0*t+t*t))
}

// Asinh is V8's asinh.
func Asinh(x float64) float64 {
	const huge = 1.00000000000000000000e+300
	hx := high(x)
	ix := hx & 0x7FFFFFFF
	if ix >= 0x7FF00000 {
		return x + x
	}
	if ix < 0x3E300000 { // |x| < 2**-28
		if huge+x > 1 {
			return x
		}
	}
	var w float64
	if ix > 0x41B00000 { // |x| > 2**28
		w = Log(math.Abs(x)) + ln2
	} else if ix > 0x40000000 { // 2**28 > |x| > 2.0
		t := math.Abs(x)
		w = Log(2.0*t + 1/(math.Sqrt(x*x+1)+t))
	} else {
		t := x * x
		w = Log1p(math.Abs(x) + t/(1+math.Sqrt(1+t)))
	}
	if hx > 0 {
		return w
	}
	return -w
}

// Atanh is V8's atanh.
func Atanh(x float64) float64 {
	const huge = 1e300
	hx := high(x)
	lx := low(x)
	ix := hx & 0x7FFFFFFF
	if (uint32(ix) | ((lx | -lx) >> 31)) > 0x3FF00000 { // |x| > 1
		return math.NaN()
	}
	if ix == 0x3FF00000 {
		if x > 0 {
			return math.Inf(1)
		}
		return math.Inf(-1)
	}
	if ix < 0x3E300000 && (huge+x) > 0 {
		return x // |x| < 2**-28
	}
	x = setHigh(x, ix)
	var t float64
	if ix < 0x3FE00000 { // x < 0.5
		t = x + x
		t = 0.5 * Log1p(t+t*x/(1-x))
	} else {
		t = 0.5 * Log1p((x+x)/(1-x))
	}
	if hx >= 0 {
		return t
	}
	return -t
}

// Cosh is V8's cosh.
func Cosh(x float64) float64 {
	const kcoshOverflow = 710.4758600739439
	ix := high(x) & 0x7FFFFFFF
	if ix < 0x3FD62E43 { // |x| in [0, 0.5*log2]
		t := Expm1(math.Abs(x))
		w := 1 + t
		if ix < 0x3C800000 {
			return w
		}
		return 1 + (t*t)/(w+w)
	}
	if ix < 0x40360000 { // |x| in [0.5*log2, 22]
		t := Exp(math.Abs(x))
		return 0.5*t + 0.5/t
	}
	if ix < 0x40862E42 {
		return 0.5 * Exp(math.Abs(x))
	}
	if math.Abs(x) <= kcoshOverflow {
		w := Exp(0.5 * math.Abs(x))
		t := 0.5 * w
		return t * w
	}
	if ix >= 0x7FF00000 {
		return x * x
	}
	return math.Inf(1)
}

// Sinh is V8's sinh.
func Sinh(x float64) float64 {
	const (
		ksinhOverflow = 710.4758600739439
		twoM28        = 3.725290298461914e-9
		logMaxD       = 709.7822265625
		shuge         = 1.0e307
	)
	h := 0.5
	if x < 0 {
		h = -0.5
	}
	ax := math.Abs(x)
	if ax < 22 {
		if ax < twoM28 {
			return x
		}
		t := Expm1(ax)
		if ax < 1 {
			return h * (2*t - t*t/(t+1))
		}
		return h * (t + t/(t+1))
	}
	if ax < logMaxD {
		return h * Exp(ax)
	}
	if ax <= ksinhOverflow {
		w := Exp(0.5 * ax)
		t := h * w
		return t * w
	}
	return x * shuge
}

// Tanh is V8's tanh.
func Tanh(x float64) float64 {
	const (
		tiny = 1.0e-300
		huge = 1.0e300
	)
	jx := high(x)
	ix := jx & 0x7FFFFFFF
	if ix >= 0x7FF00000 {
		if jx >= 0 {
			return 1/x + 1
		}
		return 1/x - 1
	}
	var z float64
	if ix < 0x40360000 { // |x| < 22
		if ix < 0x3E300000 { // |x| < 2**-28
			if huge+x > 1 {
				return x
			}
		}
		if ix >= 0x3FF00000 { // |x| >= 1
			t := Expm1(2 * math.Abs(x))
			z = 1 - 2/(t+2)
		} else {
			t := Expm1(-2 * math.Abs(x))
			z = -t / (t + 2)
		}
	} else {
		z = 1 - tiny
	}
	if jx >= 0 {
		return z
	}
	return -z
}

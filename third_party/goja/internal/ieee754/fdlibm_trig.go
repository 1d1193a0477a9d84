// The following is a port of V8's src/base/ieee754.cc, itself adapted
// from fdlibm (http://www.netlib.org/fdlibm): the functions behind Math in
// Node 24 (whose builds do not enable V8_USE_LIBM_TRIG_FUNCTIONS).
//
// ====================================================
// Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
//
// Developed at SunSoft, a Sun Microsystems, Inc. business.
// Permission to use, copy, modify, and distribute this
// software is freely granted, provided that this notice
// is preserved.
// ====================================================
//
// The original source code covered by the above license above has been
// modified significantly by Google Inc.
// Copyright 2016 the V8 project authors. All rights reserved.
// (BSD-style license: LICENSE-V8.)

package ieee754

import "math"

func high(x float64) int32 { return int32(math.Float64bits(x) >> 32) }
func low(x float64) uint32 { return uint32(math.Float64bits(x)) }
func words(hi int32, lo uint32) float64 {
	return math.Float64frombits(uint64(uint32(hi))<<32 | uint64(lo))
}
func setLow(x float64, lo uint32) float64 { return words(high(x), lo) }
func setHigh(x float64, hi int32) float64 { return words(hi, low(x)) }

var twoOverPi = [...]int32{
	0xA2F983, 0x6E4E44, 0x1529FC, 0x2757D1, 0xF534DD, 0xC0DB62, 0x95993C,
	0x439041, 0xFE5163, 0xABDEBB, 0xC561B7, 0x246E3A, 0x424DD2, 0xE00649,
	0x2EEA09, 0xD1921C, 0xFE1DEB, 0x1CB129, 0xA73EE8, 0x8235F5, 0x2EBB44,
	0x84E99C, 0x7026B4, 0x5F7E41, 0x3991D6, 0x398353, 0x39F49C, 0x845F8B,
	0xBDF928, 0x3B1FF8, 0x97FFDE, 0x05980F, 0xEF2F11, 0x8B5A0A, 0x6D1F6D,
	0x367ECF, 0x27CB09, 0xB74F46, 0x3F669E, 0x5FEA2D, 0x7527BA, 0xC7EBE5,
	0xF17B3D, 0x0739F7, 0x8A5292, 0xEA6BFB, 0x5FB11F, 0x8D5D08, 0x560330,
	0x46FC7B, 0x6BABF0, 0xCFBC20, 0x9AF436, 0x1DA9E3, 0x91615E, 0xE61B08,
	0x659985, 0x5F14A0, 0x68408D, 0xFFD880, 0x4D7327, 0x310606, 0x1556CA,
	0x73A8C9, 0x60E27B, 0xC08C6B,
}

var npio2hw = [...]int32{
	0x3FF921FB, 0x400921FB, 0x4012D97C, 0x401921FB, 0x401F6A7A, 0x4022D97C,
	0x4025FDBB, 0x402921FB, 0x402C463A, 0x402F6A7A, 0x4031475C, 0x4032D97C,
	0x40346B9C, 0x4035FDBB, 0x40378FDB, 0x403921FB, 0x403AB41B, 0x403C463A,
	0x403DD85A, 0x403F6A7A, 0x40407E4C, 0x4041475C, 0x4042106C, 0x4042D97C,
	0x4043A28C, 0x40446B9C, 0x404534AC, 0x4045FDBB, 0x4046C6CB, 0x40478FDB,
	0x404858EB, 0x404921FB,
}

// remPio2 returns n and y[0]+y[1] = x - n*pi/2.
func remPio2(x float64) (int32, [2]float64) {
	const (
		half    = 5.00000000000000000000e-01
		two24   = 1.67772160000000000000e+07
		invpio2 = 6.36619772367581382433e-01
		pio2_1  = 1.57079632673412561417e+00
		pio2_1t = 6.07710050650619224932e-11
		pio2_2  = 6.07710050630396597660e-11
		pio2_2t = 2.02226624879595063154e-21
		pio2_3  = 2.02226624871116645580e-21
		pio2_3t = 8.47842766036889956997e-32
	)
	var y [2]float64
	hx := high(x)
	ix := hx & 0x7FFFFFFF
	if ix <= 0x3FE921FB { // |x| ~<= pi/4
		y[0] = x
		return 0, y
	}
	if ix < 0x4002D97C { // |x| < 3pi/4
		if hx > 0 {
			z := x - pio2_1
			if ix != 0x3FF921FB {
				y[0] = z - pio2_1t
				y[1] = (z - y[0]) - pio2_1t
			} else {
				z -= pio2_2
				y[0] = z - pio2_2t
				y[1] = (z - y[0]) - pio2_2t
			}
			return 1, y
		}
		z := x + pio2_1
		if ix != 0x3FF921FB {
			y[0] = z + pio2_1t
			y[1] = (z - y[0]) + pio2_1t
		} else {
			z += pio2_2
			y[0] = z + pio2_2t
			y[1] = (z - y[0]) + pio2_2t
		}
		return -1, y
	}
	if ix <= 0x413921FB { // |x| ~<= 2^19*(pi/2)
		t := math.Abs(x)
		n := int32(t*invpio2 + half)
		fn := float64(n)
		r := t - fn*pio2_1
		w := fn * pio2_1t
		if n < 32 && ix != npio2hw[n-1] {
			y[0] = r - w
		} else {
			j := ix >> 20
			y[0] = r - w
			i := j - ((high(y[0]) >> 20) & 0x7FF)
			if i > 16 {
				t = r
				w = fn * pio2_2
				r = t - w
				w = fn*pio2_2t - ((t - r) - w)
				y[0] = r - w
				i = j - ((high(y[0]) >> 20) & 0x7FF)
				if i > 49 {
					t = r
					w = fn * pio2_3
					r = t - w
					w = fn*pio2_3t - ((t - r) - w)
					y[0] = r - w
				}
			}
		}
		y[1] = (r - y[0]) - w
		if hx < 0 {
			y[0], y[1] = -y[0], -y[1]
			return -n, y
		}
		return n, y
	}
	if ix >= 0x7FF00000 { // inf or NaN
		y[0] = x - x
		y[1] = y[0]
		return 0, y
	}
	// z = scalbn(|x|, ilogb(x)-23)
	e0 := (ix >> 20) - 1046
	z := words(ix-(e0<<20), low(x))
	var tx [3]float64
	for i := 0; i < 2; i++ {
		tx[i] = float64(int32(z))
		z = (z - tx[i]) * two24
	}
	tx[2] = z
	nx := 3
	for tx[nx-1] == 0 {
		nx--
	}
	n := kernelRemPio2(tx[:nx], y[:], int(e0), nx)
	if hx < 0 {
		y[0], y[1] = -y[0], -y[1]
		return -n, y
	}
	return n, y
}

func kernelCos(x, y float64) float64 {
	const (
		C1 = 4.16666666666666019037e-02
		C2 = -1.38888888888741095749e-03
		C3 = 2.48015872894767294178e-05
		C4 = -2.75573143513906633035e-07
		C5 = 2.08757232129817482790e-09
		C6 = -1.13596475577881948265e-11
	)
	ix := high(x) & 0x7FFFFFFF
	if ix < 0x3E400000 { // |x| < 2**-27
		if int(x) == 0 {
			return 1
		}
	}
	z := x * x
	r := z * (C1 + z*(C2+z*(C3+z*(C4+z*(C5+z*C6)))))
	if ix < 0x3FD33333 { // |x| < 0.3
		return 1 - (0.5*z - (z*r - x*y))
	}
	var qx float64
	if ix > 0x3FE90000 { // x > 0.78125
		qx = 0.28125
	} else {
		qx = words(ix-0x00200000, 0)
	}
	iz := 0.5*z - qx
	a := 1 - qx
	return a - (iz - (z*r - x*y))
}

var pio2Chunks = [...]float64{
	1.57079625129699707031e+00,
	7.54978941586159635335e-08,
	5.39030252995776476554e-15,
	3.28200341580791294123e-22,
	1.27065575308067607349e-29,
	1.22933308981111328932e-36,
	2.73370053816464559624e-44,
	2.16741683877804819444e-51,
}

// kernelRemPio2 is __kernel_rem_pio2 at 53-bit precision (prec 2, jk 4):
// the only one remPio2 asks for.
func kernelRemPio2(x, y []float64, e0, nx int) int32 {
	const (
		two24  = 1.67772160000000000000e+07
		twon24 = 5.96046447753906250000e-08
	)
	var iq [20]int32
	var f, fq, q [20]float64
	jk := 4
	jp := jk
	jx := nx - 1
	jv := (e0 - 3) / 24
	if jv < 0 {
		jv = 0
	}
	q0 := e0 - 24*(jv+1)
	j := jv - jx
	m := jx + jk
	for i := 0; i <= m; i, j = i+1, j+1 {
		if j < 0 {
			f[i] = 0
		} else {
			f[i] = float64(twoOverPi[j])
		}
	}
	for i := 0; i <= jk; i++ {
		fw := 0.0
		for j := 0; j <= jx; j++ {
			fw += x[j] * f[jx+i-j]
		}
		q[i] = fw
	}
	jz := jk
	var z float64
	var n, ih int32
recompute:
	{
		i := 0
		j := jz
		z = q[jz]
		for ; j > 0; i, j = i+1, j-1 {
			fw := float64(int32(twon24 * z))
			iq[i] = int32(z - two24*fw)
			z = q[j-1] + fw
		}
	}
	z = math.Ldexp(z, q0)
	z -= 8.0 * math.Floor(z*0.125)
	n = int32(z)
	z -= float64(n)
	ih = 0
	if q0 > 0 {
		i := iq[jz-1] >> (24 - q0)
		n += i
		iq[jz-1] -= i << (24 - q0)
		ih = iq[jz-1] >> (23 - q0)
	} else if q0 == 0 {
		ih = iq[jz-1] >> 23
	} else if z >= 0.5 {
		ih = 2
	}
	if ih > 0 {
		n++
		carry := 0
		for i := 0; i < jz; i++ {
			j := iq[i]
			if carry == 0 {
				if j != 0 {
					carry = 1
					iq[i] = 0x1000000 - j
				}
			} else {
				iq[i] = 0xFFFFFF - j
			}
		}
		if q0 > 0 {
			switch q0 {
			case 1:
				iq[jz-1] &= 0x7FFFFF
			case 2:
				iq[jz-1] &= 0x3FFFFF
			}
		}
		if ih == 2 {
			z = 1 - z
			if carry != 0 {
				z -= math.Ldexp(1, q0)
			}
		}
	}
	if z == 0 {
		j := int32(0)
		for i := jz - 1; i >= jk; i-- {
			j |= iq[i]
		}
		if j == 0 { // recomputation needed
			k := 1
			for jk >= k && iq[jk-k] == 0 {
				k++
			}
			for i := jz + 1; i <= jz+k; i++ {
				f[jx+i] = float64(twoOverPi[jv+i])
				fw := 0.0
				for j := 0; j <= jx; j++ {
					fw += x[j] * f[jx+i-j]
				}
				q[i] = fw
			}
			jz += k
			goto recompute
		}
	}
	if z == 0 {
		jz--
		q0 -= 24
		for iq[jz] == 0 {
			jz--
			q0 -= 24
		}
	} else {
		z = math.Ldexp(z, -q0)
		if z >= two24 {
			fw := float64(int32(twon24 * z))
			iq[jz] = int32(z - two24*fw)
			jz++
			q0 += 24
			iq[jz] = int32(fw)
		} else {
			iq[jz] = int32(z)
		}
	}
	fw := math.Ldexp(1, q0)
	for i := jz; i >= 0; i-- {
		q[i] = fw * float64(iq[i])
		fw *= twon24
	}
	for i := jz; i >= 0; i-- {
		fw := 0.0
		for k := 0; k <= jp && k <= jz-i; k++ {
			fw += pio2Chunks[k] * q[i+k]
		}
		fq[jz-i] = fw
	}
	fw = 0.0
	for i := jz; i >= 0; i-- {
		fw += fq[i]
	}
	if ih == 0 {
		y[0] = fw
	} else {
		y[0] = -fw
	}
	fw = fq[0] - fw
	for i := 1; i <= jz; i++ {
		fw += fq[i]
	}
	if ih == 0 {
		y[1] = fw
	} else {
		y[1] = -fw
	}
	return n & 7
}

func kernelSin(x, y float64, iy int) float64 {
	const (
		half = 5.00000000000000000000e-01
		S1   = -1.66666666666666324348e-01
		S2   = 8.33333333332248946124e-03
		S3   = -1.98412698298579493134e-04
		S4   = 2.75573137070700676789e-06
		S5   = -2.50507602534068634195e-08
		S6   = 1.58969099521155010221e-10
	)
	ix := high(x) & 0x7FFFFFFF
	if ix < 0x3E400000 { // |x| < 2**-27
		if int(x) == 0 {
			return x
		}
	}
	z := x * x
	v := z * x
	r := S2 + z*(S3+z*(S4+z*(S5+z*S6)))
	if iy == 0 {
		return x + v*(S1+z*r)
	}
	return x - ((z*(half*y-v*r) - y) - v*S1)
}

var tanT = [...]float64{
	3.33333333333334091986e-01,
	1.33333333333201242699e-01,
	5.39682539762260521377e-02,
	2.18694882948595424599e-02,
	8.86323982359930005737e-03,
	3.59207910759131235356e-03,
	1.45620945432529025516e-03,
	5.88041240820264096874e-04,
	2.46463134818469906812e-04,
	7.81794442939557092300e-05,
	7.14072491382608190305e-05,
	-1.85586374855275456654e-05,
	2.59073051863633712884e-05,
}

func kernelTan(x, y float64, iy int) float64 {
	const (
		pio4   = 7.85398163397448278999e-01
		pio4lo = 3.06161699786838301793e-17
	)
	T := &tanT
	hx := high(x)
	ix := hx & 0x7FFFFFFF
	if ix < 0x3E300000 { // x < 2**-28
		if int(x) == 0 {
			if (uint32(ix)|low(x))|uint32(iy+1) == 0 {
				return 1 / math.Abs(x)
			}
			if iy == 1 {
				return x
			}
			// -1/(x+y), carefully
			w := x + y
			z := setLow(w, 0)
			v := y - (z - x)
			a := -1 / w
			t := setLow(a, 0)
			s := 1 + t*z
			return t + a*(s+t*v)
		}
	}
	if ix >= 0x3FE59428 { // |x| >= 0.6744
		if hx < 0 {
			x = -x
			y = -y
		}
		z := pio4 - x
		w := pio4lo - y
		x = z + w
		y = 0.0
	}
	z := x * x
	w := z * z
	r := T[1] + w*(T[3]+w*(T[5]+w*(T[7]+w*(T[9]+w*T[11]))))
	v := z * (T[2] + w*(T[4]+w*(T[6]+w*(T[8]+w*(T[10]+w*T[12])))))
	s := z * x
	r = y + z*(s*(r+v)+y)
	r += T[0] * s
	w = x + r
	if ix >= 0x3FE59428 {
		v = float64(iy)
		return float64(1-((hx>>30)&2)) * (v - 2.0*(x-(w*w/(w+v)-r)))
	}
	if iy == 1 {
		return w
	}
	// -1.0/(x+r), accurately
	z = setLow(w, 0)
	v = r - (z - x)
	a := -1.0 / w
	t := setLow(a, 0)
	s = 1.0 + t*z
	return t + a*(s+t*v)
}

// Cos is V8's cos.
func Cos(x float64) float64 {
	ix := high(x) & 0x7FFFFFFF
	if ix <= 0x3FE921FB {
		return kernelCos(x, 0)
	} else if ix >= 0x7FF00000 {
		return x - x
	}
	n, y := remPio2(x)
	switch n & 3 {
	case 0:
		return kernelCos(y[0], y[1])
	case 1:
		return -kernelSin(y[0], y[1], 1)
	case 2:
		return -kernelCos(y[0], y[1])
	default:
		return kernelSin(y[0], y[1], 1)
	}
}

// Sin is V8's sin.
func Sin(x float64) float64 {
	ix := high(x) & 0x7FFFFFFF
	if ix <= 0x3FE921FB {
		return kernelSin(x, 0, 0)
	} else if ix >= 0x7FF00000 {
		return x - x
	}
	n, y := remPio2(x)
	switch n & 3 {
	case 0:
		return kernelSin(y[0], y[1], 1)
	case 1:
		return kernelCos(y[0], y[1])
	case 2:
		return -kernelSin(y[0], y[1], 1)
	default:
		return -kernelCos(y[0], y[1])
	}
}

// Tan is V8's tan.
func Tan(x float64) float64 {
	ix := high(x) & 0x7FFFFFFF
	if ix <= 0x3FE921FB {
		return kernelTan(x, 0, 1)
	} else if ix >= 0x7FF00000 {
		return x - x
	}
	n, y := remPio2(x)
	return kernelTan(y[0], y[1], int(1-((n&1)<<1)))
}

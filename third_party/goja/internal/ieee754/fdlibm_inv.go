// Port of V8's src/base/ieee754.cc (from fdlibm): the inverse
// trigonometric functions. See fdlibm_trig.go for the notices.
//
// Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
// Copyright 2016 the V8 project authors. All rights reserved.

package ieee754

import "math"

const (
	pS0 = 1.66666666666666657415e-01
	pS1 = -3.25565818622400915405e-01
	pS2 = 2.01212532134862925881e-01
	pS3 = -4.00555345006794114027e-02
	pS4 = 7.91534994289814532176e-04
	pS5 = 3.47933107596021167570e-05
	qS1 = -2.40339491173441421878e+00
	qS2 = 2.02094576023350569471e+00
	qS3 = -6.88283971605453293030e-01
	qS4 = 7.70381505559019352791e-02

	pio2Hi = 1.57079632679489655800e+00
	pio2Lo = 6.12323399573676603587e-17
	pio4Hi = 7.85398163397448278999e-01
	piD    = 3.14159265358979311600e+00
)

// Acos is V8's acos.
func Acos(x float64) float64 {
	hx := high(x)
	ix := hx & 0x7FFFFFFF
	if ix >= 0x3FF00000 { // |x| >= 1
		if (uint32(ix-0x3FF00000) | low(x)) == 0 {
			if hx > 0 {
				return 0.0
			}
			return piD + 2.0*pio2Lo
		}
		return math.NaN()
	}
	if ix < 0x3FE00000 { // |x| < 0.5
		if ix <= 0x3C600000 {
			return pio2Hi + pio2Lo
		}
		z := x * x
		p := z * (pS0 + z*(pS1+z*(pS2+z*(pS3+z*(pS4+z*pS5)))))
		q := 1 + z*(qS1+z*(qS2+z*(qS3+z*qS4)))
		r := p / q
		return pio2Hi - (x - (pio2Lo - x*r))
	} else if hx < 0 { // x < -0.5
		z := (1 + x) * 0.5
		p := z * (pS0 + z*(pS1+z*(pS2+z*(pS3+z*(pS4+z*pS5)))))
		q := 1 + z*(qS1+z*(qS2+z*(qS3+z*qS4)))
		s := math.Sqrt(z)
		r := p / q
		w := r*s - pio2Lo
		return piD - 2.0*(s+w)
	}
	z := (1 - x) * 0.5
	s := math.Sqrt(z)
	df := setLow(s, 0)
	c := (z - df*df) / (s + df)
	p := z * (pS0 + z*(pS1+z*(pS2+z*(pS3+z*(pS4+z*pS5)))))
	q := 1 + z*(qS1+z*(qS2+z*(qS3+z*qS4)))
	r := p / q
	w := r*s + c
	return 2.0 * (df + w)
}

// Asin is V8's asin.
func Asin(x float64) float64 {
	const huge = 1.000e+300
	t := 0.0
	hx := high(x)
	ix := hx & 0x7FFFFFFF
	if ix >= 0x3FF00000 { // |x| >= 1
		if (uint32(ix-0x3FF00000) | low(x)) == 0 {
			return x*pio2Hi + x*pio2Lo
		}
		return math.NaN()
	} else if ix < 0x3FE00000 { // |x| < 0.5
		if ix < 0x3E400000 {
			if huge+x > 1 {
				return x
			}
		} else {
			t = x * x
		}
		p := t * (pS0 + t*(pS1+t*(pS2+t*(pS3+t*(pS4+t*pS5)))))
		q := 1 + t*(qS1+t*(qS2+t*(qS3+t*qS4)))
		w := p / q
		return x + x*w
	}
	w := 1 - math.Abs(x)
	t = w * 0.5
	p := t * (pS0 + t*(pS1+t*(pS2+t*(pS3+t*(pS4+t*pS5)))))
	q := 1 + t*(qS1+t*(qS2+t*(qS3+t*qS4)))
	s := math.Sqrt(t)
	if ix >= 0x3FEF3333 { // |x| > 0.975
		w = p / q
		t = pio2Hi - (2.0*(s+s*w) - pio2Lo)
	} else {
		w = setLow(s, 0)
		c := (t - w*w) / (s + w)
		r := p / q
		p = 2.0*s*r - (pio2Lo - 2.0*c)
		q = pio4Hi - 2.0*w
		t = pio4Hi - (p - q)
	}
	if hx > 0 {
		return t
	}
	return -t
}

var atanHi = [...]float64{
	4.63647609000806093515e-01,
	7.85398163397448278999e-01,
	9.82793723247329054082e-01,
	1.57079632679489655800e+00,
}

var atanLo = [...]float64{
	2.26987774529616870924e-17,
	3.06161699786838301793e-17,
	1.39033110312309984516e-17,
	6.12323399573676603587e-17,
}

var aT = [...]float64{
	3.33333333333329318027e-01,
	-1.99999999998764832476e-01,
	1.42857142725034663711e-01,
	-1.11111104054623557880e-01,
	9.09088713343650656196e-02,
	-7.69187620504482999495e-02,
	6.66107313738753120669e-02,
	-5.83357013379057348645e-02,
	4.97687799461593236017e-02,
	-3.65315727442169155270e-02,
	1.62858201153657823623e-02,
}

// Atan is V8's atan.
func Atan(x float64) float64 {
	const huge = 1.0e300
	hx := high(x)
	ix := hx & 0x7FFFFFFF
	var id int
	if ix >= 0x44100000 { // |x| >= 2^66
		if ix > 0x7FF00000 || (ix == 0x7FF00000 && low(x) != 0) {
			return x + x // NaN
		}
		if hx > 0 {
			return atanHi[3] + atanLo[3]
		}
		return -atanHi[3] - atanLo[3]
	}
	if ix < 0x3FDC0000 { // |x| < 0.4375
		if ix < 0x3E400000 { // |x| < 2^-27
			if huge+x > 1 {
				return x
			}
		}
		id = -1
	} else {
		x = math.Abs(x)
		if ix < 0x3FF30000 { // |x| < 1.1875
			if ix < 0x3FE60000 { // 7/16 <= |x| < 11/16
				id = 0
				x = (2.0*x - 1) / (2.0 + x)
			} else { // 11/16 <= |x| < 19/16
				id = 1
				x = (x - 1) / (x + 1)
			}
		} else {
			if ix < 0x40038000 { // |x| < 2.4375
				id = 2
				x = (x - 1.5) / (1 + 1.5*x)
			} else { // 2.4375 <= |x| < 2^66
				id = 3
				x = -1.0 / x
			}
		}
	}
	z := x * x
	w := z * z
	s1 := z * (aT[0] + w*(aT[2]+w*(aT[4]+w*(aT[6]+w*(aT[8]+w*aT[10])))))
	s2 := w * (aT[1] + w*(aT[3]+w*(aT[5]+w*(aT[7]+w*aT[9]))))
	if id < 0 {
		return x - x*(s1+s2)
	}
	z = atanHi[id] - ((x*(s1+s2) - atanLo[id]) - x)
	if hx < 0 {
		return -z
	}
	return z
}

// Atan2 is V8's atan2.
func Atan2(y, x float64) float64 {
	const (
		tiny = 1.0e-300
		piO4 = 7.8539816339744827900e-01
		piO2 = 1.5707963267948965580e+00
		pi   = 3.1415926535897931160e+00
		piLo = 1.2246467991473531772e-16
	)
	hx := high(x)
	lx := low(x)
	ix := hx & 0x7FFFFFFF
	hy := high(y)
	ly := low(y)
	iy := hy & 0x7FFFFFFF
	if (uint32(ix)|((lx|-lx)>>31)) > 0x7FF00000 || (uint32(iy)|((ly|-ly)>>31)) > 0x7FF00000 {
		return x + y // NaN
	}
	if (uint32(hx-0x3FF00000) | lx) == 0 {
		return Atan(y) // x = 1.0
	}
	m := ((hy >> 31) & 1) | ((hx >> 30) & 2) // 2*sign(x)+sign(y)
	if (uint32(iy) | ly) == 0 {              // y = 0
		switch m {
		case 0, 1:
			return y
		case 2:
			return pi + tiny
		default:
			return -pi - tiny
		}
	}
	if (uint32(ix) | lx) == 0 { // x = 0
		if hy < 0 {
			return -piO2 - tiny
		}
		return piO2 + tiny
	}
	if ix == 0x7FF00000 { // x is INF
		if iy == 0x7FF00000 {
			switch m {
			case 0:
				return piO4 + tiny
			case 1:
				return -piO4 - tiny
			case 2:
				return 3.0*piO4 + tiny
			default:
				return -3.0*piO4 - tiny
			}
		}
		switch m {
		case 0:
			return 0
		case 1:
			return math.Copysign(0, -1)
		case 2:
			return pi + tiny
		default:
			return -pi - tiny
		}
	}
	if iy == 0x7FF00000 { // y is INF
		if hy < 0 {
			return -piO2 - tiny
		}
		return piO2 + tiny
	}
	k := (iy - ix) >> 20
	var z float64
	if k > 60 { // |y/x| > 2**60
		z = piO2 + 0.5*piLo
		m &= 1
	} else if hx < 0 && k < -60 {
		z = 0.0
	} else {
		z = Atan(math.Abs(y / x))
	}
	switch m {
	case 0:
		return z
	case 1:
		return -z
	case 2:
		return pi - (z - piLo)
	default:
		return (z - piLo) - pi
	}
}

package intl

import (
	"math"
	"math/big"
	"strconv"
	"strings"
)

// decimal is an exact decimal number: value = 0.digits × 10^point, with
// digits holding no leading or trailing zeros (empty for zero). Intl
// formats the exact decimal it is given: a Number's shortest round-trip
// decimal (as ICU does), a BigInt's digits, a string's digits as written.
type decimal struct {
	neg    bool
	nan    bool
	inf    bool
	digits []byte // '0'..'9'
	point  int
}

func (d decimal) isZero() bool { return !d.nan && !d.inf && len(d.digits) == 0 }

// decimalFromFloat is the shortest decimal that reads back as f.
func decimalFromFloat(f float64) decimal {
	switch {
	case math.IsNaN(f):
		return decimal{nan: true}
	case math.IsInf(f, 0):
		return decimal{inf: true, neg: f < 0}
	}
	d := decimal{neg: math.Signbit(f)}
	if f == 0 {
		return d
	}
	s := strconv.FormatFloat(math.Abs(f), 'e', -1, 64) // d.ddde±x
	mant, exp, _ := strings.Cut(s, "e")
	e, _ := strconv.Atoi(exp)
	digs := strings.Replace(mant, ".", "", 1)
	d.digits = []byte(digs)
	d.point = e + 1
	d.trim()
	return d
}

// decimalFromBig is a BigInt's value.
func decimalFromBig(b *big.Int) decimal {
	d := decimal{neg: b.Sign() < 0}
	s := new(big.Int).Abs(b).String()
	if s == "0" {
		return d
	}
	d.digits = []byte(s)
	d.point = len(s)
	d.trim()
	return d
}

// trim removes leading and trailing zeros.
func (d *decimal) trim() {
	i := 0
	for i < len(d.digits) && d.digits[i] == '0' {
		i++
	}
	d.digits = d.digits[i:]
	d.point -= i
	j := len(d.digits)
	for j > 0 && d.digits[j-1] == '0' {
		j--
	}
	d.digits = d.digits[:j]
	if len(d.digits) == 0 {
		d.point = 0
	}
}

// parseDecimalString reads a StringNumericLiteral exactly (ES2023 Intl
// mathematical values): decimal with optional exponent, or 0x/0o/0b
// integers, Infinity; ok is false for anything else (NaN).
func parseDecimalString(s string) (decimal, bool) {
	s = strings.TrimFunc(s, isJSSpace)
	if s == "" {
		return decimal{}, true
	}
	if len(s) > 2 && s[0] == '0' {
		base := 0
		switch s[1] {
		case 'x', 'X':
			base = 16
		case 'o', 'O':
			base = 8
		case 'b', 'B':
			base = 2
		}
		if base != 0 {
			b, ok := new(big.Int).SetString(s[2:], base)
			if !ok || strings.ContainsAny(s[2:], "+-_") {
				return decimal{}, false
			}
			return decimalFromBig(b), true
		}
	}
	d := decimal{}
	switch s[0] {
	case '-':
		d.neg = true
		s = s[1:]
	case '+':
		s = s[1:]
	}
	if s == "Infinity" {
		d.inf = true
		return d, true
	}
	mant, exp := s, ""
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		mant, exp = s[:i], s[i+1:]
		if exp == "" {
			return decimal{}, false
		}
	}
	ip, fp, _ := strings.Cut(mant, ".")
	if ip == "" && fp == "" || !allDigits(ip) || !allDigits(fp) || strings.Count(mant, ".") > 1 {
		return decimal{}, false
	}
	e := 0
	if exp != "" {
		sign := 1
		if exp[0] == '+' || exp[0] == '-' {
			if exp[0] == '-' {
				sign = -1
			}
			exp = exp[1:]
		}
		if exp == "" || !allDigits(exp) {
			return decimal{}, false
		}
		n, err := strconv.Atoi(exp)
		if err != nil || n > 1e8 {
			n = 1e8 // beyond anything representable: infinity or zero below
		}
		e = sign * n
	}
	d.digits = []byte(ip + fp)
	d.point = len(ip) + e
	d.trim()
	return d, true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func isJSSpace(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', ' ', 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff:
		return true
	}
	return r >= 0x2000 && r <= 0x200a
}

// magnitude is the exponent of the leading digit (floor(log10|x|)).
func (d decimal) magnitude() int { return d.point - 1 }

// shift multiplies by 10^n.
func (d decimal) shift(n int) decimal {
	if len(d.digits) > 0 {
		d.point += n
	}
	return d
}

// roundingModes are ECMA-402's, in the order the option lists them.
var roundingModes = []string{"ceil", "floor", "expand", "trunc", "halfCeil", "halfFloor", "halfExpand", "halfTrunc", "halfEven"}

// roundAt rounds to a multiple of inc×10^m (inc 1 for plain rounding) with
// an ECMA-402 rounding mode; the sign of d decides the direction of ceil
// and floor.
func (d decimal) roundAt(m int, inc int, mode string) decimal {
	if d.nan || d.inf || len(d.digits) == 0 {
		return d
	}
	if inc != 1 {
		return d.roundIncrement(m, inc, mode)
	}
	keep := d.point - m // digits kept
	if keep >= len(d.digits) {
		return d
	}
	var first byte = '0' // first dropped digit
	rest := false        // any non-zero after it
	if keep >= 0 {
		first = d.digits[keep]
		for _, c := range d.digits[keep+1:] {
			if c != '0' {
				rest = true
				break
			}
		}
	} else {
		rest = true // everything dropped is below the first dropped position
	}
	lastEven := true
	if keep > 0 {
		lastEven = (d.digits[keep-1]-'0')%2 == 0
	}
	up := roundUp(mode, d.neg, first, rest, lastEven)
	r := decimal{neg: d.neg}
	if keep > 0 {
		r.digits = append([]byte(nil), d.digits[:keep]...)
		r.point = d.point
	} else {
		r.point = m
	}
	if up {
		// Add one unit at position m.
		if keep <= 0 {
			r.digits = []byte{'1'}
			r.point = m + 1
		} else {
			i := len(r.digits) - 1
			for i >= 0 && r.digits[i] == '9' {
				r.digits[i] = '0'
				i--
			}
			if i < 0 {
				r.digits = append([]byte{'1'}, r.digits...)
				r.point++
			} else {
				r.digits[i]++
			}
		}
	}
	r.trim()
	return r
}

// roundUp decides whether to move away from zero, given the first dropped
// digit and whether anything non-zero follows it.
func roundUp(mode string, neg bool, first byte, rest, lastEven bool) bool {
	exact := first == '0' && !rest
	if exact {
		return false
	}
	half := 0 // <0 below half, 0 half, >0 above
	switch {
	case first > '5' || first == '5' && rest:
		half = 1
	case first < '5':
		half = -1
	}
	switch mode {
	case "ceil":
		return !neg
	case "floor":
		return neg
	case "expand":
		return true
	case "trunc":
		return false
	}
	if half != 0 {
		return half > 0
	}
	switch mode {
	case "halfCeil":
		return !neg
	case "halfFloor":
		return neg
	case "halfExpand":
		return true
	case "halfTrunc":
		return false
	default: // halfEven
		return !lastEven
	}
}

// roundIncrement rounds to a multiple of inc×10^m.
func (d decimal) roundIncrement(m, inc int, mode string) decimal {
	// q = |d| / (inc × 10^m) as a big rational, split into integer and
	// remainder.
	coef := new(big.Int)
	coef.SetString(string(d.digits), 10)
	e := d.point - len(d.digits) // |d| = coef × 10^e
	num := new(big.Int).Set(coef)
	den := big.NewInt(int64(inc))
	if e-m >= 0 {
		num.Mul(num, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(e-m)), nil))
	} else {
		den.Mul(den, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(m-e)), nil))
	}
	q, r := new(big.Int).QuoRem(num, den, new(big.Int))
	if r.Sign() != 0 {
		twice := new(big.Int).Lsh(r, 1)
		c := twice.Cmp(den)
		var first byte = '4'
		rest := true
		if c == 0 {
			first, rest = '5', false
		} else if c > 0 {
			first = '6'
		}
		if roundUp(mode, d.neg, first, rest, q.Bit(0) == 0) {
			q.Add(q, big.NewInt(1))
		}
	}
	q.Mul(q, big.NewInt(int64(inc)))
	out := decimalFromBig(q)
	out.neg = d.neg
	return out.shift(m)
}

// intDigits returns the digits of the integer part ("" for zero) and the
// fraction digits (without trailing zeros).
func (d decimal) split() (ip, fp string) {
	if d.point <= 0 {
		return "", strings.Repeat("0", -d.point) + string(d.digits)
	}
	if d.point >= len(d.digits) {
		return string(d.digits) + strings.Repeat("0", d.point-len(d.digits)), ""
	}
	return string(d.digits[:d.point]), string(d.digits[d.point:])
}

// String is the plain decimal notation (for tests and plural operands).
func (d decimal) String() string {
	if d.nan {
		return "NaN"
	}
	ip, fp := d.split()
	if ip == "" {
		ip = "0"
	}
	s := ip
	if fp != "" {
		s += "." + fp
	}
	if d.neg {
		s = "-" + s
	}
	if d.inf {
		s = "Infinity"
		if d.neg {
			s = "-" + s
		}
	}
	return s
}

// cmp compares two finite decimals.
func (d decimal) cmp(o decimal) int {
	if d.nan || o.nan {
		return 0
	}
	sign := func(x decimal) int {
		if x.inf {
			if x.neg {
				return -2
			}
			return 2
		}
		if len(x.digits) == 0 {
			return 0
		}
		if x.neg {
			return -1
		}
		return 1
	}
	a, b := sign(d), sign(o)
	if a != b || a == 0 || a == 2 || a == -2 {
		switch {
		case a < b:
			return -1
		case a > b:
			return 1
		}
		return 0
	}
	c := 0
	if d.point != o.point {
		if d.point < o.point {
			c = -1
		} else {
			c = 1
		}
	} else {
		c = strings.Compare(string(d.digits), string(o.digits))
	}
	if a < 0 {
		c = -c
	}
	return c
}

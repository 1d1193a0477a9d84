package intl

import (
	"strings"
	"unicode"
)

// affixTok is one element of a number pattern's prefix or suffix.
type affixTok struct {
	kind byte // 'l' literal, '¤' currency, '%' percent, '‰' per mille, '-' minus, '+' plus
	text string
}

// numPattern is a parsed CLDR number pattern ("#,##0.00;(#,##0.00)").
type numPattern struct {
	pos, neg           [2][]affixTok // prefix, suffix
	hasNeg             bool
	primary, secondary int // grouping sizes (0: none)
	minInt             int
	minFrac, maxFrac   int
	zeros              int // number of '0' (for compact patterns)
}

var patternCache = map[string]*numPattern{}

// numParsePattern parses a pattern (cached; patterns are few).
func numParsePattern(p string) *numPattern {
	numberData.Lock()
	np := patternCache[p]
	numberData.Unlock()
	if np != nil {
		return np
	}
	np = &numPattern{}
	pos, neg, hasNeg := splitUnquoted(p, ';')
	np.pos = parseAffixes(pos, np, true)
	if hasNeg {
		np.hasNeg = true
		np.neg = parseAffixes(neg, nil, false)
	}
	numberData.Lock()
	patternCache[p] = np
	numberData.Unlock()
	return np
}

func splitUnquoted(s string, sep rune) (a, b string, found bool) {
	q := false
	for i, c := range s {
		if c == '\'' {
			q = !q
		} else if c == sep && !q {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}

// parseAffixes splits a subpattern into prefix, number, suffix; when np is
// given the number part's sizes are recorded.
func parseAffixes(s string, np *numPattern, record bool) [2][]affixTok {
	var out [2][]affixTok
	side := 0
	var num strings.Builder
	q := false
	inNum := false
	lit := func(t string) {
		toks := out[side]
		if n := len(toks); n > 0 && toks[n-1].kind == 'l' {
			toks[n-1].text += t
		} else {
			toks = append(toks, affixTok{'l', t})
		}
		out[side] = toks
	}
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		c := rs[i]
		if q {
			if c == '\'' {
				if i+1 < len(rs) && rs[i+1] == '\'' {
					lit("'")
					i++
				} else {
					q = false
				}
			} else {
				lit(string(c))
			}
			continue
		}
		switch {
		case c == '\'':
			if i+1 < len(rs) && rs[i+1] == '\'' {
				lit("'")
				i++
			} else {
				q = true
			}
		case strings.ContainsRune("#0123456789,.@", c) && side == 0 || inNum && strings.ContainsRune("#0123456789,.@E+", c):
			inNum = true
			num.WriteRune(c)
		case c == '¤':
			if inNum {
				side = 1
				inNum = false
			}
			// ¤¤ and ¤¤¤ are the same placeholder here.
			for i+1 < len(rs) && rs[i+1] == '¤' {
				i++
			}
			out[side] = append(out[side], affixTok{'¤', ""})
		case c == '%' || c == '‰' || c == '-' || c == '+':
			if inNum {
				side = 1
				inNum = false
			}
			out[side] = append(out[side], affixTok{byte(map[rune]byte{'%': '%', '‰': 'm', '-': '-', '+': '+'}[c]), ""})
		default:
			if inNum {
				side = 1
				inNum = false
			}
			lit(string(c))
		}
	}
	if record && np != nil {
		n := num.String()
		if i := strings.IndexByte(n, 'E'); i >= 0 {
			n = n[:i]
		}
		ip, fp, _ := strings.Cut(n, ".")
		if i := strings.LastIndexByte(ip, ','); i >= 0 {
			np.primary = len(ip) - i - 1
			if j := strings.LastIndexByte(ip[:i], ','); j >= 0 {
				np.secondary = i - j - 1
			}
		}
		np.minInt = strings.Count(ip, "0")
		np.zeros = np.minInt
		np.minFrac = strings.Count(fp, "0")
		np.maxFrac = len(fp)
	}
	return out
}

// isCurrencyMatch reports whether a rune is what CLDR's currencySpacing
// currencyMatch "[[:^S:]&[:^Z:]]" matches: neither a symbol nor a separator.
func isCurrencyMatch(r rune) bool {
	return !unicode.IsSymbol(r) && !unicode.In(r, unicode.Z)
}

package intl

import (
	"strconv"
	"strings"
)

// pluralCategoryOrder is the order of resolvedOptions().pluralCategories
// (as in Node) and of evaluation.
var pluralCategoryOrder = []string{"zero", "one", "two", "few", "many", "other"}

// pluralOperands are UTS #35's operands of a formatted number: n (absolute
// value), i (integer part), v/w (visible fraction digits with/without
// trailing zeros), f/t (those digits as integers), e/c (compact exponent).
// Large values saturate: rules only compare small numbers and moduli.
type pluralOperands struct {
	big  bool // the integer part has more than 18 digits (n is huge)
	i    uint64
	v, w int
	f, t uint64
	e    int
}

// operandsOf reads the operands of a number as formatted: integer digits,
// fraction digits as shown (trailing zeros count for v and f).
func operandsOf(ip, fp string, e int) pluralOperands {
	op := pluralOperands{e: e, big: len(strings.TrimLeft(ip, "0")) > 18}
	op.i = satUint(ip)
	op.v = len(fp)
	op.f = satUint(fp)
	t := strings.TrimRight(fp, "0")
	op.w = len(t)
	op.t = satUint(t)
	return op
}

// satUint parses decimal digits, keeping only the last 18, as ICU does
// (1e21 has i = 0 for its rules).
func satUint(s string) uint64 {
	if s == "" {
		return 0
	}
	if len(s) > 18 {
		s = s[len(s)-18:]
	}
	n, _ := strconv.ParseUint(s, 10, 64)
	return n
}

// pluralRule is a parsed condition: OR of ANDs of relations.
type pluralRule [][]pluralRelation

type pluralRelation struct {
	operand byte
	mod     uint64
	negate  bool
	ranges  [][2]uint64
}

// parsePluralRule parses CLDR's rule syntax (without samples).
func parsePluralRule(s string) pluralRule {
	var rule pluralRule
	if strings.TrimSpace(s) == "" {
		return nil
	}
	for _, or := range strings.Split(s, " or ") {
		var and []pluralRelation
		for _, rel := range strings.Split(or, " and ") {
			rel = strings.TrimSpace(rel)
			var r pluralRelation
			op, rest, ok := strings.Cut(rel, "!=")
			if ok {
				r.negate = true
			} else {
				op, rest, _ = strings.Cut(rel, "=")
			}
			op = strings.TrimSpace(op)
			r.operand = op[0]
			if _, m, ok := strings.Cut(op, "%"); ok {
				r.mod, _ = strconv.ParseUint(strings.TrimSpace(m), 10, 64)
			}
			for _, rg := range strings.Split(strings.TrimSpace(rest), ",") {
				lo, hi, isRange := strings.Cut(rg, "..")
				a, _ := strconv.ParseUint(strings.TrimSpace(lo), 10, 64)
				b := a
				if isRange {
					b, _ = strconv.ParseUint(strings.TrimSpace(hi), 10, 64)
				}
				r.ranges = append(r.ranges, [2]uint64{a, b})
			}
			and = append(and, r)
		}
		rule = append(rule, and)
	}
	return rule
}

func (r pluralRule) matches(op pluralOperands) bool {
	if r == nil {
		return true
	}
	for _, and := range r {
		ok := true
		for _, rel := range and {
			if !rel.holds(op) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func (rel pluralRelation) holds(op pluralOperands) bool {
	var x uint64
	integral := true
	switch rel.operand {
	case 'n':
		x, integral = op.i, op.t == 0
		if op.big && rel.mod == 0 {
			x = ^uint64(0) // n itself is not truncated: no small value equals it
		}
	case 'i':
		x = op.i
	case 'v':
		x = uint64(op.v)
	case 'w':
		x = uint64(op.w)
	case 'f':
		x = op.f
	case 't':
		x = op.t
	case 'e', 'c':
		x = uint64(op.e)
	}
	if rel.mod != 0 {
		x %= rel.mod
	}
	in := false
	if integral {
		for _, rg := range rel.ranges {
			if x >= rg[0] && x <= rg[1] {
				in = true
				break
			}
		}
	}
	return in != rel.negate
}

// pluralSet is the parsed rules of one language and type.
type pluralSet struct {
	cats  []string
	rules []pluralRule
}

var pluralSets = map[string]*pluralSet{}

// pluralRulesFor returns the rules of a data locale's language, cardinal
// or ordinal.
func pluralRulesFor(dataID string, ordinal bool) *pluralSet {
	lang := strings.SplitN(dataID, "-", 2)[0]
	key := lang
	if ordinal {
		key += "/o"
	}
	part := "cardinal"
	if ordinal {
		part = "ordinal"
	}
	sup := supplemental(part)
	src := sup.Cardinal[lang]
	if ordinal {
		src = sup.Ordinal[lang]
	} else if r, ok := sup.Cardinal[dataID]; ok {
		src, key = r, dataID // a locale with rules of its own (pt-PT)
	}
	numberData.Lock()
	defer numberData.Unlock()
	if s := pluralSets[key]; s != nil {
		return s
	}
	s := &pluralSet{}
	for _, c := range pluralCategoryOrder {
		if r, ok := src[c]; ok {
			s.cats = append(s.cats, c)
			s.rules = append(s.rules, parsePluralRule(r))
		}
	}
	if len(s.cats) == 0 {
		s.cats, s.rules = []string{"other"}, []pluralRule{nil}
	}
	pluralSets[key] = s
	return s
}

// category returns the first category whose rule holds, trying them in
// the order ICU does (its resource keys are sorted: few, many, one, two,
// zero; other last). The order matters where rules overlap: with an
// exponent, French "many" (e != 0..5) and "one" (i = 0,1) both hold.
func (s *pluralSet) category(op pluralOperands) string {
	for _, c := range icuCategoryOrder {
		for i, sc := range s.cats {
			if sc == c && s.rules[i].matches(op) {
				return c
			}
		}
	}
	return "other"
}

var icuCategoryOrder = []string{"few", "many", "one", "two", "zero"}

// pluralRange is CLDR's plural of a range from start to end categories.
func pluralRange(dataID, start, end string) string {
	lang := strings.SplitN(dataID, "-", 2)[0]
	if r, ok := supplemental("ranges").Ranges[lang][start+"-"+end]; ok {
		return r
	}
	return "other" // as ICU, for a pair CLDR does not list
}

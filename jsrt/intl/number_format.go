package intl

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// numberFormatter holds a resolved Intl.NumberFormat (or the digit options
// of an Intl.PluralRules) and formats decimals to parts.
type numberFormatter struct {
	locale string
	dataID string
	data   *numberLocale
	ns     string
	sys    *numSys
	digits []string // the numbering system's digits; nil for latn

	style           string
	currency        string
	currencyDisplay string
	currencySign    string
	unit            string
	unitDisplay     string
	notation        string
	compactDisplay  string

	mnid, mnfd, mxfd, mnsd, mxsd int
	roundingType                 string // fractionDigits, significantDigits, morePrecision, lessPrecision
	roundingPriority             string // as resolved (auto, morePrecision, lessPrecision)
	roundingIncrement            int
	roundingMode                 string
	trailingZeroDisplay          string
	useGrouping                  string // always, auto, min2, or "" for false
	signDisplay                  string

	plural     *pluralSet     // decoded on first use
	wantPlural bool           // format finds the plural category (RelativeTimeFormat)
	cur        *currencyNames // the currency's names (style currency)
	units      *unitData      // the locale's units (style unit)
}

// part is one element of formatToParts.
type part struct {
	typ, val string
	src      string // formatRangeToParts: startRange, endRange, shared
	spacing  bool   // inserted by currency spacing, not from the pattern
}

// rounded is a number after the digit options: what to show.
type rounded struct {
	d       decimal
	ip, fp  string // digits to show (ip never empty)
	exp     int    // scientific/compact exponent
	special bool   // NaN or infinity
}

// roundNumber applies the digit options (FormatNumericToString without
// the string): rounding type and priority, increment, trailing zeros,
// minimum integer digits.
func (f *numberFormatter) roundNumber(x decimal) rounded {
	if x.nan || x.inf {
		return rounded{d: x, special: true}
	}
	var r decimal
	minFrac := 0
	sig := func() (decimal, int, int) {
		m := x.magnitude()
		if x.isZero() {
			m = 0
		}
		d := x.roundAt(m+1-f.mxsd, 1, f.roundingMode)
		e := d.magnitude()
		if d.isZero() {
			e = 0
		}
		return d, max(0, f.mnsd-1-e), e + 1 - f.mxsd
	}
	fix := func() (decimal, int, int) {
		return x.roundAt(-f.mxfd, f.roundingIncrement, f.roundingMode), f.mnfd, -f.mxfd
	}
	switch f.roundingType {
	case "significantDigits":
		r, minFrac, _ = sig()
	case "fractionDigits":
		r, minFrac, _ = fix()
	default:
		sr, smf, sm := sig()
		fr, fmf, fm := fix()
		useSig := sm <= fm
		if f.roundingType == "lessPrecision" {
			useSig = !useSig
		}
		if useSig {
			r, minFrac = sr, smf
		} else {
			r, minFrac = fr, fmf
		}
	}
	ip, fp := r.split()
	if f.trailingZeroDisplay == "stripIfInteger" && fp == "" {
		minFrac = 0
	}
	if len(fp) < minFrac {
		fp += strings.Repeat("0", minFrac-len(fp))
	}
	if len(ip) < f.mnid {
		ip = strings.Repeat("0", f.mnid-len(ip)) + ip
	}
	if ip == "" {
		ip = "0"
	}
	return rounded{d: r, ip: ip, fp: fp}
}

// localDigits maps ASCII digits to the numbering system's.
func (f *numberFormatter) localDigits(s string) string {
	if f.digits == nil {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteString(f.digits[s[i]-'0'])
	}
	return b.String()
}

// groupingMin is the minimum number of digits left of the first group
// separator, or 0 for no grouping.
func (f *numberFormatter) groupingMin() int {
	switch f.useGrouping {
	case "always":
		return 1
	case "auto":
		if f.notation == "compact" {
			return 2 // ICU: compact notation's automatic grouping is min2
		}
		return max(1, f.data.MinGroup)
	case "min2":
		return 2
	}
	return 0
}

// numberParts renders the digits of a rounded number (integer with
// groups, decimal, fraction).
func (f *numberFormatter) numberParts(r rounded, pat *numPattern) []part {
	var out []part
	ip := r.ip
	if mg := f.groupingMin(); mg > 0 && pat.primary > 0 && len(ip) >= pat.primary+mg {
		sec := pat.secondary
		if sec == 0 {
			sec = pat.primary
		}
		var groups []string
		groups = append(groups, ip[len(ip)-pat.primary:])
		rest := ip[:len(ip)-pat.primary]
		for len(rest) > sec {
			groups = append(groups, rest[len(rest)-sec:])
			rest = rest[:len(rest)-sec]
		}
		groups = append(groups, rest)
		for i := len(groups) - 1; i >= 0; i-- {
			out = append(out, part{typ: "integer", val: f.localDigits(groups[i])})
			if i > 0 {
				g := f.sys.Sym["group"]
				if f.style == "currency" && f.sys.Sym["currencyGroup"] != "" {
					g = f.sys.Sym["currencyGroup"]
				}
				out = append(out, part{typ: "group", val: g})
			}
		}
	} else {
		out = append(out, part{typ: "integer", val: f.localDigits(ip)})
	}
	if r.fp != "" {
		dec := f.sys.Sym["decimal"]
		if f.style == "currency" && f.sys.Sym["currencyDecimal"] != "" {
			dec = f.sys.Sym["currencyDecimal"]
		}
		out = append(out, part{typ: "decimal", val: dec}, part{typ: "fraction", val: f.localDigits(r.fp)})
	}
	return out
}

// formatted is a formatted number split the way formatRange needs it:
// the sign and pattern affixes (middle), the number, and what a unit or
// currency name adds around it (outer).
type formatted struct {
	outerPre, pre, num, post, outerPost []part
	rounded                             rounded
	plural                              string
	sign                                byte // the sign shown: '-', '+' or 0
}

func (fm *formatted) parts() []part {
	var out []part
	for _, p := range [][]part{fm.outerPre, fm.pre, fm.num, fm.post, fm.outerPost} {
		out = append(out, p...)
	}
	return numMergeLiterals(out)
}

// numMergeLiterals joins adjacent literal parts of the same source, as ICU
// reports them.
func numMergeLiterals(ps []part) []part {
	out := ps[:0:0]
	for _, p := range ps {
		if n := len(out); n > 0 && p.typ == "literal" && out[n-1].typ == "literal" && out[n-1].src == p.src {
			out[n-1].val += p.val
			continue
		}
		out = append(out, p)
	}
	return out
}

func joinParts(ps []part) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(p.val)
	}
	return b.String()
}

// pluralOf is the plural category of a rounded number as shown (for
// compact notation, of the number before its compact suffix: "2 millions").
func (f *numberFormatter) pluralOf(r rounded) string {
	if r.special {
		return "other"
	}
	if f.plural == nil {
		f.plural = pluralRulesFor(f.dataID, false)
	}
	return f.plural.category(operandsOf(strings.TrimLeft(r.ip, "0"), r.fp, 0))
}

// pluralOfValue is the plural category of the whole value a rounded
// number stands for, which chooses a unit's or currency's form (as ICU:
// "1K days", "1E-4 jours"); scientific notation gives its exponent as the
// operand e.
func (f *numberFormatter) pluralOfValue(r rounded) string {
	if r.special || r.exp == 0 {
		return f.pluralOf(r)
	}
	if f.plural == nil {
		f.plural = pluralRulesFor(f.dataID, false)
	}
	ip, fp := strings.TrimLeft(r.ip, "0"), r.fp
	if r.exp > 0 {
		for k := 0; k < r.exp; k++ {
			if fp != "" {
				ip, fp = ip+fp[:1], fp[1:]
			} else {
				ip += "0"
			}
		}
	} else {
		for k := 0; k < -r.exp; k++ {
			if ip != "" {
				ip, fp = ip[:len(ip)-1], ip[len(ip)-1:]+fp
			} else {
				fp = "0" + fp
			}
		}
	}
	e := 0
	if f.notation == "scientific" || f.notation == "engineering" {
		e = r.exp
	}
	return f.plural.category(operandsOf(strings.TrimLeft(ip, "0"), fp, e))
}

// stylePattern is the pattern for the style, before compact notation.
func (f *numberFormatter) stylePattern() string {
	switch f.style {
	case "percent":
		if f.notation == "compact" {
			return f.sys.Dec // the percent sign comes as a unit (below)
		}
		return f.sys.Pct
	case "unit":
		if f.unit == "percent" && f.unitDisplay != "long" && f.notation != "compact" {
			return f.sys.Pct
		}
	case "currency":
		if c := f.cur; c != nil && c.Pattern != "" {
			return c.Pattern // as ICU, whatever the display
		}
		if f.currencyDisplay == "name" {
			return f.sys.Dec
		}
		// (ICU 78 does not use CLDR's alphaNextToNumber patterns: currency
		// spacing puts a space between a letter and a digit.)
		if f.currencySign == "accounting" && f.sys.Acc != "" {
			return f.sys.Acc
		}
		return f.sys.Cur
	}
	return f.sys.Dec
}

// compactPatterns returns the compact patterns in use.
func (f *numberFormatter) compactPatterns() map[string]string {
	if f.style == "currency" && f.currencyDisplay != "name" {
		if f.sys.CurShort != nil {
			return f.sys.CurShort
		}
	}
	if f.compactDisplay == "long" && f.sys.Long != nil {
		return f.sys.Long
	}
	return f.sys.Short
}

// compactPattern finds the pattern for a magnitude and the first of cats
// (plural categories, or "1" for CLDR's explicit form of exactly one) it
// has, else other; it returns "" when the number is not compacted.
func (f *numberFormatter) compactPattern(mag int, cats ...string) (string, int) {
	pats := f.compactPatterns()
	if mag < 3 || pats == nil {
		return "", 0
	}
	for m := mag; m >= 3; m-- {
		key := "1" + strings.Repeat("0", m)
		var p string
		ok := false
		for _, cat := range append(cats, "other") {
			if p, ok = pats[key+"-count-"+cat]; ok {
				break
			}
		}
		if ok {
			if p == "0" {
				return "", 0
			}
			zeros := strings.Count(p, "0")
			if zeros == 0 {
				return p, m // the word is the number (French "mille")
			}
			return p, m - zeros + 1
		}
	}
	return "", 0
}

// format formats a decimal.
func (f *numberFormatter) format(x decimal) *formatted {
	if f.style == "percent" {
		x = x.shift(2)
	}
	fm := &formatted{}
	var r rounded
	compact := ""
	switch {
	case x.nan || x.inf:
		r = rounded{d: x, special: true}
	case f.notation == "compact":
		r, compact = f.roundCompact(x)
	case f.notation == "scientific" || f.notation == "engineering":
		r = f.roundScientific(x)
	default:
		r = f.roundNumber(x)
	}
	fm.rounded = r
	fm.plural = "other"
	if f.style == "unit" || f.style == "currency" && f.currencyDisplay == "name" || compact != "" || f.wantPlural {
		fm.plural = f.pluralOfValue(r)
	}

	// The number itself.
	pat := numParsePattern(f.stylePattern())
	switch {
	case x.nan:
		fm.num = []part{{typ: "nan", val: f.sys.Sym["nan"]}}
	case x.inf:
		fm.num = []part{{typ: "infinity", val: f.sys.Sym["infinity"]}}
	default:
		fm.num = f.numberParts(r, pat)
		if f.notation == "scientific" || f.notation == "engineering" {
			fm.num = append(fm.num, part{typ: "exponentSeparator", val: f.sys.Sym["exponential"]})
			e := r.exp
			if e < 0 {
				fm.num = append(fm.num, bidiSplit("exponentMinusSign", f.sys.Sym["minusSign"])...)
				e = -e
			}
			fm.num = append(fm.num, part{typ: "exponentInteger", val: f.localDigits(strconv.Itoa(e))})
		}
	}

	// The sign.
	neg := x.neg
	zero := !r.special && r.d.isZero()
	sign := byte(0)
	switch f.signDisplay {
	case "auto":
		if neg {
			sign = '-'
		}
	case "always":
		sign = '+'
		if neg {
			sign = '-'
		}
	case "exceptZero":
		if !zero && !x.nan {
			sign = '+'
			if neg {
				sign = '-'
			}
		}
	case "negative":
		if neg && !zero {
			sign = '-'
		}
	}
	if x.nan && sign == '-' {
		sign = 0
	}
	fm.sign = sign
	affix := f.affixes(pat, sign)

	// Compact affixes go inside the style's.
	var cpre, cpost []part
	if compact != "" {
		cp := numParsePattern(compact)
		if cp.zeros == 0 {
			fm.num = nil // the pattern is a word for the number ("mille")
		}
		for i, toks := range cp.pos {
			var ps []part
			for _, t := range toks {
				switch t.kind {
				case '¤':
					ps = append(ps, bidiSplit("currency", f.currencySymbol())...)
				case 'l':
					ps = append(ps, splitSpace(t.text, "compact")...)
				}
			}
			if i == 0 {
				cpre = ps
			} else {
				cpost = ps
			}
		}
		if f.style == "currency" && f.currencyDisplay != "name" && f.sys.CurShort != nil {
			// The currency compact pattern has its own ¤: drop the
			// style's currency affix.
			affix = f.affixes(numParsePattern(strings.ReplaceAll(f.sys.Dec, "¤", "")), sign)
		}
	}
	fm.pre = append(affix[0], cpre...)
	fm.post = append(cpost, affix[1]...)
	f.currencySpacing(fm)

	// Units and currency names wrap the whole.
	switch {
	case f.style == "percent" && f.notation == "compact":
		// ICU formats a compact percentage with the unit "percent"
		// ("100 tusind pct.").
		if f.units == nil {
			f.units = f.data.unitData()
		}
		p := "{0}%"
		if u := f.units.Units["short"]["percent"]; u != nil {
			if p = u.Patterns[fm.plural]; p == "" {
				p = u.Patterns["other"]
			}
		}
		fm.outerPre, fm.outerPost = wrapPattern(p, "", "unit", "")
	case f.style == "unit" && (f.unit != "percent" || f.unitDisplay == "long" || f.notation == "compact"):
		f.wrapUnit(fm)
	case f.style == "currency" && f.currencyDisplay == "name":
		name := f.currencyName(fm.plural)
		p := f.data.CurUnit[fm.plural]
		if p == "" {
			p = f.data.CurUnit["other"]
		}
		fm.outerPre, fm.outerPost = wrapPattern(p, name, "currency", "1")
	}
	return fm
}

// splitSpace turns affix text into parts: white space at the edges is a
// literal, the rest of type typ.
func splitSpace(s, typ string) []part {
	isSp := func(r rune) bool {
		return unicode.IsSpace(r) || r == 0xa0 || r == 0x202f || r == 0x200e || r == 0x200f || r == 0x61c
	}
	core := strings.TrimFunc(s, isSp)
	if core == "" {
		return []part{{typ: "literal", val: s}}
	}
	return splitAround(s, core, typ)
}

// wrapPattern splits a "{0} unit" pattern around the number into parts;
// {arg} (when given) is replaced by text of type typ.
func wrapPattern(p, text, typ, arg string) (pre, post []part) {
	if arg != "" {
		p = strings.ReplaceAll(p, "{"+arg+"}", "\x00")
	}
	a, b, _ := strings.Cut(p, "{0}")
	conv := func(s string) []part {
		if s == "" {
			return nil
		}
		if arg != "" {
			x, y, ok := strings.Cut(s, "\x00")
			if ok {
				var out []part
				if x != "" {
					out = append(out, part{typ: "literal", val: x})
				}
				out = append(out, part{typ: typ, val: text})
				if y != "" {
					out = append(out, part{typ: "literal", val: y})
				}
				return out
			}
			return []part{{typ: "literal", val: s}}
		}
		return splitSpace(s, typ)
	}
	return conv(a), conv(b)
}

// affixes renders the pattern's prefix and suffix with a sign ('-', '+',
// '~' or 0).
func (f *numberFormatter) affixes(pat *numPattern, sign byte) [2][]part {
	toks := pat.pos
	signTok := affixTok{}
	switch sign {
	case '-':
		if pat.hasNeg {
			toks = pat.neg
		} else {
			signTok = affixTok{kind: '-'}
		}
	case '+', '~':
		hasMinus := false
		for _, side := range pat.neg {
			for _, t := range side {
				hasMinus = hasMinus || t.kind == '-'
			}
		}
		if pat.hasNeg && hasMinus {
			toks = pat.neg
		} else {
			signTok = affixTok{kind: '-'}
		}
	}
	var out [2][]part
	percentType := "percentSign"
	if f.style == "unit" {
		percentType = "unit" // unit "percent" in the percent pattern
	}
	emit := func(side int, t affixTok) {
		switch t.kind {
		case 'l':
			out[side] = append(out[side], part{typ: "literal", val: t.text})
		case '¤':
			out[side] = append(out[side], bidiSplit("currency", f.currencySymbol())...)
		case '%':
			out[side] = append(out[side], bidiSplit(percentType, f.sys.Sym["percentSign"])...)
		case 'm':
			out[side] = append(out[side], bidiSplit("perMille", f.sys.Sym["perMille"])...)
		case '-', '+':
			switch sign {
			case '-':
				out[side] = append(out[side], bidiSplit("minusSign", f.sys.Sym["minusSign"])...)
			case '+':
				out[side] = append(out[side], bidiSplit("plusSign", f.sys.Sym["plusSign"])...)
			case '~':
				out[side] = append(out[side], bidiSplit("approximatelySign", f.sys.Sym["approximatelySign"])...)
			}
		}
	}
	if signTok.kind != 0 {
		emit(0, signTok)
	}
	for side := 0; side < 2; side++ {
		for _, t := range toks[side] {
			emit(side, t)
		}
	}
	return out
}

// splitAround makes parts of s around core (a substring of s): core of
// type typ, what is before and after it literals.
func splitAround(s, core, typ string) []part {
	i := strings.Index(s, core)
	var out []part
	if i > 0 {
		out = append(out, part{typ: "literal", val: s[:i]})
	}
	out = append(out, part{typ: typ, val: core})
	if j := i + len(core); j < len(s) {
		out = append(out, part{typ: "literal", val: s[j:]})
	}
	return out
}

// bidiSplit makes parts of a symbol, its bidi marks (U+200E, U+200F,
// U+061C) being literals, as ICU reports them.
func bidiSplit(typ, s string) []part {
	isMark := func(r rune) bool { return r == 0x200e || r == 0x200f || r == 0x61c }
	core := strings.TrimFunc(s, isMark)
	if core == s || core == "" {
		return []part{{typ: typ, val: s}}
	}
	return splitAround(s, core, typ)
}

// currencySymbol is the text of ¤ for the currency display.
func (f *numberFormatter) currencySymbol() string {
	c := f.cur
	switch f.currencyDisplay {
	case "code":
		return f.currency
	case "narrowSymbol":
		if c != nil && c.Narrow != "" {
			return c.Narrow
		}
		fallthrough
	default:
		if c != nil && c.Symbol != "" {
			return c.Symbol
		}
		return f.currency
	}
}

// currencyName is the currency's plural name.
func (f *numberFormatter) currencyName(cat string) string {
	c := f.cur
	if c == nil {
		return f.currency
	}
	if n := c.Counts[cat]; n != "" {
		return n
	}
	if n := c.Counts["other"]; n != "" {
		return n
	}
	if c.Name != "" {
		return c.Name
	}
	return f.currency
}

// currencySpacing inserts CLDR's currencySpacing between a currency symbol
// that ends (or starts) with a letter and an adjacent digit.
func (f *numberFormatter) currencySpacing(fm *formatted) {
	if len(fm.num) == 0 || fm.num[0].typ == "nan" || fm.num[0].typ == "infinity" {
		return
	}
	if n := len(fm.pre); n > 0 && fm.pre[n-1].typ == "currency" {
		r, _ := utf8.DecodeLastRuneInString(fm.pre[n-1].val)
		if isCurrencyMatch(r) {
			fm.pre = append(fm.pre, part{typ: "literal", val: f.data.Spacing[0], spacing: true})
		}
	}
	if len(fm.post) > 0 && fm.post[0].typ == "currency" {
		r, _ := utf8.DecodeRuneInString(fm.post[0].val)
		if isCurrencyMatch(r) {
			fm.post = append([]part{{typ: "literal", val: f.data.Spacing[1], spacing: true}}, fm.post...)
		}
	}
}

// unitPattern returns the "{0} unit" pattern of a simple or compound unit.
func (f *numberFormatter) unitPattern(cat string) string {
	units := f.units.Units[f.unitDisplay]
	pick := func(u *unitNames, cat string) string {
		if p := u.Patterns[cat]; p != "" {
			return p
		}
		return u.Patterns["other"]
	}
	if u := units[f.unit]; u != nil {
		return pick(u, cat)
	}
	num, den, _ := strings.Cut(f.unit, "-per-")
	nu, du := units[num], units[den]
	if nu == nil || du == nil {
		return "{0} " + f.unit
	}
	np := pick(nu, cat)
	if du.Per != "" {
		return strings.Replace(du.Per, "{0}", np, 1)
	}
	dp := pick(du, "one")
	dp = strings.TrimFunc(strings.Replace(dp, "{0}", "", 1), func(r rune) bool { return unicode.IsSpace(r) || r == 0xa0 || r == 0x202f })
	cp := f.units.Per[f.unitDisplay]
	if cp == "" {
		cp = "{0}/{1}"
	}
	return strings.Replace(strings.Replace(cp, "{1}", dp, 1), "{0}", np, 1)
}

// wrapUnit puts the unit around a formatted number.
func (f *numberFormatter) wrapUnit(fm *formatted) {
	p := f.unitPattern(fm.plural)
	if !strings.Contains(p, "{0}") {
		// The pattern spells the number out (Arabic "ساعة", one hour).
		fm.pre, fm.num, fm.post = nil, nil, nil
		fm.outerPre, fm.outerPost = []part{{typ: "unit", val: p}}, nil
		return
	}
	fm.outerPre, fm.outerPost = wrapPattern(p, "", "unit", "")
}

// roundCompact rounds for compact notation and returns the pattern used.
func (f *numberFormatter) roundCompact(x decimal) (rounded, string) {
	mag := x.magnitude()
	if x.isZero() {
		mag = 0
	}
	for tries := 0; tries < 2; tries++ {
		p, div := f.compactPattern(mag, "other")
		scaled := x.shift(-div)
		r := f.roundNumber(scaled)
		if p == "" {
			div = 0
		}
		if !r.d.isZero() && r.d.magnitude()+div > mag && tries == 0 {
			// Rounding carried into the next power of ten (999.9K → 1M).
			mag = r.d.magnitude() + div
			continue
		}
		r.exp = div
		if p != "" {
			cat := f.pluralOf(r)
			if strings.TrimLeft(r.ip, "0") == "1" && r.fp == "" {
				p, _ = f.compactPattern(mag, "1", cat)
			} else {
				p, _ = f.compactPattern(mag, cat)
			}
		}
		return r, p
	}
	return f.roundNumber(x), ""
}

// roundScientific rounds the mantissa of scientific or engineering
// notation.
func (f *numberFormatter) roundScientific(x decimal) rounded {
	e := 0
	if !x.isZero() {
		e = x.magnitude()
	}
	step := 1
	if f.notation == "engineering" {
		step = 3
	}
	e = floorDiv(e, step) * step
	r := f.roundNumber(x.shift(-e))
	if !r.d.isZero() && r.d.magnitude() >= step {
		e += step
		r = f.roundNumber(x.shift(-e))
	}
	r.exp = e
	return r
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && a < 0 {
		q--
	}
	return q
}

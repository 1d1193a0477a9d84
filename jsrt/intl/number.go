package intl

import (
	"math"
	"math/big"
	"strings"

	"github.com/dop251/goja"

	"codexec/jsrt/intl/internal/cldrdata"
)

// numberFormat is an Intl.NumberFormat's internal slots.
type numberFormat struct {
	f           *numberFormatter
	boundFormat goja.Value
}

var numberFormats internalSlots[numberFormat]

var roundingIncrements = []int{1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000}

// isSanctionedUnit reports whether a unit identifier is one ECMA-402
// allows: a simple unit or "X-per-Y" of two.
func isSanctionedUnit(u string) bool {
	simple := func(s string) bool {
		for _, x := range cldrdata.SanctionedUnits {
			if x == s {
				return true
			}
		}
		return false
	}
	if simple(u) {
		return true
	}
	a, b, ok := strings.Cut(u, "-per-")
	return ok && simple(a) && simple(b)
}

// numberingSystemDigits returns the digits of a numeric numbering system.
func numberingSystemDigits(ns string) []string {
	if ns == "latn" {
		return nil
	}
	s, ok := supplemental("systems").Systems[ns]
	if !ok {
		return nil
	}
	var ds []string
	for _, r := range s {
		ds = append(ds, string(r))
	}
	return ds
}

func validNumberingSystem(ns string) bool {
	_, ok := supplemental("systems").Systems[ns]
	return ok
}

// resolveNumberLocale negotiates the locale and numbering system shared by
// NumberFormat, PluralRules and RelativeTimeFormat.
func resolveNumberLocale(vm *goja.Runtime, locales goja.Value, opts *goja.Object, readNu bool) (Resolved, string) {
	req := CanonicalizeLocaleList(vm, locales)
	GetStringOption(vm, opts, "localeMatcher", []string{"lookup", "best fit"}, "best fit")
	optNu := ""
	if readNu {
		// Read once (a getter runs once, as in the specification).
		if v := opts.Get("numberingSystem"); v != nil && !goja.IsUndefined(v) {
			optNu = v.String()
			if !unicodeType(optNu) {
				ThrowRangeError(vm, "Invalid numberingSystem : "+optNu)
			}
		}
	}
	res := ResolveLocale(req, []string{"nu"}, map[string]string{"nu": optNu}, func(data, key, value string) bool {
		return key == "nu" && validNumberingSystem(value)
	})
	ns := res.Ext["nu"]
	if ns == "" {
		ns = numbersFor(res.Data).NS
		if d, ok := supplemental("nsDefault").NSDefault[res.Base]; ok {
			ns = d // ar-EG: arab, though ar is latn
		}
	}
	return res, ns
}

// newNumberFormatter resolves the options of a NumberFormat (or, with
// plural true, only the digit options PluralRules reads).
func newNumberFormatter(vm *goja.Runtime, locales, options goja.Value) *numberFormatter {
	opts := CoerceOptionsToObject(vm, options)
	res, ns := resolveNumberLocale(vm, locales, opts, true)
	f := &numberFormatter{locale: res.Locale, dataID: res.Data, data: numbersFor(res.Data), ns: ns}
	f.sys = f.data.system(ns)
	f.digits = numberingSystemDigits(ns)

	f.style = GetStringOption(vm, opts, "style", []string{"decimal", "percent", "currency", "unit"}, "decimal")
	cur := opts.Get("currency")
	if cur != nil && !goja.IsUndefined(cur) {
		c := cur.String()
		if len(c) != 3 || !isASCIILetters(c) {
			ThrowRangeError(vm, "Invalid currency code : "+c)
		}
		f.currency = strings.ToUpper(c)
	}
	f.currencyDisplay = GetStringOption(vm, opts, "currencyDisplay", []string{"code", "symbol", "narrowSymbol", "name"}, "symbol")
	f.currencySign = GetStringOption(vm, opts, "currencySign", []string{"standard", "accounting"}, "standard")
	unit := opts.Get("unit")
	if unit != nil && !goja.IsUndefined(unit) {
		f.unit = unit.String()
		if !isSanctionedUnit(f.unit) {
			ThrowRangeError(vm, "Invalid unit argument for Intl.NumberFormat() '"+f.unit+"'")
		}
	}
	f.unitDisplay = GetStringOption(vm, opts, "unitDisplay", []string{"short", "narrow", "long"}, "short")
	if f.style == "currency" && f.currency == "" {
		panic(vm.NewTypeError("Currency code is required with currency style."))
	}
	if f.style == "unit" && f.unit == "" {
		panic(vm.NewTypeError("Invalid unit argument for Intl.NumberFormat() ''"))
	}
	switch f.style {
	case "currency":
		f.cur = f.data.currencyNamesOf(f.currency)
	case "unit":
		f.units = f.data.unitData()
	}
	f.notation = GetStringOption(vm, opts, "notation", []string{"standard", "scientific", "engineering", "compact"}, "standard")
	mnfdDefault, mxfdDefault := 0, 3
	switch {
	case f.style == "currency" && f.notation == "standard":
		d := 2
		if cd, ok := supplemental("curDigits").Digits[f.currency]; ok {
			d = cd[0]
		} else if cd, ok := supplemental("curDigits").Digits["DEFAULT"]; ok {
			d = cd[0]
		}
		mnfdDefault, mxfdDefault = d, d
	case f.style == "percent":
		mnfdDefault, mxfdDefault = 0, 0
	}
	setDigitOptions(vm, f, opts, mnfdDefault, mxfdDefault, f.notation)
	f.compactDisplay = GetStringOption(vm, opts, "compactDisplay", []string{"short", "long"}, "short")
	defGrouping := "auto"
	if f.notation == "compact" {
		defGrouping = "min2"
	}
	f.useGrouping = getGroupingOption(vm, opts, defGrouping)
	f.signDisplay = GetStringOption(vm, opts, "signDisplay", []string{"auto", "never", "always", "exceptZero", "negative"}, "auto")
	if f.signDisplay == "never" {
		// V8 asks ICU for sign-never, which has no accounting variant: the
		// standard pattern is used and resolvedOptions says "standard".
		f.currencySign = "standard"
	}
	return f
}

func isASCIILetters(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// getGroupingOption is GetBooleanOrStringNumberFormatOption for
// useGrouping ("" is false).
func getGroupingOption(vm *goja.Runtime, opts *goja.Object, fallback string) string {
	v := opts.Get("useGrouping")
	if v == nil || goja.IsUndefined(v) {
		return fallback
	}
	if b, ok := v.Export().(bool); ok && b {
		return "always"
	}
	if !v.ToBoolean() {
		return ""
	}
	s := v.String()
	switch s {
	case "true", "false":
		return fallback
	case "always", "auto", "min2":
		return s
	}
	ThrowRangeError(vm, "Value "+s+" out of range for Intl.NumberFormat options property useGrouping")
	return ""
}

// setDigitOptions is SetNumberFormatDigitOptions.
func setDigitOptions(vm *goja.Runtime, f *numberFormatter, opts *goja.Object, mnfdDefault, mxfdDefault int, notation string) {
	f.mnid, _ = GetNumberOption(vm, opts, "minimumIntegerDigits", 1, 21, 1)
	mnfd := opts.Get("minimumFractionDigits")
	mxfd := opts.Get("maximumFractionDigits")
	mnsd := opts.Get("minimumSignificantDigits")
	mxsd := opts.Get("maximumSignificantDigits")
	f.roundingIncrement, _ = GetNumberOption(vm, opts, "roundingIncrement", 1, 5000, 1)
	okInc := false
	for _, i := range roundingIncrements {
		okInc = okInc || i == f.roundingIncrement
	}
	if !okInc {
		ThrowRangeError(vm, "roundingIncrement value is out of range.")
	}
	f.roundingMode = GetStringOption(vm, opts, "roundingMode", roundingModes, "halfExpand")
	f.roundingPriority = GetStringOption(vm, opts, "roundingPriority", []string{"auto", "morePrecision", "lessPrecision"}, "auto")
	f.trailingZeroDisplay = GetStringOption(vm, opts, "trailingZeroDisplay", []string{"auto", "stripIfInteger"}, "auto")
	// (V8 does not make mxfdDefault mnfdDefault when roundingIncrement is
	// given, as the specification does: {roundingIncrement: 5} alone is a
	// RangeError in Node, and here.)
	undef := func(v goja.Value) bool { return v == nil || goja.IsUndefined(v) }
	hasSd := !undef(mnsd) || !undef(mxsd)
	hasFd := !undef(mnfd) || !undef(mxfd)
	needSd, needFd := true, true
	if f.roundingPriority == "auto" {
		needSd = hasSd
		if needSd || !hasFd && notation == "compact" {
			needFd = false
		}
	}
	if needSd {
		if hasSd {
			f.mnsd, _ = DefaultNumberOption(vm, mnsd, 1, 21, 1, "minimumSignificantDigits")
			f.mxsd, _ = DefaultNumberOption(vm, mxsd, f.mnsd, 21, 21, "maximumSignificantDigits")
		} else {
			f.mnsd, f.mxsd = 1, 21
		}
	}
	if needFd {
		if hasFd {
			lo, loSet := DefaultNumberOption(vm, mnfd, 0, 100, 0, "minimumFractionDigits")
			hi, hiSet := DefaultNumberOption(vm, mxfd, 0, 100, 0, "maximumFractionDigits")
			switch {
			case !loSet:
				lo = min(mnfdDefault, hi)
			case !hiSet:
				hi = max(mxfdDefault, lo)
			case lo > hi:
				ThrowRangeError(vm, "maximumFractionDigits value is out of range.")
			}
			f.mnfd, f.mxfd = lo, hi
		} else {
			f.mnfd, f.mxfd = mnfdDefault, mxfdDefault
		}
	}
	switch {
	case !needSd && !needFd:
		f.mnfd, f.mxfd, f.mnsd, f.mxsd = 0, 0, 1, 2
		f.roundingType = "morePrecision"
		f.roundingPriority = "morePrecision"
	case f.roundingPriority == "auto":
		f.roundingType = "fractionDigits"
		if hasSd {
			f.roundingType = "significantDigits"
		}
	default:
		f.roundingType = f.roundingPriority
	}
	if f.roundingIncrement != 1 {
		if f.roundingType != "fractionDigits" {
			panic(vm.NewTypeError("RoundingType is not fractionDigits"))
		}
		if f.mxfd != f.mnfd {
			ThrowRangeError(vm, "maximumFractionDigits value is out of range.")
		}
	}
}

// toIntlMathematicalValue converts a format argument: BigInt and strings
// exactly, anything else through ToNumber.
func toIntlMathematicalValue(vm *goja.Runtime, v goja.Value) decimal {
	if v == nil || goja.IsUndefined(v) {
		return decimal{nan: true}
	}
	if _, ok := v.(*goja.Symbol); ok {
		panic(vm.NewTypeError("Cannot convert a Symbol value to a number"))
	}
	if o, ok := v.(*goja.Object); ok {
		// ToPrimitive(number): @@toPrimitive, else valueOf, else toString.
		if tp, ok := goja.AssertFunction(o.GetSymbol(goja.SymToPrimitive)); ok {
			p, err := tp(o, vm.ToValue("number"))
			if err != nil {
				panic(err)
			}
			if _, isObj := p.(*goja.Object); isObj {
				panic(vm.NewTypeError("Cannot convert object to primitive value"))
			}
			return toIntlMathematicalValue(vm, p)
		}
		if vo, ok := goja.AssertFunction(o.Get("valueOf")); ok {
			if p, err := vo(o); err == nil {
				if _, isObj := p.(*goja.Object); !isObj {
					v = p
				}
			} else {
				panic(err)
			}
		}
		if _, isObj := v.(*goja.Object); isObj {
			v = vm.ToValue(o.String())
		}
	}
	switch x := v.Export().(type) {
	case *big.Int:
		return decimalFromBig(x)
	case string:
		d, ok := parseDecimalString(x)
		if !ok {
			return decimal{nan: true}
		}
		if d.point > 400 {
			return decimal{inf: true, neg: d.neg}
		}
		return d
	}
	return decimalFromFloat(v.ToFloat())
}

func thisNumberFormat(vm *goja.Runtime, this goja.Value, method string) *numberFormat {
	return receiverSlots(vm, &numberFormats, this, "Intl.NumberFormat.prototype."+method, describe)
}

func describe(v goja.Value) string {
	if o, ok := v.(*goja.Object); ok {
		if _, isFn := goja.AssertFunction(o); isFn {
			return "function"
		}
		return "#<" + className(o) + ">"
	}
	if v == nil {
		return "undefined"
	}
	return v.String()
}

func className(o *goja.Object) string {
	if c := o.Get("constructor"); c != nil {
		if co, ok := c.(*goja.Object); ok {
			if n := co.Get("name"); n != nil && n.String() != "" {
				return n.String()
			}
		}
	}
	return "Object"
}

func installNumberFormat(vm *goja.Runtime, intlObj *goja.Object) error {
	ctor, proto := makeClass(vm, intlObj, "NumberFormat", 0, true, func(this *goja.Object, args []goja.Value) {
		var locales, options goja.Value = goja.Undefined(), goja.Undefined()
		if len(args) > 0 {
			locales = args[0]
		}
		if len(args) > 1 {
			options = args[1]
		}
		numberFormats.set(this, &numberFormat{f: newNumberFormatter(vm, locales, options)})
	})
	if err := defineSupportedLocalesOf(vm, ctor); err != nil {
		return err
	}
	if err := defineMethod(vm, proto, "resolvedOptions", 0, func(call goja.FunctionCall) goja.Value {
		return thisNumberFormat(vm, call.This, "resolvedOptions").f.resolvedOptions(vm)
	}); err != nil {
		return err
	}
	if err := defineMethod(vm, proto, "formatToParts", 1, func(call goja.FunctionCall) goja.Value {
		nf := thisNumberFormat(vm, call.This, "formatToParts")
		return numPartsArray(vm, nf.f.format(toIntlMathematicalValue(vm, call.Argument(0))).parts(), "", "")
	}); err != nil {
		return err
	}
	getter := vm.ToValue(func(call goja.FunctionCall) goja.Value {
		nf := receiverSlots(vm, &numberFormats, call.This, "get Intl.NumberFormat.prototype.format", describe)
		if nf.boundFormat == nil {
			f := vm.ToValue(func(c goja.FunctionCall) goja.Value {
				return vm.ToValue(joinParts(nf.f.format(toIntlMathematicalValue(vm, c.Argument(0))).parts()))
			}).(*goja.Object)
			setNameLength(vm, f, "", 1)
			nf.boundFormat = f
		}
		return nf.boundFormat
	}).(*goja.Object)
	setNameLength(vm, getter, "get format", 0)
	if err := proto.DefineAccessorProperty("format", getter, nil, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
		return err
	}
	rangeArgs := func(call goja.FunctionCall, method string) (*numberFormat, decimal, decimal) {
		nf := thisNumberFormat(vm, call.This, method)
		a, b := call.Argument(0), call.Argument(1)
		if goja.IsUndefined(a) {
			panic(vm.NewTypeError("Invalid start : undefined"))
		}
		if goja.IsUndefined(b) {
			panic(vm.NewTypeError("Invalid end : undefined"))
		}
		x, y := toIntlMathematicalValue(vm, a), toIntlMathematicalValue(vm, b)
		if x.nan {
			ThrowRangeError(vm, "Invalid start : NaN")
		}
		if y.nan {
			ThrowRangeError(vm, "Invalid end : NaN")
		}
		return nf, x, y
	}
	if err := defineMethod(vm, proto, "formatRange", 2, func(call goja.FunctionCall) goja.Value {
		nf, x, y := rangeArgs(call, "formatRange")
		return vm.ToValue(joinParts(nf.f.formatRange(x, y)))
	}); err != nil {
		return err
	}
	return defineMethod(vm, proto, "formatRangeToParts", 2, func(call goja.FunctionCall) goja.Value {
		nf, x, y := rangeArgs(call, "formatRangeToParts")
		return numPartsArray(vm, nf.f.formatRange(x, y), "", "")
	})
}

// resolvedOptions lists the options in Node's order.
func (f *numberFormatter) resolvedOptions(vm *goja.Runtime) goja.Value {
	kv := []any{"locale", f.locale, "numberingSystem", f.ns, "style", f.style}
	if f.style == "currency" {
		kv = append(kv, "currency", f.currency, "currencyDisplay", f.currencyDisplay, "currencySign", f.currencySign)
	}
	if f.style == "unit" {
		kv = append(kv, "unit", f.unit, "unitDisplay", f.unitDisplay)
	}
	kv = append(kv, "minimumIntegerDigits", f.mnid)
	kv = append(kv, f.digitOptions()...)
	var grouping any = f.useGrouping
	if f.useGrouping == "" {
		grouping = false
	}
	kv = append(kv, "useGrouping", grouping, "notation", f.notation)
	if f.notation == "compact" {
		kv = append(kv, "compactDisplay", f.compactDisplay)
	}
	kv = append(kv, "signDisplay", f.signDisplay)
	kv = append(kv, f.roundingOptions()...)
	return newPlainObject(vm, kv...)
}

func (f *numberFormatter) digitOptions() []any {
	var kv []any
	if f.roundingType != "significantDigits" {
		kv = append(kv, "minimumFractionDigits", f.mnfd, "maximumFractionDigits", f.mxfd)
	}
	if f.roundingType != "fractionDigits" {
		kv = append(kv, "minimumSignificantDigits", f.mnsd, "maximumSignificantDigits", f.mxsd)
	}
	return kv
}

func (f *numberFormatter) roundingOptions() []any {
	return []any{"roundingIncrement", f.roundingIncrement, "roundingMode", f.roundingMode,
		"roundingPriority", f.roundingPriority, "trailingZeroDisplay", f.trailingZeroDisplay}
}

// formatRange is PartitionNumberRangePattern, collapsing as ICU does.
func (f *numberFormatter) formatRange(x, y decimal) []part {
	a, b := f.format(x), f.format(y)
	// Ends equal after rounding (the numbers, not their text: -5 and 5
	// shown without signs are a range) are "approximately".
	if a.rounded.special == b.rounded.special && a.rounded.d.cmp(b.rounded.d) == 0 && a.rounded.d.neg == b.rounded.d.neg &&
		a.rounded.exp == b.rounded.exp && joinParts(a.parts()) == joinParts(b.parts()) {
		return f.approximately(x, a)
	}
	rangePat := f.sys.Misc["range"]
	if rangePat == "" {
		rangePat = "{0}–{1}"
	}
	// Collapse the unit or currency name (outer) when both agree, then the
	// affixes (middle) when they agree and are longer than one character.
	collapseOuter := joinParts(a.outerPre) == joinParts(b.outerPre) && joinParts(a.outerPost) == joinParts(b.outerPost)
	if !collapseOuter && (f.style == "unit" || f.style == "currency" && f.currencyDisplay == "name") {
		// The plural of a range decides the unit's form.
		cat := pluralRange(f.dataID, a.plural, b.plural)
		ra, rb := *a, *b
		ra.plural, rb.plural = cat, cat
		fa, fb := f.rewrap(&ra), f.rewrap(&rb)
		if joinParts(fa.outerPre) == joinParts(fb.outerPre) && joinParts(fa.outerPost) == joinParts(fb.outerPost) {
			a.outerPre, a.outerPost, b.outerPre, b.outerPost = fa.outerPre, fa.outerPost, fb.outerPre, fb.outerPost
			collapseOuter = true
		}
	}
	hasOuter := len(a.outerPre)+len(a.outerPost) > 0
	midA, midB := joinParts(a.pre)+"\x00"+joinParts(a.post), joinParts(b.pre)+"\x00"+joinParts(b.post)
	// ICU counts the pattern's characters, not the currency spacing.
	patternLen := 0
	for _, p := range append(append([]part(nil), a.pre...), a.post...) {
		if !p.spacing {
			patternLen += len([]rune(p.val))
		}
	}
	collapseMiddle := collapseOuter && midA == midB && patternLen > 1
	repeat := !collapseMiddle && patternLen > 0 || hasOuter && !collapseOuter ||
		f.notation == "scientific" || f.notation == "engineering" // the exponent is repeated
	sep := strings.Replace(strings.Replace(rangePat, "{0}", "", 1), "{1}", "", 1)
	if repeat {
		if !strings.HasPrefix(sep, " ") {
			sep = " " + sep
		}
		if !strings.HasSuffix(sep, " ") {
			sep += " "
		}
	}
	mark := func(ps []part, src string) []part {
		out := make([]part, len(ps))
		for i, p := range ps {
			p.src = src
			out[i] = p
		}
		return out
	}
	var out []part
	if collapseOuter {
		out = append(out, mark(a.outerPre, "shared")...)
	} else {
		out = append(out, mark(a.outerPre, "startRange")...)
	}
	if collapseMiddle {
		out = append(out, mark(a.pre, "shared")...)
	} else {
		out = append(out, mark(a.pre, "startRange")...)
	}
	out = append(out, mark(a.num, "startRange")...)
	if !collapseMiddle {
		out = append(out, mark(a.post, "startRange")...)
	}
	if !collapseOuter {
		out = append(out, mark(a.outerPost, "startRange")...)
	}
	out = append(out, part{typ: "literal", val: sep, src: "shared"})
	if !collapseOuter {
		out = append(out, mark(b.outerPre, "endRange")...)
	}
	if !collapseMiddle {
		out = append(out, mark(b.pre, "endRange")...)
	}
	out = append(out, mark(b.num, "endRange")...)
	if collapseMiddle {
		out = append(out, mark(b.post, "shared")...)
	} else {
		out = append(out, mark(b.post, "endRange")...)
	}
	if collapseOuter {
		out = append(out, mark(b.outerPost, "shared")...)
	} else {
		out = append(out, mark(b.outerPost, "endRange")...)
	}
	return numMergeLiterals(out)
}

// rewrap redoes the outer unit or currency name for a plural category.
func (f *numberFormatter) rewrap(fm *formatted) *formatted {
	c := *fm
	switch f.style {
	case "unit":
		f.wrapUnit(&c)
	case "currency":
		p := f.data.CurUnit[c.plural]
		if p == "" {
			p = f.data.CurUnit["other"]
		}
		c.outerPre, c.outerPost = wrapPattern(p, f.currencyName(c.plural), "currency", "1")
	}
	return &c
}

// approximately formats a range whose ends look the same: the number with
// the approximately sign where its sign goes.
func (f *numberFormatter) approximately(x decimal, fm *formatted) []part {
	c := *fm
	c.pre = append([]part(nil), fm.pre...)
	c.post = append([]part(nil), fm.post...)
	approx := bidiSplit("approximatelySign", f.sys.Sym["approximatelySign"])
	// A sign shown: the approximately sign goes before it (and before the
	// bidi mark that goes with it).
	inserted := false
	for _, side := range []*[]part{&c.pre, &c.post} {
		for i, p := range *side {
			if p.typ == "minusSign" || p.typ == "plusSign" {
				if i > 0 && (*side)[i-1].typ == "literal" && strings.Trim((*side)[i-1].val, "\u200e\u200f\u061c") == "" {
					i--
				}
				*side = append((*side)[:i:i], append(append([]part(nil), approx...), (*side)[i:]...)...)
				inserted = true
				break
			}
		}
		if inserted {
			break
		}
	}
	if !inserted && fm.sign == '-' {
		// A negative pattern without a minus sign ("($3.00)") has no
		// place for it: ICU shows the number as it is.
		inserted = true
	}
	if !inserted {
		// Where the pattern puts a sign: the parts the "~" affixes have
		// and the sign-less ones lack.
		pat := numParsePattern(f.stylePattern())
		tilde, plain := f.affixes(pat, '~'), f.affixes(pat, 0)
		hasMinus := false
		for _, side := range pat.neg {
			for _, t := range side {
				hasMinus = hasMinus || t.kind == '-'
			}
		}
		if pat.hasNeg && hasMinus {
			// The negative subpattern with "~" for "-" ("¤-#" → "£≈3").
			if len(c.pre) >= len(plain[0]) && len(c.post) >= len(plain[1]) {
				c.pre = append(append([]part(nil), tilde[0]...), c.pre[len(plain[0]):]...)
				c.post = append(c.post[:len(c.post)-len(plain[1]):len(c.post)-len(plain[1])], tilde[1]...)
				inserted = true
			}
		}
		for side, dst := range []*[]part{&c.pre, &c.post} {
			if inserted {
				break
			}
			n := len(tilde[side]) - len(plain[side])
			if n <= 0 {
				continue
			}
			k := 0
			for k < len(plain[side]) && tilde[side][k] == plain[side][k] {
				k++
			}
			at := k
			if side == 1 {
				at = len(*dst) - len(plain[side]) + k
			}
			if at < 0 || at > len(*dst) {
				at = 0
			}
			*dst = append((*dst)[:at:at], append(append([]part(nil), tilde[side][k:k+n]...), (*dst)[at:]...)...)
			inserted = true
			break
		}
		if !inserted {
			c.pre = append(append([]part(nil), approx...), c.pre...)
		}
	}
	out := c.parts()
	for i := range out {
		out[i].src = "shared"
	}
	return out
}

// maxLocaleStringDepth bounds nested Array.prototype.toLocaleString calls.
const maxLocaleStringDepth = 2000

// installToLocaleString replaces Number.prototype.toLocaleString,
// BigInt.prototype.toLocaleString and Array.prototype.toLocaleString with
// the locale-aware versions.
func installToLocaleString(vm *goja.Runtime) error {
	// x.toLocaleString() and x.toLocaleString('de-DE') in a loop make the
	// same formatter each time: those without options (whose resolution
	// nothing user code does can change) are kept, a few per runtime.
	var cache map[string]*numberFormatter // made on first store
	cachedFormatter := func(locales, options goja.Value) *numberFormatter {
		key, ok := "", goja.IsUndefined(options)
		if ok && !goja.IsUndefined(locales) {
			if s, isStr := locales.Export().(string); isStr {
				key = "s:" + s
			} else {
				ok = false
			}
		}
		if ok {
			if f := cache[key]; f != nil {
				return f
			}
		}
		f := newNumberFormatter(vm, locales, options)
		if ok && len(cache) < 16 {
			if cache == nil {
				cache = make(map[string]*numberFormatter, 16)
			}
			cache[key] = f
		}
		return f
	}
	numProto := vm.Get("Number").ToObject(vm).Get("prototype").ToObject(vm)
	if err := defineMethod(vm, numProto, "toLocaleString", 0, func(call goja.FunctionCall) goja.Value {
		var x float64
		switch t := call.This.(type) {
		case *goja.Object:
			v, ok := t.Export().(float64)
			if !ok {
				if i, ok := t.Export().(int64); ok {
					v = float64(i)
				} else if className(t) != "Number" {
					panic(vm.NewTypeError("Number.prototype.toLocaleString requires that 'this' be a Number"))
				} else {
					v = t.ToFloat()
				}
			}
			x = v
		default:
			if _, ok := t.Export().(float64); !ok {
				if _, ok := t.Export().(int64); !ok {
					panic(vm.NewTypeError("Number.prototype.toLocaleString requires that 'this' be a Number"))
				}
			}
			x = t.ToFloat()
		}
		f := cachedFormatter(call.Argument(0), call.Argument(1))
		if math.IsNaN(x) {
			return vm.ToValue(joinParts(f.format(decimal{nan: true}).parts()))
		}
		return vm.ToValue(joinParts(f.format(decimalFromFloat(x)).parts()))
	}); err != nil {
		return err
	}
	if bi := vm.Get("BigInt"); bi != nil && !goja.IsUndefined(bi) {
		biProto := bi.ToObject(vm).Get("prototype").ToObject(vm)
		if err := defineMethod(vm, biProto, "toLocaleString", 0, func(call goja.FunctionCall) goja.Value {
			b, ok := call.This.Export().(*big.Int)
			if !ok {
				panic(vm.NewTypeError("BigInt.prototype.toLocaleString requires that 'this' be a BigInt"))
			}
			f := cachedFormatter(call.Argument(0), call.Argument(1))
			return vm.ToValue(joinParts(f.format(decimalFromBig(b)).parts()))
		}); err != nil {
			return err
		}
	}
	arrProto := vm.Get("Array").ToObject(vm).Get("prototype").ToObject(vm)
	// The arrays being joined: a cycle gives "" (as V8 does), and nesting
	// is bounded, since these calls do not count against goja's stack.
	var joining []*goja.Object
	return defineMethod(vm, arrProto, "toLocaleString", 0, func(call goja.FunctionCall) goja.Value {
		o := call.This.ToObject(vm)
		for _, j := range joining {
			if j == o {
				return vm.ToValue("")
			}
		}
		if len(joining) >= maxLocaleStringDepth {
			ThrowRangeError(vm, "Maximum call stack size exceeded")
		}
		joining = append(joining, o)
		defer func() { joining = joining[:len(joining)-1] }()
		n := toLength(o.Get("length"))
		var b strings.Builder
		for k := int64(0); k < n; k++ {
			if k > 0 {
				b.WriteString(",")
			}
			el := o.Get(vm.ToValue(k).String())
			if el == nil || goja.IsUndefined(el) || goja.IsNull(el) {
				continue
			}
			eo := el.ToObject(vm)
			fn, ok := goja.AssertFunction(eo.Get("toLocaleString"))
			if !ok {
				panic(vm.NewTypeError("toLocaleString is not a function"))
			}
			r, err := fn(el, call.Argument(0), call.Argument(1))
			if err != nil {
				panic(err)
			}
			b.WriteString(r.String())
		}
		return vm.ToValue(b.String())
	})
}

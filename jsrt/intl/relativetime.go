package intl

import (
	"math"
	"strings"

	"github.com/dop251/goja"
)

// relativeTimeFormat is an Intl.RelativeTimeFormat's internal slots.
type relativeTimeFormat struct {
	locale, ns, style, numeric string
	data                       *numberLocale
	f                          *numberFormatter // formats the number (the locale's defaults)
}

var relativeTimeSlots internalSlots[relativeTimeFormat]

// relativeUnit is the singular of a unit Intl.RelativeTimeFormat formats,
// given in the singular or the plural.
func relativeUnit(u string) (string, bool) {
	switch s := strings.TrimSuffix(u, "s"); s {
	case "second", "minute", "hour", "day", "week", "month", "quarter", "year":
		return s, true
	}
	return "", false
}

func newRelativeTimeFormat(vm *goja.Runtime, locales, options goja.Value) *relativeTimeFormat {
	opts := GetOptionsObject(vm, options)
	res, ns := resolveNumberLocale(vm, locales, opts, true)
	rt := &relativeTimeFormat{locale: res.Locale, ns: ns, data: numbersFor(res.Data)}
	rt.style = GetStringOption(vm, opts, "style", []string{"long", "short", "narrow"}, "long")
	rt.numeric = GetStringOption(vm, opts, "numeric", []string{"always", "auto"}, "always")
	f := &numberFormatter{locale: res.Locale, dataID: res.Data, data: rt.data, ns: ns, style: "decimal", notation: "standard",
		mnid: 1, mnfd: 0, mxfd: 3, roundingType: "fractionDigits", roundingIncrement: 1, roundingMode: "halfExpand",
		trailingZeroDisplay: "auto", useGrouping: "auto", signDisplay: "never"}
	f.sys = rt.data.system(ns)
	f.digits = numberingSystemDigits(ns)
	f.wantPlural = true
	rt.f = f
	return rt
}

// format is PartitionRelativeTimePattern.
func (rt *relativeTimeFormat) format(vm *goja.Runtime, value goja.Value, unitV goja.Value) []part {
	x := value.ToFloat()
	u := unitV.String()
	unit, ok := relativeUnit(u)
	if !ok {
		ThrowRangeError(vm, "Invalid unit argument for Intl.RelativeTimeFormat.prototype.format() '"+u+"'")
	}
	if math.IsNaN(x) || math.IsInf(x, 0) {
		ThrowRangeError(vm, "Value need to be finite number for Intl.RelativeTimeFormat.prototype.format()")
	}
	key := unit
	if rt.style != "long" {
		key += "-" + rt.style
	}
	field := rt.data.Relatives[key]
	if field == nil {
		field = rt.data.Relatives[unit]
	}
	if rt.numeric == "auto" {
		d := decimalFromFloat(x)
		s := d.String()
		if s == "-0" {
			s = "0"
		}
		if p, ok := field.Rel[s]; ok && !strings.Contains(s, ".") {
			return []part{{typ: "literal", val: p}}
		}
	}
	past := x < 0 || x == 0 && math.Signbit(x)
	d := decimalFromFloat(x)
	fm := rt.f.format(d)
	pats := field.Future
	if past {
		pats = field.Past
	}
	p := pats[fm.plural]
	if p == "" {
		p = pats["other"]
	}
	before, after, ok := strings.Cut(p, "{0}")
	if !ok {
		return []part{{typ: "literal", val: p}} // the number spelled out
	}
	var out []part
	if before != "" {
		out = append(out, part{typ: "literal", val: before})
	}
	for _, np := range fm.num {
		np.src = unit // the unit property, in formatToParts
		out = append(out, np)
	}
	if after != "" {
		out = append(out, part{typ: "literal", val: after})
	}
	return out
}

func installRelativeTimeFormat(vm *goja.Runtime, intlObj *goja.Object) error {
	ctor, proto := makeClass(vm, intlObj, "RelativeTimeFormat", 0, false, func(this *goja.Object, args []goja.Value) {
		relativeTimeSlots.set(this, newRelativeTimeFormat(vm, argOr(args, 0), argOr(args, 1)))
	})
	if err := defineSupportedLocalesOf(vm, ctor); err != nil {
		return err
	}
	this := func(v goja.Value, method string) *relativeTimeFormat {
		return receiverSlots(vm, &relativeTimeSlots, v, "Intl.RelativeTimeFormat.prototype."+method, describe)
	}
	if err := defineMethod(vm, proto, "resolvedOptions", 0, func(call goja.FunctionCall) goja.Value {
		rt := this(call.This, "resolvedOptions")
		return newPlainObject(vm, "locale", rt.locale, "style", rt.style, "numeric", rt.numeric, "numberingSystem", rt.ns)
	}); err != nil {
		return err
	}
	if err := defineMethod(vm, proto, "format", 2, func(call goja.FunctionCall) goja.Value {
		rt := this(call.This, "format")
		var b strings.Builder
		for _, p := range rt.format(vm, call.Argument(0), call.Argument(1)) {
			b.WriteString(p.val)
		}
		return vm.ToValue(b.String())
	}); err != nil {
		return err
	}
	return defineMethod(vm, proto, "formatToParts", 2, func(call goja.FunctionCall) goja.Value {
		rt := this(call.This, "formatToParts")
		ps := rt.format(vm, call.Argument(0), call.Argument(1))
		items := make([]goja.Value, len(ps))
		for i, p := range ps {
			kv := []any{"type", p.typ, "value", p.val}
			if p.src != "" {
				kv = append(kv, "unit", p.src)
			}
			items[i] = newPlainObject(vm, kv...)
		}
		return newArray(vm, items)
	})
}

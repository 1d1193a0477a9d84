package intl

import (
	"strings"

	"github.com/dop251/goja"
)

// pluralRules is an Intl.PluralRules' internal slots: the digit options
// (a number formatter) and the rules.
type pluralRules struct {
	typ   string
	f     *numberFormatter
	rules *pluralSet
}

var pluralRulesSlots internalSlots[pluralRules]

func newPluralRules(vm *goja.Runtime, locales, options goja.Value) *pluralRules {
	opts := CoerceOptionsToObject(vm, options)
	res, _ := resolveNumberLocale(vm, locales, opts, false)
	pr := &pluralRules{}
	pr.typ = GetStringOption(vm, opts, "type", []string{"cardinal", "ordinal"}, "cardinal")
	f := &numberFormatter{locale: res.Base, dataID: res.Data, data: numbersFor(res.Data), ns: "latn", style: "decimal", notation: "standard"}
	f.sys = f.data.system("latn")
	setDigitOptions(vm, f, opts, 0, 3, "standard")
	pr.f = f
	pr.rules = pluralRulesFor(res.Data, pr.typ == "ordinal")
	return pr
}

// selectDecimal is ResolvePlural: the category of x formatted with the
// digit options.
func (pr *pluralRules) selectDecimal(x decimal) string {
	if x.nan || x.inf {
		return "other"
	}
	x.neg = false
	r := pr.f.roundNumber(x)
	return pr.rules.category(operandsOf(strings.TrimLeft(r.ip, "0"), r.fp, 0))
}

func installPluralRules(vm *goja.Runtime, intlObj *goja.Object) error {
	ctor, proto := makeClass(vm, intlObj, "PluralRules", 0, false, func(this *goja.Object, args []goja.Value) {
		pluralRulesSlots.set(this, newPluralRules(vm, argOr(args, 0), argOr(args, 1)))
	})
	if err := defineSupportedLocalesOf(vm, ctor); err != nil {
		return err
	}
	this := func(v goja.Value, method string) *pluralRules {
		return receiverSlots(vm, &pluralRulesSlots, v, "Intl.PluralRules.prototype."+method, describe)
	}
	if err := defineMethod(vm, proto, "resolvedOptions", 0, func(call goja.FunctionCall) goja.Value {
		pr := this(call.This, "resolvedOptions")
		kv := []any{"locale", pr.f.locale, "type", pr.typ, "minimumIntegerDigits", pr.f.mnid}
		kv = append(kv, pr.f.digitOptions()...)
		cats := make([]goja.Value, len(pr.rules.cats))
		for i, c := range pr.rules.cats {
			cats[i] = vm.ToValue(c)
		}
		kv = append(kv, "pluralCategories", newArray(vm, cats))
		kv = append(kv, pr.f.roundingOptions()...)
		return newPlainObject(vm, kv...)
	}); err != nil {
		return err
	}
	if err := defineMethod(vm, proto, "select", 1, func(call goja.FunctionCall) goja.Value {
		pr := this(call.This, "select")
		return vm.ToValue(pr.selectDecimal(decimalFromFloat(call.Argument(0).ToFloat())))
	}); err != nil {
		return err
	}
	return defineMethod(vm, proto, "selectRange", 2, func(call goja.FunctionCall) goja.Value {
		pr := this(call.This, "selectRange")
		a, b := call.Argument(0), call.Argument(1)
		if goja.IsUndefined(a) || goja.IsUndefined(b) {
			panic(vm.NewTypeError("start or end is undefined"))
		}
		x, y := a.ToFloat(), b.ToFloat()
		if x != x || y != y {
			ThrowRangeError(vm, "Invalid range: start or end is NaN")
		}
		s, e := pr.selectDecimal(decimalFromFloat(x)), pr.selectDecimal(decimalFromFloat(y))
		// Ordinals too go through the language's (cardinal) range data,
		// as in ICU.
		return vm.ToValue(pluralRange(pr.f.dataID, s, e))
	})
}

func argOr(args []goja.Value, i int) goja.Value {
	if i < len(args) {
		return args[i]
	}
	return goja.Undefined()
}

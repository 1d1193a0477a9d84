package intl

import (
	"sort"
	"strings"
	"sync"

	"github.com/dop251/goja"
)

// Intl.supportedValuesOf: the values of each key this implementation
// supports, sorted as Node sorts them (by UTF-16 code units, which for
// these ASCII identifiers is byte order).

// supportedValues gives, per key, the supported values. A service that
// decides what its key supports (DateTimeFormat the calendars,
// NumberFormat the numbering systems and units) may replace its entry with
// setSupportedValues. The table is made on first use.
var supportedValues = sync.OnceValue(func() map[string]func() []string {
	return map[string]func() []string{
		// ECMA-402's calendars, which CLDR has data for.
		"calendar": func() []string {
			return []string{"buddhist", "chinese", "coptic", "dangi", "ethioaa", "ethiopic", "gregory", "hebrew", "indian", "islamic",
				"islamic-civil", "islamic-rgsa", "islamic-tbla", "islamic-umalqura", "iso8601", "japanese", "persian", "roc"}
		},
		// The collation types Intl.Collator has tables for.
		"collation": func() []string {
			seen := map[string]bool{}
			for _, t := range servedTypes {
				seen[t.typ] = true
			}
			return sortedKeys(seen)
		},
		// The currencies legal tender somewhere today (CLDR's currencyData).
		"currency": func() []string { return info().Currencies },
		// CLDR's numeric numbering systems.
		"numberingSystem": func() []string { return info().Numbering },
		// The zones of CLDR's time zone ids, by their canonical names.
		"timeZone": func() []string {
			var out []string
			for region, l := range info().TimeZones {
				if region != "001" {
					out = append(out, l...)
				}
			}
			sort.Strings(out)
			return out
		},
		// ECMA-402's sanctioned single units.
		"unit": func() []string {
			return strings.Fields(`acre bit byte celsius centimeter day degree fahrenheit fluid-ounce foot gallon gigabit gigabyte
			gram hectare hour inch kilobit kilobyte kilogram kilometer liter megabit megabyte meter microsecond mile
			mile-scandinavian milliliter millimeter millisecond minute month nanosecond ounce percent petabyte pound
			second stone terabit terabyte week yard year`)
		},
	}
})

var supportedValuesMu sync.Mutex

// setSupportedValues replaces what Intl.supportedValuesOf reports for key.
func setSupportedValues(key string, fn func() []string) {
	supportedValuesMu.Lock()
	defer supportedValuesMu.Unlock()
	supportedValues()[key] = fn
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func installSupportedValuesOf(vm *goja.Runtime, intl *goja.Object) error {
	return defineMethod(vm, intl, "supportedValuesOf", 1, func(call goja.FunctionCall) goja.Value {
		key := toStr(vm, call.Argument(0))
		supportedValuesMu.Lock()
		fn, ok := supportedValues()[key]
		supportedValuesMu.Unlock()
		if !ok {
			ThrowRangeError(vm, "Invalid key : "+key)
		}
		l := fn()
		out := make([]any, len(l))
		for i, s := range l {
			out[i] = s
		}
		return vm.NewArray(out...)
	})
}

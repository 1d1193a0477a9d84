package intl

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/dop251/goja"

	"codexec/jsrt/intl/locales"
)

// Every data locale with random component options, zones, hour cycles,
// numbering systems and dates, formatted, to parts and as ranges: no
// combination may fail other than with a JavaScript error.
func TestDateTimeFormatNoPanics(t *testing.T) {
	vm := newTestVM(t)
	fnv, err := vm.RunString(`(function (loc, opts, a, b) {
	  const f = new Intl.DateTimeFormat(loc, opts);
	  return [f.format(a), JSON.stringify(f.formatToParts(b)), f.formatRange(a, b), JSON.stringify(f.formatRangeToParts(b, a)),
	    JSON.stringify(f.resolvedOptions()), new Date(a).toLocaleString(loc, opts)].join('\n');
	})`)
	if err != nil {
		t.Fatal(err)
	}
	fn, _ := goja.AssertFunction(fnv)
	r := rand.New(rand.NewSource(1))
	comps := map[string][]any{
		"weekday": {"narrow", "short", "long"}, "era": {"narrow", "short", "long"}, "year": {"2-digit", "numeric"},
		"month": {"2-digit", "numeric", "narrow", "short", "long"}, "day": {"2-digit", "numeric"},
		"hour": {"2-digit", "numeric"}, "minute": {"2-digit", "numeric"}, "second": {"2-digit", "numeric"},
		"timeZoneName": {"short", "long", "shortOffset", "longOffset", "shortGeneric", "longGeneric"},
		"dayPeriod":    {"narrow", "short", "long"}, "fractionalSecondDigits": {1, 2, 3}, "hour12": {true, false},
		"hourCycle": {"h11", "h12", "h23", "h24"}, "numberingSystem": {"arab", "latn", "thai", "deva", "hanidec"},
		"timeZone": {"UTC", "America/New_York", "Asia/Kathmandu", "Pacific/Chatham", "+14:00", "-09:30", "Europe/Dublin", "Antarctica/Troll"},
	}
	keys := make([]string, 0, len(comps))
	for k := range comps {
		keys = append(keys, k)
	}
	styles := []any{nil, "full", "long", "medium", "short"}
	n := 0
	for _, loc := range append(append([]string{}, locales.Data...), "en-u-nu-arab-hc-h11", "ar-EG", "de-CH-u-ca-gregory") {
		for i := 0; i < 40; i++ {
			opts := vm.NewObject()
			if r.Intn(4) == 0 {
				if s := styles[r.Intn(5)]; s != nil {
					_ = opts.Set("dateStyle", s)
				}
				if s := styles[r.Intn(5)]; s != nil {
					_ = opts.Set("timeStyle", s)
				}
			} else {
				for j := 0; j < 1+r.Intn(5); j++ {
					k := keys[r.Intn(len(keys))]
					_ = opts.Set(k, comps[k][r.Intn(len(comps[k]))])
				}
			}
			a := float64(r.Int63n(2*8.64e15) - 8.64e15)
			if r.Intn(2) == 0 {
				a = float64(r.Int63n(4e12))
			}
			b := a + float64(r.Int63n(1e11))
			if b > 8.64e15 {
				b = 8.64e15
			}
			v, err := fn(goja.Undefined(), vm.ToValue(loc), opts, vm.ToValue(a), vm.ToValue(b))
			if err != nil {
				if _, ok := err.(*goja.Exception); !ok || !strings.Contains(err.Error(), "Error") {
					t.Errorf("%s %v: %v", loc, opts.Export(), err)
				}
				continue
			}
			if v.String() == "" {
				t.Errorf("%s: empty", loc)
			}
			n++
		}
	}
	if n < 1500 {
		t.Errorf("only %d combinations formatted", n)
	}
}

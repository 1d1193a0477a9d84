package intl

import (
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/dop251/goja"
)

func TestInstallDecodesNothing(t *testing.T) {
	resetNumberData()
	vm := newTestRuntime(t)
	run(t, vm, "typeof Intl.NumberFormat")
	numberData.Lock()
	n, sup := len(numberData.locales), numberData.sup
	numberData.Unlock()
	if n != 0 || sup != nil {
		t.Fatalf("Install decoded %d locales (supplemental %v)", n, sup != nil)
	}
	run(t, vm, "new Intl.NumberFormat('de').format(1)")
	numberData.Lock()
	defer numberData.Unlock()
	if len(numberData.locales) != 1 || numberData.locales["de"] == nil || numberData.locales["de"].currency != nil {
		t.Fatalf("after a de NumberFormat: %v", numberData.locales)
	}
}

func TestConstructors(t *testing.T) {
	vm := newTestRuntime(t)
	for src, want := range map[string]string{
		// NumberFormat may be called without new; the others may not.
		"Intl.NumberFormat('de').format(1234.5)":                                     "1.234,5",
		"Intl.NumberFormat.call(Intl, 'de') instanceof Intl.NumberFormat":            "true",
		"var F = Intl.NumberFormat; F('fr').format(1) + (F() instanceof F)":          "1true",
		"try { Intl.PluralRules('en') } catch (e) { e.name }":                        "TypeError",
		"try { Intl.ListFormat.call(Intl) } catch (e) { e.name }":                    "TypeError",
		"try { Intl.RelativeTimeFormat() } catch (e) { e.constructor.name }":         "TypeError",
		"new Intl.PluralRules('en') instanceof Intl.PluralRules":                     "true",
		"Object.getPrototypeOf(new Intl.ListFormat()) === Intl.ListFormat.prototype": "true",
		// Subclasses get their own prototype and the internal slots.
		"class M extends Intl.NumberFormat { hi() { return this.format(2) } }; new M('de', {minimumFractionDigits: 1}).hi()": "2,0",
		"class P extends Intl.PluralRules {}; new P('en').select(1) + (new P() instanceof Intl.PluralRules)":                 "onetrue",
		// Instances are ordinary objects: no own properties, freezable.
		"Object.getOwnPropertyNames(new Intl.NumberFormat()).length":              "0",
		"var z = Object.freeze(new Intl.NumberFormat('en')); z.format(1e6)":       "1,000,000",
		"var y = new Intl.NumberFormat('en'); y.extra = 1; y.extra + y.format(2)": "12",
		// The bound format is cached and works detached.
		"var nf = new Intl.NumberFormat('en'); nf.format === nf.format":               "true",
		"[1000, 2.5].map(new Intl.NumberFormat('de').format).join(' ')":               "1.000 2,5",
		"Object.prototype.toString.call(new Intl.RelativeTimeFormat())":               "[object Intl.RelativeTimeFormat]",
		"String(Intl.NumberFormat.prototype.constructor === Intl.NumberFormat)":       "true",
		"Intl.NumberFormat.name + Intl.NumberFormat.length + Intl.PluralRules.length": "NumberFormat00",
		"Object.getOwnPropertyDescriptor(Intl.NumberFormat, 'prototype').writable":    "false",
	} {
		if got := run(t, vm, src); got != want {
			t.Errorf("%s = %s, want %s", src, got, want)
		}
	}
}

func TestIncompatibleReceivers(t *testing.T) {
	vm := newTestRuntime(t)
	for _, src := range []string{
		"Intl.NumberFormat.prototype.formatToParts.call({}, 1)",
		"Object.getOwnPropertyDescriptor(Intl.NumberFormat.prototype, 'format').get.call(new Intl.PluralRules())",
		"Intl.NumberFormat.prototype.resolvedOptions.call(Intl.NumberFormat.prototype)",
		"Intl.NumberFormat.prototype.formatRange.call(5, 1, 2)",
		"Intl.PluralRules.prototype.select.call(new Intl.NumberFormat(), 1)",
		"Intl.PluralRules.prototype.selectRange.call({}, 1, 2)",
		"Intl.RelativeTimeFormat.prototype.format.call(new Intl.ListFormat(), 1, 'day')",
		"Intl.ListFormat.prototype.format.call(new Intl.RelativeTimeFormat(), [])",
		"Number.prototype.toLocaleString.call('5')",
		"BigInt.prototype.toLocaleString.call(5)",
		"new Intl.ListFormat('en').format([1, 2])",
		"new Intl.NumberFormat().formatRange(undefined, 1)",
		"new Intl.PluralRules().selectRange(1)",
		"new Intl.NumberFormat('en', {style: 'currency'})",
	} {
		got := run(t, vm, "try { "+src+"; 'no error' } catch (e) { e.name }")
		if got != "TypeError" {
			t.Errorf("%s: %s, want TypeError", src, got)
		}
	}
	for _, src := range []string{
		"new Intl.NumberFormat('en', {style: 'unit', unit: 'parsec'})",
		"new Intl.NumberFormat('en', {style: 'currency', currency: 'EURO'})",
		"new Intl.NumberFormat('en', {maximumFractionDigits: 101})",
		"new Intl.NumberFormat('en', {roundingIncrement: 3, maximumFractionDigits: 0})",
		"new Intl.NumberFormat('en', {numberingSystem: 'a!'})",
		"new Intl.NumberFormat().formatRange(NaN, 1)",
		"new Intl.RelativeTimeFormat().format(1, 'decade')",
		"new Intl.RelativeTimeFormat().format(Infinity, 'day')",
		"new Intl.PluralRules('en', {type: 'both'})",
		"new Intl.ListFormat('en', {type: 'and'})",
		"new Intl.NumberFormat('en-')",
	} {
		got := run(t, vm, "try { "+src+"; 'no error' } catch (e) { e.name }")
		if got != "RangeError" {
			t.Errorf("%s: %s, want RangeError", src, got)
		}
	}
}

// TestGlueNotObservable plants setters and getters on the prototypes the
// results are built from: the results must still be right and the traps
// never run.
func TestGlueNotObservable(t *testing.T) {
	vm := newTestRuntime(t)
	run(t, vm, `
		var hits = '', keys = ['type', 'value', 'source', 'unit', 'locale', 'style', '0', '1', 'pluralCategories'],
			protos = [Object.prototype, Array.prototype];
		// (index loops: goja's iterator results would meet the traps)
		for (let i = 0; i < keys.length; i++)
			for (let j = 0; j < 2; j++)
				Object.defineProperty(protos[j], keys[i], Object.assign(Object.create(null), {set(v) { hits += 'set ' + keys[i] }, get() { hits += 'get ' + keys[i] }, configurable: true}));
		0`)
	got := run(t, vm, `
		// (goja's own array iterator results would meet the 'value' trap)
		function iterable(...xs) {
			let i = 0;
			const res = (v, d) => Object.defineProperties(Object.create(null), {value: {value: v}, done: {value: d}});
			return {[Symbol.iterator]() { return {next() { return i < xs.length ? res(xs[i++], false) : res(undefined, true) }} }};
		}
		var out = Array.of(
			JSON.stringify(new Intl.NumberFormat('en', {style: 'currency', currency: 'USD'}).formatToParts(-1.5)),
			JSON.stringify(new Intl.NumberFormat('en').formatRangeToParts(1, 2)),
			JSON.stringify(new Intl.NumberFormat('en').resolvedOptions()),
			JSON.stringify(new Intl.PluralRules('en').resolvedOptions().pluralCategories),
			JSON.stringify(new Intl.RelativeTimeFormat('en').formatToParts(-3, 'day')),
			JSON.stringify(new Intl.ListFormat('en').formatToParts(iterable('a', 'b'))));
		for (let i = 0; i < keys.length; i++)
			for (let j = 0; j < 2; j++) delete protos[j][keys[i]];
		hits + ' ' + out.join(' ')`)
	// Only what Node reads too: the option "unit" that the options object
	// inherits.
	want := `get unit [{"type":"minusSign","value":"-"},{"type":"currency","value":"$"},{"type":"integer","value":"1"},{"type":"decimal","value":"."},{"type":"fraction","value":"50"}] ` +
		`[{"type":"integer","value":"1","source":"startRange"},{"type":"literal","value":"–","source":"shared"},{"type":"integer","value":"2","source":"endRange"}] ` +
		`{"locale":"en","numberingSystem":"latn","style":"decimal","minimumIntegerDigits":1,"minimumFractionDigits":0,"maximumFractionDigits":3,"useGrouping":"auto","notation":"standard","signDisplay":"auto","roundingIncrement":1,"roundingMode":"halfExpand","roundingPriority":"auto","trailingZeroDisplay":"auto"} ` +
		`["one","other"] ` +
		`[{"type":"integer","value":"3","unit":"day"},{"type":"literal","value":" days ago"}] ` +
		`[{"type":"element","value":"a"},{"type":"literal","value":" and "},{"type":"element","value":"b"}]`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// TestParallelRuntimes uses the shared, lazily decoded data from several
// runtimes at once (run with -race).
func TestParallelRuntimes(t *testing.T) {
	resetNumberData()
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			vm := goja.New()
			if err := Install(vm); err != nil {
				t.Error(err)
				return
			}
			v, err := vm.RunString(`[new Intl.NumberFormat('fr', {style: 'currency', currency: 'EUR'}).format(1234.5),
				new Intl.NumberFormat('ja', {style: 'unit', unit: 'kilometer'}).format(3),
				new Intl.PluralRules('ar').select(3), new Intl.RelativeTimeFormat('de').format(2, 'day')].join('|')`)
			if err != nil {
				t.Error(err)
				return
			}
			if got, want := v.String(), "1\u202f234,50\u00a0€|3 km|few|in 2 Tagen"; got != want {
				t.Errorf("got %q, want %q", got, want)
			}
		}()
	}
	wg.Wait()
}

// TestSlotsGoWithTheirObjects checks that the internal slots of
// collected instances are dropped (the table's keys are weak).
func TestNumberSlotsGoWithTheirObjects(t *testing.T) {
	vm := newTestRuntime(t)
	run(t, vm, "for (let i = 0; i < 2000; i++) new Intl.NumberFormat('en').format(i)")
	size := func() int {
		numberFormats.mu.Lock()
		defer numberFormats.mu.Unlock()
		return len(numberFormats.m)
	}
	for i := 0; i < 50 && size() > 100; i++ {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	if n := size(); n > 100 {
		t.Fatalf("%d NumberFormat slots still held after collection", n)
	}
	// A live one keeps its slots.
	run(t, vm, "var keep = new Intl.NumberFormat('de')")
	runtime.GC()
	runtime.GC()
	if got := run(t, vm, "keep.format(1234.5)"); got != "1.234,5" {
		t.Fatalf("kept formatter: %s", got)
	}
}

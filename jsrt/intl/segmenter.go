package intl

import (
	"math"
	"sort"
	"unicode"
	"unicode/utf16"

	"github.com/dop251/goja"
	"github.com/rivo/uniseg"
)

// Intl.Segmenter: UAX #29's grapheme clusters, words and sentences
// (github.com/rivo/uniseg). ICU splits Chinese, Japanese and Thai words
// with dictionaries, which UAX #29 has not: there a run of ideographs is a
// word per character.

type segmenterSlots struct {
	locale, granularity string
}

// segmentsSlots are a Segments object's: the segmenter's granularity, the
// string and its boundaries in UTF-16 code units (computed on first use).
type segmentsSlots struct {
	granularity string
	input       goja.String
	str         string // input as UTF-8 (a lone surrogate is U+FFFD)
	bounds      []int  // segment starts, then the length
	wordLike    []bool
}

type segmentIteratorSlots struct {
	segs *segmentsSlots
	next int // index into bounds
}

var (
	segmenterObjs internalSlots[segmenterSlots]
	segmentsObjs  internalSlots[segmentsSlots]
	segIterObjs   internalSlots[segmentIteratorSlots]
)

// compute finds the boundaries of the segments.
func (s *segmentsSlots) compute() {
	if s.bounds != nil {
		return
	}
	// Byte offsets in str map to UTF-16 offsets in input: each rune of
	// str is one code unit unless it is beyond the BMP.
	b := s.str
	u16 := 0
	var starts []int
	var wordLike []bool
	state := -1
	for len(b) > 0 {
		var seg string
		switch s.granularity {
		case "word":
			seg, b, state = uniseg.FirstWordInString(b, state)
		case "sentence":
			seg, b, state = uniseg.FirstSentenceInString(b, state)
		default:
			seg, b, _, state = uniseg.FirstGraphemeClusterInString(b, state)
		}
		starts = append(starts, u16)
		if s.granularity == "word" {
			wordLike = append(wordLike, isWordLike(seg))
		}
		for _, r := range seg {
			u16 += utf16.RuneLen(r) // U+FFFD (a lone surrogate) is one
		}
	}
	s.bounds = append(starts, u16)
	s.wordLike = wordLike
}

// isWordLike is ICU's rule status for a word: letters, numbers, kana and
// ideographs, not spaces, punctuation or symbols.
func isWordLike(seg string) bool {
	for _, r := range seg {
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			return true
		}
	}
	return false
}

// segmentData is CreateSegmentDataObject for segment i.
func (s *segmentsSlots) segmentData(vm *goja.Runtime, i int) goja.Value {
	o := vm.NewObject()
	put := func(k string, v goja.Value) {
		_ = o.DefineDataProperty(k, v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
	}
	put("segment", s.input.Substring(s.bounds[i], s.bounds[i+1]))
	put("index", vm.ToValue(s.bounds[i]))
	put("input", s.input)
	if s.granularity == "word" {
		put("isWordLike", vm.ToValue(s.wordLike[i]))
	}
	return o
}

func installSegmenter(vm *goja.Runtime, intl *goja.Object) error {
	var proto *goja.Object
	ctor := vm.ToValue(func(call goja.ConstructorCall) *goja.Object {
		if !isNew(call, proto, &segmenterObjs) {
			panic(vm.NewTypeError("Constructor Intl.Segmenter requires 'new'"))
		}
		requested := CanonicalizeLocaleList(vm, call.Argument(0))
		opts := GetOptionsObject(vm, call.Argument(1))
		GetStringOption(vm, opts, "localeMatcher", []string{"lookup", "best fit"}, "best fit")
		r := ResolveLocale(requested, nil, nil, nil)
		g := GetStringOption(vm, opts, "granularity", []string{"grapheme", "word", "sentence"}, "grapheme")
		segmenterObjs.set(call.This, &segmenterSlots{locale: r.Locale, granularity: g})
		return call.This
	}).ToObject(vm)
	setNameLength(vm, ctor, "Segmenter", 0)
	proto = ctorPrototype(vm, ctor)
	if err := proto.DefineDataPropertySymbol(goja.SymToStringTag, vm.ToValue("Intl.Segmenter"), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
		return err
	}
	if err := defineMethod(vm, proto, "resolvedOptions", 0, func(call goja.FunctionCall) goja.Value {
		s := thisSlots(vm, &segmenterObjs, call.This, "Intl.Segmenter.prototype.resolvedOptions")
		o := vm.NewObject()
		_ = o.DefineDataProperty("locale", vm.ToValue(s.locale), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
		_ = o.DefineDataProperty("granularity", vm.ToValue(s.granularity), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
		return o
	}); err != nil {
		return err
	}

	// %SegmentsPrototype% and %SegmentIteratorPrototype% are made on the
	// first segment().
	var segmentsProto *goja.Object
	// Array.prototype.values as the runtime starts, to find
	// %IteratorPrototype% later without the script's replacements.
	arrayValues, _ := goja.AssertFunction(vm.NewArray().Get("values"))
	if err := defineMethod(vm, proto, "segment", 1, func(call goja.FunctionCall) goja.Value {
		s := thisSlots(vm, &segmenterObjs, call.This, "Intl.Segmenter.prototype.segment")
		arg := call.Argument(0)
		if _, ok := arg.(*goja.Symbol); ok {
			panic(vm.NewTypeError("Cannot convert a Symbol value to a string"))
		}
		sv := arg.ToString() // once: an object's toString is the script's
		in, ok := sv.(goja.String)
		if !ok { // a number, a boolean: its string is valid UTF-16
			in, _ = vm.ToValue(sv.String()).(goja.String)
		}
		str := in.String()
		if segmentsProto == nil {
			p, err := makeSegmentsProto(vm, arrayValues)
			if err != nil {
				panic(vm.NewGoError(err))
			}
			segmentsProto = p
		}
		o := vm.CreateObject(segmentsProto)
		segmentsObjs.set(o, &segmentsSlots{granularity: s.granularity, input: in, str: str})
		return o
	}); err != nil {
		return err
	}
	if err := addSupportedLocalesOf(vm, ctor, func(base string) bool { return BestAvailable(base) != "" }); err != nil {
		return err
	}
	return intl.DefineDataProperty("Segmenter", ctor, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// makeSegmentsProto makes %SegmentsPrototype% and its iterators'
// prototype.
func makeSegmentsProto(vm *goja.Runtime, arrayValues goja.Callable) (*goja.Object, error) {
	segmentsProto := vm.NewObject()
	arrayIter, err := arrayValues(vm.NewArray())
	if err != nil {
		return nil, err
	}
	iterProto := vm.CreateObject(arrayIter.ToObject(vm).Prototype().Prototype())
	if err := iterProto.DefineDataPropertySymbol(goja.SymToStringTag, vm.ToValue("Segmenter String Iterator"), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
		return nil, err
	}
	if err := defineMethod(vm, iterProto, "next", 0, func(call goja.FunctionCall) goja.Value {
		it := thisSlots(vm, &segIterObjs, call.This, "%SegmentIterator.prototype%.next")
		it.segs.compute()
		res := vm.NewObject()
		if it.next >= len(it.segs.bounds)-1 {
			_ = res.DefineDataProperty("value", goja.Undefined(), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
			_ = res.DefineDataProperty("done", vm.ToValue(true), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
			return res
		}
		v := it.segs.segmentData(vm, it.next)
		it.next++
		_ = res.DefineDataProperty("value", v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
		_ = res.DefineDataProperty("done", vm.ToValue(false), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
		return res
	}); err != nil {
		return nil, err
	}
	if err := defineMethod(vm, segmentsProto, "containing", 1, func(call goja.FunctionCall) goja.Value {
		s := thisSlots(vm, &segmentsObjs, call.This, "%Segments.prototype%.containing")
		n := toIntegerOrInfinity(call.Argument(0))
		if n < 0 || n >= float64(s.input.Length()) {
			return goja.Undefined()
		}
		s.compute()
		i := sort.SearchInts(s.bounds, int(n)+1) - 1
		return s.segmentData(vm, i)
	}); err != nil {
		return nil, err
	}
	iterFn := vm.ToValue(func(call goja.FunctionCall) goja.Value {
		s := thisSlots(vm, &segmentsObjs, call.This, "%Segments.prototype%[@@iterator]")
		it := vm.CreateObject(iterProto)
		segIterObjs.set(it, &segmentIteratorSlots{segs: s})
		return it
	}).ToObject(vm)
	setNameLength(vm, iterFn, "[Symbol.iterator]", 0)
	if err := segmentsProto.DefineDataPropertySymbol(goja.SymIterator, iterFn, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
		return nil, err
	}
	return segmentsProto, nil
}

// toIntegerOrInfinity is the specification's operation.
func toIntegerOrInfinity(v goja.Value) float64 {
	f := v.ToFloat()
	if math.IsNaN(f) {
		return 0
	}
	return math.Trunc(f)
}

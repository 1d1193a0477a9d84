package webapi

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf16"
	"weak"

	"github.com/dop251/goja"
	wurl "github.com/nlnwa/whatwg-url/url"
)

// urlParser is the WHATWG URL parser. The library's path percent-encode set
// predates the standard's addition of U+005E (^), which Node encodes.
// It is made on first use.
var urlParser = sync.OnceValue(func() wurl.Parser {
	return wurl.NewParser(wurl.WithPathPercentEncodeSet(wurl.PathPercentEncodeSet.Set(0x5e)))
})

type urlState struct {
	u      *wurl.Url
	params *goja.Object // the URLSearchParams object, made on first use
	sp     *paramsState
}

// parseURL runs the basic URL parser on input against base (nil: none).
func parseURL(input string, base *string) (u *wurl.Url, ok bool) {
	defer func() {
		if recover() != nil { // a fault in the parser is a failure, not a crash
			u, ok = nil, false
		}
	}()
	var b *wurl.Url
	if base != nil {
		var err error
		if b, err = urlParser().Parse(opaquePathSpace(*base)); err != nil {
			return nil, false
		}
	}
	u, err := urlParser().BasicParser(opaquePathSpace(input), b, nil, wurl.NoState)
	if err != nil || u == nil {
		return nil, false
	}
	return u, true
}

// opaquePathSpace applies a 2025 change of the standard that the library
// predates and Node follows: in an opaque path (sc:a b), a space right
// before the query or fragment is percent-encoded (sc:a %20?q), so that
// removing the query or fragment later cannot leave a trailing space.
// It cleans the input as the parser would (trims C0 controls and spaces,
// drops tabs and newlines), finds an opaque path, and encodes that space.
func opaquePathSpace(input string) string {
	s := strings.TrimFunc(input, func(r rune) bool { return r <= 0x20 })
	if strings.ContainsAny(s, "\t\n\r") {
		s = strings.Map(func(r rune) rune {
			if r == '\t' || r == '\n' || r == '\r' {
				return -1
			}
			return r
		}, s)
	}
	colon := strings.IndexByte(s, ':')
	if colon < 1 || !isScheme(s[:colon]) {
		return input
	}
	switch strings.ToLower(s[:colon]) {
	case "http", "https", "ws", "wss", "ftp", "file":
		return input
	}
	rest := s[colon+1:]
	if strings.HasPrefix(rest, "/") {
		return input
	}
	end := strings.IndexAny(rest, "?#")
	if end < 1 || rest[end-1] != ' ' {
		return input
	}
	return s[:colon+1] + rest[:end-1] + "%20" + rest[end:]
}

func isScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return len(s) > 0
}

// origin serialises a URL's origin as the standard defines it.
func origin(u *wurl.Url) string {
	switch u.Scheme() {
	case "http", "https", "ws", "wss", "ftp":
		return u.Protocol() + "//" + u.Host()
	case "blob":
		inner, ok := parseURL(u.Pathname(), nil)
		if ok && (inner.Scheme() == "http" || inner.Scheme() == "https") {
			return origin(inner)
		}
	}
	return "null"
}

// str converts a value to a string as String() would (a Symbol throws).
func (w *web) str(v goja.Value) string {
	return v.ToString().String()
}

func (w *web) invalidURL(input string, base *string) *goja.Object {
	e := w.nodeError(w.typeErrorCtor, "ERR_INVALID_URL", "Invalid URL")
	w.define(e, "input", input)
	if base != nil {
		w.define(e, "base", *base)
	}
	return e
}

func (w *web) missingArgs(names string) *goja.Object {
	return w.nodeError(w.typeErrorCtor, "ERR_MISSING_ARGS", "The "+names+" must be specified")
}

// urlArgs reads (url, base) as the URL constructor, URL.parse and
// URL.canParse do.
func (w *web) urlArgs(call goja.FunctionCall) (string, *string) {
	if len(call.Arguments) == 0 {
		panic(w.missingArgs(`"url" argument`))
	}
	input := w.str(call.Argument(0))
	var base *string
	if b := call.Argument(1); !goja.IsUndefined(b) {
		s := w.str(b)
		base = &s
	}
	return input, base
}

func (w *web) urlStateOf(v goja.Value) *urlState {
	st, ok := w.stateOf(v).(*urlState)
	if !ok {
		panic(w.invalidThis("URL"))
	}
	return st
}

func (w *web) urlClass() *class {
	if w.url != nil {
		return w.url
	}
	vm := w.vm
	var c *class
	c = w.newClass("URL", 1, nil, func(call goja.ConstructorCall) *goja.Object {
		input, base := w.urlArgs(goja.FunctionCall{Arguments: call.Arguments})
		u, ok := parseURL(input, base)
		if !ok {
			panic(w.invalidURL(input, base))
		}
		w.bind(call.This, &urlState{u: u})
		return nil
	})
	w.url = c
	p := c.proto
	str := func(f func(st *urlState) string) func(goja.FunctionCall) goja.Value {
		return func(call goja.FunctionCall) goja.Value { return vm.ToValue(f(w.urlStateOf(call.This))) }
	}
	set := func(f func(st *urlState, v string)) func(goja.FunctionCall) goja.Value {
		return func(call goja.FunctionCall) goja.Value {
			st := w.urlStateOf(call.This)
			f(st, w.str(call.Argument(0)))
			return goja.Undefined()
		}
	}
	href := str(func(st *urlState) string { return st.u.Href(false) })
	w.method(p, "toString", 0, href)
	w.accessor(p, "href", href, set(func(st *urlState, v string) {
		u, ok := parseURL(v, nil)
		if !ok {
			panic(w.invalidURL(v, nil))
		}
		st.u = u
		st.queryChanged()
	}))
	w.accessor(p, "origin", str(func(st *urlState) string { return origin(st.u) }), nil)
	w.accessor(p, "protocol", str(func(st *urlState) string { return st.u.Protocol() }),
		set(func(st *urlState, v string) { st.u.SetProtocol(v) }))
	w.accessor(p, "username", str(func(st *urlState) string { return st.u.Username() }),
		set(func(st *urlState, v string) { st.u.SetUsername(v) }))
	w.accessor(p, "password", str(func(st *urlState) string { return st.u.Password() }),
		set(func(st *urlState, v string) { st.u.SetPassword(v) }))
	w.accessor(p, "host", str(func(st *urlState) string { return st.u.Host() }),
		set(func(st *urlState, v string) { st.u.SetHost(v) }))
	w.accessor(p, "hostname", str(func(st *urlState) string { return st.u.Hostname() }),
		set(func(st *urlState, v string) { st.u.SetHostname(v) }))
	w.accessor(p, "port", str(func(st *urlState) string { return st.u.Port() }),
		set(func(st *urlState, v string) { st.u.SetPort(v) }))
	w.accessor(p, "pathname", str(func(st *urlState) string { return st.u.Pathname() }),
		set(func(st *urlState, v string) { st.u.SetPathname(v) }))
	w.accessor(p, "search", str(func(st *urlState) string { return st.u.Search() }),
		set(func(st *urlState, v string) { st.u.SetSearch(v); st.queryChanged() }))
	w.accessor(p, "searchParams", func(call goja.FunctionCall) goja.Value {
		st := w.urlStateOf(call.This)
		if st.params == nil {
			sc := w.searchParamsClass()
			st.sp = &paramsState{url: weak.Make(call.This.(*goja.Object)), hasURL: true}
			st.sp.list = parseForm(st.u.Query())
			st.params = vm.CreateObject(sc.proto)
			w.bind(st.params, st.sp)
		}
		return st.params
	}, nil)
	w.accessor(p, "hash", str(func(st *urlState) string { return st.u.Hash() }),
		set(func(st *urlState, v string) { st.u.SetHash(v) }))
	w.method(p, "toJSON", 0, href)
	w.customInspect(p, func(call goja.FunctionCall, inspect goja.Callable) goja.Value {
		// Node's URL[inspect.custom]: the components, under the name of
		// the receiver's constructor.
		if d := call.Argument(0); !goja.IsUndefined(d) && !goja.IsNull(d) && d.ToFloat() < 0 {
			return call.This
		}
		this := call.This.(*goja.Object)
		ctor := vm.NewObject()
		_ = ctor.SetPrototype(nil)
		_ = ctor.Set("constructor", c.ctor)
		obj := vm.NewObject()
		_ = obj.SetPrototype(ctor)
		for _, k := range []string{"href", "origin", "protocol", "username", "password", "host", "hostname",
			"port", "pathname", "search", "searchParams", "hash"} {
			_ = obj.DefineDataProperty(k, this.Get(k), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
		}
		s, err := inspect(goja.Undefined(), obj, call.Argument(1))
		if err != nil {
			panic(err)
		}
		return vm.ToValue(ctorName(this, "URL") + " " + s.String())
	})

	w.method(c.ctor, "parse", 1, func(call goja.FunctionCall) goja.Value {
		input, base := w.urlArgs(call)
		u, ok := parseURL(input, base)
		if !ok {
			return goja.Null()
		}
		o := vm.CreateObject(c.proto)
		w.bind(o, &urlState{u: u})
		return o
	})
	w.method(c.ctor, "canParse", 1, func(call goja.FunctionCall) goja.Value {
		input, base := w.urlArgs(call)
		_, ok := parseURL(input, base)
		return vm.ToValue(ok)
	})
	return c
}

// queryChanged brings the URL's URLSearchParams, if any, up to date with
// its query.
func (st *urlState) queryChanged() {
	if st.sp != nil {
		st.sp.list = parseForm(st.u.Query())
	}
}

// ---- URLSearchParams ----

type pair struct{ name, value string }

type paramsState struct {
	list []pair
	// The URL this object belongs to, held weakly: the URL's state holds
	// this object, and a strong pointer back would keep both alive for good.
	url    weak.Pointer[goja.Object]
	hasURL bool
}

// update writes the list back to the URL it belongs to, if that URL is
// still alive (if not, nobody can see its query).
func (w *web) update(sp *paramsState) {
	if !sp.hasURL {
		return
	}
	if st, ok := w.stateOf(sp.url.Value()).(*urlState); ok {
		st.u.SetSearch(serializeForm(sp.list))
	}
}

func (w *web) paramsOf(v goja.Value) *paramsState {
	st, ok := w.stateOf(v).(*paramsState)
	if !ok {
		panic(w.invalidThis("URLSearchParams"))
	}
	return st
}

func (w *web) searchParamsClass() *class {
	if w.searchParams != nil {
		return w.searchParams
	}
	vm := w.vm
	c := w.newClass("URLSearchParams", 0, nil, func(call goja.ConstructorCall) *goja.Object {
		sp := &paramsState{}
		sp.list = w.paramsInit(call.Argument(0))
		w.bind(call.This, sp)
		return nil
	})
	w.searchParams = c
	p := c.proto
	args := func(call goja.FunctionCall, n int, names string) {
		if len(call.Arguments) < n {
			panic(w.missingArgs(names))
		}
	}
	w.method(p, "append", 2, func(call goja.FunctionCall) goja.Value {
		sp := w.paramsOf(call.This)
		args(call, 2, `"name" and "value" arguments`)
		sp.list = append(sp.list, pair{w.str(call.Argument(0)), w.str(call.Argument(1))})
		w.update(sp)
		return goja.Undefined()
	})
	w.method(p, "delete", 1, func(call goja.FunctionCall) goja.Value {
		sp := w.paramsOf(call.This)
		args(call, 1, `"name" argument`)
		name := w.str(call.Argument(0))
		if v := call.Argument(1); !goja.IsUndefined(v) {
			value := w.str(v)
			sp.list = slices.DeleteFunc(sp.list, func(p pair) bool { return p.name == name && p.value == value })
		} else {
			sp.list = slices.DeleteFunc(sp.list, func(p pair) bool { return p.name == name })
		}
		w.update(sp)
		return goja.Undefined()
	})
	w.method(p, "get", 1, func(call goja.FunctionCall) goja.Value {
		sp := w.paramsOf(call.This)
		args(call, 1, `"name" argument`)
		name := w.str(call.Argument(0))
		for _, p := range sp.list {
			if p.name == name {
				return vm.ToValue(p.value)
			}
		}
		return goja.Null()
	})
	w.method(p, "getAll", 1, func(call goja.FunctionCall) goja.Value {
		sp := w.paramsOf(call.This)
		args(call, 1, `"name" argument`)
		name := w.str(call.Argument(0))
		var out []any
		for _, p := range sp.list {
			if p.name == name {
				out = append(out, p.value)
			}
		}
		return vm.NewArray(out...)
	})
	w.method(p, "has", 1, func(call goja.FunctionCall) goja.Value {
		sp := w.paramsOf(call.This)
		args(call, 1, `"name" argument`)
		name := w.str(call.Argument(0))
		hasValue := !goja.IsUndefined(call.Argument(1))
		var value string
		if hasValue {
			value = w.str(call.Argument(1))
		}
		for _, p := range sp.list {
			if p.name == name && (!hasValue || p.value == value) {
				return vm.ToValue(true)
			}
		}
		return vm.ToValue(false)
	})
	w.method(p, "set", 2, func(call goja.FunctionCall) goja.Value {
		sp := w.paramsOf(call.This)
		args(call, 2, `"name" and "value" arguments`)
		name, value := w.str(call.Argument(0)), w.str(call.Argument(1))
		found := false
		out := sp.list[:0]
		for _, p := range sp.list {
			if p.name == name {
				if found {
					continue
				}
				found = true
				p.value = value
			}
			out = append(out, p)
		}
		if !found {
			out = append(out, pair{name, value})
		}
		if len(out) < len(sp.list) {
			clear(sp.list[len(out):])
		}
		sp.list = out
		w.update(sp)
		return goja.Undefined()
	})
	w.method(p, "sort", 0, func(call goja.FunctionCall) goja.Value {
		sp := w.paramsOf(call.This)
		slices.SortStableFunc(sp.list, func(a, b pair) int { return compareUTF16(a.name, b.name) })
		w.update(sp)
		return goja.Undefined()
	})
	w.method(p, "forEach", 1, func(call goja.FunctionCall) goja.Value {
		sp := w.paramsOf(call.This)
		cb, ok := goja.AssertFunction(call.Argument(0))
		if !ok {
			panic(w.nodeError(w.typeErrorCtor, "ERR_INVALID_ARG_TYPE",
				`The "callback" argument must be of type function. Received `+describeReceived(call.Argument(0))))
		}
		for i := 0; i < len(sp.list); i++ { // live: the callback may change the list
			p := sp.list[i]
			if _, err := cb(call.Argument(1), vm.ToValue(p.value), vm.ToValue(p.name), call.This); err != nil {
				panic(err)
			}
		}
		return goja.Undefined()
	})
	iter := func(kind int) func(goja.FunctionCall) goja.Value {
		return func(call goja.FunctionCall) goja.Value {
			sp := w.paramsOf(call.This)
			o := vm.CreateObject(w.paramsIterClass().proto)
			w.bind(o, &paramsIter{sp: sp, kind: kind})
			return o
		}
	}
	entries := w.fn("entries", 0, iter(iterEntries))
	must(p.DefineDataProperty("entries", entries, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE))
	w.method(p, "keys", 0, iter(iterKeys))
	w.method(p, "values", 0, iter(iterValues))
	must(p.DefineDataPropertySymbol(goja.SymIterator, entries, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE))
	w.method(p, "toString", 0, func(call goja.FunctionCall) goja.Value {
		return vm.ToValue(serializeForm(w.paramsOf(call.This).list))
	})
	w.accessor(p, "size", func(call goja.FunctionCall) goja.Value {
		return vm.ToValue(len(w.paramsOf(call.This).list))
	}, nil)
	w.customInspect(p, func(call goja.FunctionCall, inspect goja.Callable) goja.Value {
		// Node's URLSearchParams[inspect.custom]: 'name' => 'value' pairs,
		// on one line unless they pass breakLength.
		sp := w.paramsOf(call.This)
		opts := vm.NewObject()
		if o, ok := call.Argument(1).(*goja.Object); ok {
			for _, k := range o.Keys() {
				_ = opts.Set(k, o.Get(k))
			}
		}
		if d := call.Argument(0); !goja.IsUndefined(d) && !goja.IsNull(d) {
			_ = opts.Set("depth", d.ToFloat()-1)
		}
		one := func(v string) string {
			s, err := inspect(goja.Undefined(), vm.ToValue(v), opts)
			if err != nil {
				panic(err)
			}
			return s.String()
		}
		name := ctorName(call.This.(*goja.Object), "URLSearchParams")
		if len(sp.list) == 0 {
			return vm.ToValue(name + " {}")
		}
		out := make([]string, len(sp.list))
		length := -2
		for i, pr := range sp.list {
			out[i] = one(pr.name) + " => " + one(pr.value)
			length += len([]rune(out[i])) + 2
		}
		breakLength := 80.0
		if o, ok := call.Argument(1).(*goja.Object); ok {
			if b := o.Get("breakLength"); b != nil && !goja.IsUndefined(b) {
				breakLength = b.ToFloat()
			}
		}
		if float64(length) > breakLength {
			return vm.ToValue(name + " {\n  " + strings.Join(out, ",\n  ") + " }")
		}
		return vm.ToValue(name + " { " + strings.Join(out, ", ") + " }")
	})
	return c
}

// paramsInit reads URLSearchParams's init argument: a sequence of pairs, a
// record, or a string.
func (w *web) paramsInit(init goja.Value) []pair {
	if goja.IsUndefined(init) {
		return nil
	}
	if o, ok := init.(*goja.Object); ok {
		if sp, ok := w.stateOf(o).(*paramsState); ok {
			return slices.Clone(sp.list)
		}
		if m := o.GetSymbol(goja.SymIterator); m != nil && !goja.IsUndefined(m) && !goja.IsNull(m) {
			if _, ok := goja.AssertFunction(m); !ok {
				panic(w.nodeError(w.typeErrorCtor, "ERR_ARG_NOT_ITERABL", "Query pairs must be iterable"))
			}
			var list []pair
			w.vm.ForOf(o, func(item goja.Value) bool {
				io, ok := item.(*goja.Object)
				if !ok {
					panic(w.invalidTuple())
				}
				var kv []string
				w.vm.ForOf(io, func(v goja.Value) bool {
					kv = append(kv, w.str(v))
					return len(kv) <= 2
				})
				if len(kv) != 2 {
					panic(w.invalidTuple())
				}
				list = append(list, pair{kv[0], kv[1]})
				return true
			})
			return list
		}
		var list []pair
		for _, k := range o.Keys() {
			list = append(list, pair{toUSV(k), w.str(o.Get(k))})
		}
		return list
	}
	s := w.str(init)
	return parseForm(strings.TrimPrefix(s, "?"))
}

func (w *web) invalidTuple() *goja.Object {
	return w.nodeError(w.typeErrorCtor, "ERR_INVALID_TUPLE", "Each query pair must be an iterable [name, value] tuple")
}

// toUSV replaces lone surrogates (which goja keeps in Go strings as WTF-8
// or U+FFFD) with U+FFFD.
func toUSV(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }

// describeReceived renders a value for Node's ERR_INVALID_ARG_TYPE messages.
func describeReceived(v goja.Value) string {
	switch {
	case goja.IsUndefined(v):
		return "undefined"
	case goja.IsNull(v):
		return "null"
	}
	if _, ok := v.(*goja.Object); ok {
		if _, ok := goja.AssertFunction(v); ok {
			return "function"
		}
		return "an instance of Object"
	}
	switch v.ExportType().Kind().String() {
	case "string":
		return fmt.Sprintf("type string ('%s')", v.String())
	case "bool":
		return "type boolean (" + v.String() + ")"
	case "int64", "float64":
		return "type number (" + v.String() + ")"
	}
	return "type " + v.ExportType().String()
}

const (
	iterEntries = iota
	iterKeys
	iterValues
)

type paramsIter struct {
	sp    *paramsState
	kind  int
	index int
	done  bool
}

func (w *web) paramsIterClass() *class {
	if w.searchParamsIter != nil {
		return w.searchParamsIter
	}
	vm := w.vm
	proto := vm.CreateObject(w.iteratorPrototype())
	w.method(proto, "next", 0, func(call goja.FunctionCall) goja.Value {
		it, ok := w.stateOf(call.This).(*paramsIter)
		if !ok {
			panic(w.invalidThis("URLSearchParamsIterator"))
		}
		if it.done || it.index >= len(it.sp.list) {
			it.done = true
			return w.object("value", goja.Undefined(), "done", true)
		}
		p := it.sp.list[it.index]
		it.index++
		var v goja.Value
		switch it.kind {
		case iterKeys:
			v = vm.ToValue(p.name)
		case iterValues:
			v = vm.ToValue(p.value)
		default:
			v = vm.NewArray(p.name, p.value)
		}
		return w.object("value", v, "done", false)
	})
	must(proto.DefineDataPropertySymbol(goja.SymToStringTag, vm.ToValue("URLSearchParams Iterator"), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE))
	w.searchParamsIter = &class{proto: proto}
	return w.searchParamsIter
}

// parseForm is the application/x-www-form-urlencoded parser.
func parseForm(s string) []pair {
	var list []pair
	for _, seq := range strings.Split(s, "&") {
		if seq == "" {
			continue
		}
		name, value, _ := strings.Cut(seq, "=")
		list = append(list, pair{formDecode(name), formDecode(value)})
	}
	return list
}

func formDecode(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '+':
			b = append(b, ' ')
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b = append(b, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
		default:
			b = append(b, c)
		}
	}
	return decodeUTF8(b)
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// serializeForm is the application/x-www-form-urlencoded serializer.
func serializeForm(list []pair) string {
	var b strings.Builder
	for i, p := range list {
		if i > 0 {
			b.WriteByte('&')
		}
		formEncode(&b, p.name)
		b.WriteByte('=')
		formEncode(&b, p.value)
	}
	return b.String()
}

func formEncode(b *strings.Builder, s string) {
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			c == '*' || c == '-' || c == '.' || c == '_':
			b.WriteByte(c)
		case c == ' ':
			b.WriteByte('+')
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
}

// compareUTF16 orders strings by their UTF-16 code units, as JavaScript
// does.
func compareUTF16(a, b string) int {
	if a == b {
		return 0
	}
	return slices.Compare(utf16.Encode([]rune(a)), utf16.Encode([]rune(b)))
}

package modules

import (
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha3"
	"crypto/sha512"
	"crypto/subtle"
	"hash"
	mathrand "math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/dop251/goja"
)

// The random generator of crypto: ChaCha8 seeded from the system when the
// process starts, before the runner locks itself down (getrandom is not in
// its system call allowlist).
var (
	rngMu sync.Mutex
	rng   *mathrand.ChaCha8
)

func init() {
	rng = mathrand.NewChaCha8(systemSeed())
}

// hashTable maps each name Node accepts (lower case) for the algorithms
// Go's standard library has to the algorithm, and lists the names as
// getHashes reports them (sorted by byte, as OpenSSL's list). Made on first
// use: nothing at process start.
var hashTable = sync.OnceValues(func() (map[string]func() hash.Hash, []string) {
	algs := []struct {
		new   func() hash.Hash
		names []string
	}{
		{md5.New, []string{"RSA-MD5", "md5", "md5WithRSAEncryption", "ssl3-md5"}},
		{sha1.New, []string{"RSA-SHA1", "RSA-SHA1-2", "sha-1", "sha1", "sha1WithRSAEncryption", "ssl3-sha1"}},
		{sha256.New224, []string{"RSA-SHA224", "sha-224", "sha2-224", "sha224", "sha224WithRSAEncryption"}},
		{sha256.New, []string{"RSA-SHA256", "sha-256", "sha2-256", "sha256", "sha256WithRSAEncryption"}},
		{sha512.New384, []string{"RSA-SHA384", "sha-384", "sha2-384", "sha384", "sha384WithRSAEncryption"}},
		{sha512.New, []string{"RSA-SHA512", "sha-512", "sha2-512", "sha512", "sha512WithRSAEncryption"}},
		{sha512.New512_224, []string{"RSA-SHA512/224", "sha-512/224", "sha2-512/224", "sha512-224", "sha512-224WithRSAEncryption"}},
		{sha512.New512_256, []string{"RSA-SHA512/256", "sha-512/256", "sha2-512/256", "sha512-256", "sha512-256WithRSAEncryption"}},
		{func() hash.Hash { return sha3.New224() }, []string{"RSA-SHA3-224", "id-rsassa-pkcs1-v1_5-with-sha3-224", "sha3-224"}},
		{func() hash.Hash { return sha3.New256() }, []string{"RSA-SHA3-256", "id-rsassa-pkcs1-v1_5-with-sha3-256", "sha3-256"}},
		{func() hash.Hash { return sha3.New384() }, []string{"RSA-SHA3-384", "id-rsassa-pkcs1-v1_5-with-sha3-384", "sha3-384"}},
		{func() hash.Hash { return sha3.New512() }, []string{"RSA-SHA3-512", "id-rsassa-pkcs1-v1_5-with-sha3-512", "sha3-512"}},
	}
	byName := map[string]func() hash.Hash{}
	var names []string
	for _, a := range algs {
		for _, n := range a.names {
			byName[strings.ToLower(n)] = a.new
			names = append(names, n)
		}
	}
	slices.Sort(names)
	return byName, names
})

var (
	typePromise = reflect.TypeOf((*goja.Promise)(nil))
	typeProxy   = reflect.TypeOf(goja.Proxy{})
)

// installNatives puts on host the functions the bundles call. Each is pure:
// nothing reachable from them touches the host system.
func (l *loader) installNatives(host *goja.Object) {
	vm := l.vm
	set := func(name string, fn func(goja.FunctionCall) goja.Value) {
		_ = host.DefineDataProperty(name, vm.ToValue(fn), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
	}
	// inspector(): the runtime's inspector (SetInspector), or an error.
	set("inspector", func(goja.FunctionCall) goja.Value {
		if l.inspector == nil {
			panic(l.newError(l.errorCtor, "modules: this runtime has no inspector for util (Loader.SetInspector)"))
		}
		v, err := l.inspector()
		if err != nil {
			panic(err)
		}
		return v
	})
	// classOf(v): the engine's class of an object ("" for a primitive, and
	// "Proxy" for a proxy, which has none of its target's internal slots).
	// By type, never by exporting: exporting copies an array.
	set("classOf", func(c goja.FunctionCall) goja.Value {
		o, ok := c.Argument(0).(*goja.Object)
		if !ok {
			return vm.ToValue("")
		}
		switch o.ExportType() {
		case typePromise:
			return vm.ToValue("Promise")
		case typeProxy:
			return vm.ToValue("Proxy")
		}
		return vm.ToValue(o.ClassName())
	})
	// proxyDetails(v, both): undefined for a non-proxy, else [target,
	// handler] (both) or the target.
	set("proxyDetails", func(c goja.FunctionCall) goja.Value {
		o, ok := c.Argument(0).(*goja.Object)
		if !ok || o.ExportType() != typeProxy {
			return goja.Undefined()
		}
		p, ok := o.Export().(goja.Proxy)
		if !ok {
			return goja.Undefined()
		}
		target, handler := goja.Value(goja.Null()), goja.Value(goja.Null())
		if t := p.Target(); t != nil {
			target = t
		}
		if h := p.Handler(); h != nil {
			handler = h
		}
		if c.Argument(1).ToBoolean() {
			return vm.NewArray(target, handler)
		}
		return target
	})
	l.installBufferNatives(set)
	set("isUtf8", func(c goja.FunctionCall) goja.Value {
		return vm.ToValue(utf8.Valid(l.bytes(c.Argument(0))))
	})
	set("utf8Bytes", func(c goja.FunctionCall) goja.Value {
		b := []byte(c.Argument(0).String())
		out := make([]any, len(b))
		for i, x := range b {
			out[i] = int(x)
		}
		return vm.NewArray(out...)
	})
	set("hashNew", func(c goja.FunctionCall) goja.Value {
		byName, _ := hashTable()
		newHash, ok := byName[strings.ToLower(c.Argument(0).String())]
		if !ok {
			return goja.Null()
		}
		return l.hashObject(newHash())
	})
	set("hmacNew", func(c goja.FunctionCall) goja.Value {
		byName, _ := hashTable()
		newHash, ok := byName[strings.ToLower(c.Argument(0).String())]
		if !ok {
			return goja.Null()
		}
		return l.hashObject(hmac.New(newHash, l.bytes(c.Argument(1))))
	})
	set("hashNames", func(goja.FunctionCall) goja.Value {
		_, names := hashTable()
		out := make([]any, len(names))
		for i, n := range names {
			out[i] = n
		}
		return vm.NewArray(out...)
	})
	set("randomFill", func(c goja.FunctionCall) goja.Value {
		b := l.bytes(c.Argument(0))
		rngMu.Lock()
		_, _ = rng.Read(b)
		rngMu.Unlock()
		return goja.Undefined()
	})
	// randomBelow(n): a uniform integer in [0, n), n at most 2^48.
	set("randomBelow", func(c goja.FunctionCall) goja.Value {
		n := uint64(c.Argument(0).ToInteger())
		rngMu.Lock()
		v := mathrand.New(rng).Uint64N(n)
		rngMu.Unlock()
		return vm.ToValue(int64(v))
	})
	set("timingSafeEqual", func(c goja.FunctionCall) goja.Value {
		return vm.ToValue(subtle.ConstantTimeCompare(l.bytes(c.Argument(0)), l.bytes(c.Argument(1))) == 1)
	})
}

// bytes is the memory of a Uint8Array or ArrayBuffer (shared, not copied).
func (l *loader) bytes(v goja.Value) []byte {
	switch x := v.Export().(type) {
	case []byte:
		return x
	case goja.ArrayBuffer:
		return x.Bytes()
	}
	panic(l.vm.NewTypeError("expected a Uint8Array"))
}

// hashObject wraps h for crypto's Hash and Hmac: update(bytes), sum() →
// ArrayBuffer, copy().
func (l *loader) hashObject(h hash.Hash) goja.Value {
	vm := l.vm
	o := l.nullObject()
	def := func(name string, fn func(goja.FunctionCall) goja.Value) {
		_ = o.DefineDataProperty(name, vm.ToValue(fn), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
	}
	def("update", func(c goja.FunctionCall) goja.Value {
		h.Write(l.bytes(c.Argument(0)))
		return goja.Undefined()
	})
	def("sum", func(goja.FunctionCall) goja.Value {
		return vm.ToValue(vm.NewArrayBuffer(h.Sum(nil)))
	})
	def("copy", func(goja.FunctionCall) goja.Value {
		c, ok := cloneHash(h)
		if !ok {
			panic(vm.NewTypeError("this hash cannot be copied"))
		}
		return l.hashObject(c)
	})
	return o
}

// cloneHash copies a hash's state (the standard hashes implement
// encoding.BinaryMarshaler, or hash.Cloner from Go 1.25).
func cloneHash(h hash.Hash) (hash.Hash, bool) {
	if c, ok := h.(hash.Cloner); ok {
		d, err := c.Clone()
		return d, err == nil
	}
	return nil, false
}

// decodeUTF8 decodes b as the WHATWG Encoding standard's UTF-8 decoder does:
// each maximal subpart of an ill-formed sequence becomes one U+FFFD.
func decodeUTF8(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	var sb strings.Builder
	sb.Grow(len(b) + 8)
	for i := 0; i < len(b); {
		c := b[i]
		if c < 0x80 {
			sb.WriteByte(c)
			i++
			continue
		}
		need, lo, hi := 0, byte(0x80), byte(0xBF)
		switch {
		case c >= 0xC2 && c <= 0xDF:
			need = 1
		case c >= 0xE0 && c <= 0xEF:
			need = 2
			if c == 0xE0 {
				lo = 0xA0
			} else if c == 0xED {
				hi = 0x9F
			}
		case c >= 0xF0 && c <= 0xF4:
			need = 3
			if c == 0xF0 {
				lo = 0x90
			} else if c == 0xF4 {
				hi = 0x8F
			}
		default:
			sb.WriteRune(utf8.RuneError)
			i++
			continue
		}
		j := i + 1
		ok := true
		for k := 0; k < need; k++ {
			if j >= len(b) || b[j] < lo || b[j] > hi {
				ok = false
				break
			}
			lo, hi = 0x80, 0xBF
			j++
		}
		if !ok {
			sb.WriteRune(utf8.RuneError)
			i = j
			continue
		}
		sb.Write(b[i:j])
		i = j
	}
	return sb.String()
}

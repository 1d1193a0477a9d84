package webapi

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/binary"
	"fmt"
	"hash"
	"strings"

	"github.com/dop251/goja"
)

// maxRandomBytes is getRandomValues's quota, as in the Web Crypto standard.
const maxRandomBytes = 65536

type cryptoState struct{}
type subtleState struct{}

// crypto builds globalThis.crypto: randomUUID, getRandomValues, and
// crypto.subtle with digest (and HMAC keys), over a ChaCha8 CSPRNG seeded
// from the kernel at Install.
func (w *web) crypto() *goja.Object {
	if w.cryptoObj != nil {
		return w.cryptoObj
	}
	vm := w.vm
	proto := vm.CreateObject(w.objectProto)
	must(proto.DefineDataPropertySymbol(goja.SymToStringTag, vm.ToValue("Crypto"), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE))
	check := func(v goja.Value) {
		if _, ok := w.stateOf(v).(*cryptoState); !ok {
			panic(w.invalidThis("Crypto"))
		}
	}
	w.method(proto, "getRandomValues", 1, func(call goja.FunctionCall) goja.Value {
		check(call.This)
		o, ok := call.Argument(0).(*goja.Object)
		if ok {
			if isTyped, integers := typedArray(o); !isTyped || !integers {
				ok = false
			}
		}
		if !ok {
			panic(w.newDOMException(nil, "TypeMismatchError", "The data argument must be an integer-type TypedArray", nil))
		}
		b, _ := w.bytesOf(o, false)
		if len(b) > maxRandomBytes {
			panic(w.newDOMException(nil, "QuotaExceededError", "The requested length exceeds 65,536 bytes", nil))
		}
		w.randomBytes(b)
		return o
	})
	w.method(proto, "randomUUID", 0, func(call goja.FunctionCall) goja.Value {
		check(call.This)
		var b [16]byte
		w.randomBytes(b[:])
		b[6] = b[6]&0x0f | 0x40 // version 4
		b[8] = b[8]&0x3f | 0x80 // variant 10
		return vm.ToValue(fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16]))
	})
	w.accessor(proto, "subtle", func(call goja.FunctionCall) goja.Value {
		check(call.This)
		return w.subtleCrypto()
	}, nil)
	c := vm.CreateObject(proto)
	w.bind(c, &cryptoState{})
	w.cryptoObj = c
	return c
}

func (w *web) randomBytes(b []byte) {
	for len(b) >= 8 {
		binary.LittleEndian.PutUint64(b, w.rng.Uint64())
		b = b[8:]
	}
	if len(b) > 0 {
		var last [8]byte
		binary.LittleEndian.PutUint64(last[:], w.rng.Uint64())
		copy(b, last[:])
	}
}

// hashes returns the digest crypto.subtle knows by a normalized name, or
// nil.
func hashes(name string) func() hash.Hash {
	switch name {
	case "SHA-1":
		return sha1.New
	case "SHA-256":
		return sha256.New
	case "SHA-384":
		return sha512.New384
	case "SHA-512":
		return sha512.New
	}
	return nil
}

// cryptoKey is an HMAC secret key made by importKey or generateKey.
type cryptoKey struct {
	hash        string
	secret      []byte
	extractable bool
	usages      []string
}

func (w *web) subtleCrypto() *goja.Object {
	if w.subtle != nil {
		return w.subtle
	}
	vm := w.vm
	proto := vm.CreateObject(w.objectProto)
	must(proto.DefineDataPropertySymbol(goja.SymToStringTag, vm.ToValue("SubtleCrypto"), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE))
	// promised runs f and returns a promise of its result, or of its
	// exception: SubtleCrypto's methods never throw synchronously.
	promised := func(name string, f func(call goja.FunctionCall) goja.Value) func(goja.FunctionCall) goja.Value {
		return func(call goja.FunctionCall) goja.Value {
			p, resolve, reject := vm.NewPromise()
			var result goja.Value
			if ex := vm.Try(func() {
				if _, ok := w.stateOf(call.This).(*subtleState); !ok {
					panic(w.invalidThis("SubtleCrypto"))
				}
				result = f(call)
			}); ex != nil {
				must(reject(ex.Value()))
			} else {
				must(resolve(result))
			}
			return vm.ToValue(p)
		}
	}
	w.method(proto, "digest", 2, promised("digest", func(call goja.FunctionCall) goja.Value {
		alg := w.hashName(call.Argument(0))
		data, ok := w.bytesOf(call.Argument(1), false)
		if !ok {
			panic(w.bufferSourceError("digest", "2nd"))
		}
		h := hashes(alg)()
		h.Write(data)
		return vm.ToValue(vm.NewArrayBuffer(h.Sum(nil)))
	}))
	w.method(proto, "importKey", 5, promised("importKey", func(call goja.FunctionCall) goja.Value {
		if f := w.str(call.Argument(0)); f != "raw" {
			panic(w.notSupported("importKey: the " + f + " key format"))
		}
		data, ok := w.bytesOf(call.Argument(1), false)
		if !ok {
			panic(w.bufferSourceError("importKey", "2nd"))
		}
		hashAlg := w.hmacParams(call.Argument(2))
		if len(data) == 0 {
			panic(w.newDOMException(nil, "DataError", "Zero-length key is not supported", nil))
		}
		return w.newCryptoKey(&cryptoKey{hash: hashAlg, secret: append([]byte(nil), data...),
			extractable: call.Argument(3).ToBoolean(), usages: w.usages(call.Argument(4))})
	}))
	w.method(proto, "sign", 3, promised("sign", func(call goja.FunctionCall) goja.Value {
		k := w.hmacKey(call.Argument(0), call.Argument(1), "sign")
		data, ok := w.bytesOf(call.Argument(2), false)
		if !ok {
			panic(w.bufferSourceError("sign", "3rd"))
		}
		m := hmac.New(hashes(k.hash), k.secret)
		m.Write(data)
		return vm.ToValue(vm.NewArrayBuffer(m.Sum(nil)))
	}))
	w.method(proto, "verify", 4, promised("verify", func(call goja.FunctionCall) goja.Value {
		k := w.hmacKey(call.Argument(0), call.Argument(1), "verify")
		sig, ok := w.bytesOf(call.Argument(2), false)
		if !ok {
			panic(w.bufferSourceError("verify", "3rd"))
		}
		data, ok := w.bytesOf(call.Argument(3), false)
		if !ok {
			panic(w.bufferSourceError("verify", "4th"))
		}
		m := hmac.New(hashes(k.hash), k.secret)
		m.Write(data)
		return vm.ToValue(hmac.Equal(m.Sum(nil), sig))
	}))
	w.method(proto, "exportKey", 2, promised("exportKey", func(call goja.FunctionCall) goja.Value {
		k, ok := w.stateOf(call.Argument(1)).(*cryptoKey)
		if !ok {
			panic(w.typeError("The \"key\" argument must be an instance of CryptoKey."))
		}
		if f := w.str(call.Argument(0)); f != "raw" {
			panic(w.notSupported("exportKey: the " + f + " key format"))
		}
		if !k.extractable {
			panic(w.newDOMException(nil, "InvalidAccessError", "key is not extractable", nil))
		}
		return vm.ToValue(vm.NewArrayBuffer(append([]byte(nil), k.secret...)))
	}))
	w.method(proto, "generateKey", 3, promised("generateKey", func(call goja.FunctionCall) goja.Value {
		alg := call.Argument(0)
		if !strings.EqualFold(w.algorithmName(alg), "HMAC") {
			panic(w.notSupported("generateKey: algorithms other than HMAC"))
		}
		o := alg.(*goja.Object) // algorithmName accepted a string "HMAC": no hash
		h := o.Get("hash")
		if h == nil || goja.IsUndefined(h) {
			panic(w.nodeError(w.typeErrorCtor, "ERR_MISSING_OPTION", "HmacKeyGenParams: hash: Missing required property"))
		}
		hashAlg := w.hashName(h)
		bits := hashes(hashAlg)().BlockSize() * 8 // the standard's default: the hash's block size
		if l := o.Get("length"); l != nil && !goja.IsUndefined(l) {
			if bits = int(l.ToInteger()); bits <= 0 || bits%8 != 0 {
				panic(w.notSupported("generateKey: an HMAC length that is not a positive multiple of 8"))
			}
		}
		usages := w.usages(call.Argument(2))
		secret := make([]byte, bits/8)
		w.randomBytes(secret)
		return w.newCryptoKey(&cryptoKey{hash: hashAlg, secret: secret, extractable: call.Argument(1).ToBoolean(), usages: usages})
	}))
	for _, m := range []struct {
		name   string
		length int
	}{
		{"encrypt", 3}, {"decrypt", 3}, {"deriveKey", 5},
		{"deriveBits", 3}, {"wrapKey", 4}, {"unwrapKey", 7},
	} {
		name := m.name
		w.method(proto, name, m.length, promised(name, func(call goja.FunctionCall) goja.Value {
			panic(w.notSupported("crypto.subtle." + name))
		}))
	}
	s := vm.CreateObject(proto)
	w.bind(s, &subtleState{})
	w.subtle = s
	return s
}

func (w *web) notSupported(what string) *goja.Object {
	return w.newDOMException(nil, "NotSupportedError", what+" is not supported in this sandbox", nil)
}

func (w *web) bufferSourceError(method, nth string) *goja.Object {
	return w.nodeError(w.typeErrorCtor, "ERR_INVALID_ARG_TYPE",
		"Failed to execute '"+method+"' on 'SubtleCrypto': "+nth+" argument is not instance of ArrayBuffer, Buffer, TypedArray, or DataView.")
}

// algorithmName reads an AlgorithmIdentifier: a string or {name}.
func (w *web) algorithmName(v goja.Value) string {
	if o, ok := v.(*goja.Object); ok {
		n := o.Get("name")
		if n == nil || goja.IsUndefined(n) {
			panic(w.nodeError(w.typeErrorCtor, "ERR_MISSING_OPTION", "Algorithm: name: Missing required property"))
		}
		return w.str(n)
	}
	return w.str(v)
}

// hashName normalizes a digest algorithm's name (case-insensitive).
func (w *web) hashName(v goja.Value) string {
	name := strings.ToUpper(w.algorithmName(v))
	if hashes(name) == nil {
		panic(w.newDOMException(nil, "NotSupportedError", "Unrecognized algorithm name", nil))
	}
	return name
}

// hmacParams reads HmacImportParams ({name: "HMAC", hash}) and returns the
// hash's name.
func (w *web) hmacParams(v goja.Value) string {
	if !strings.EqualFold(w.algorithmName(v), "HMAC") {
		panic(w.notSupported("importKey: algorithms other than HMAC"))
	}
	o := v.(*goja.Object) // algorithmName accepted a string "HMAC": no hash
	h := o.Get("hash")
	if h == nil || goja.IsUndefined(h) {
		panic(w.nodeError(w.typeErrorCtor, "ERR_MISSING_OPTION", "HmacImportParams: hash: Missing required property"))
	}
	if o.Get("length") != nil && !goja.IsUndefined(o.Get("length")) {
		panic(w.notSupported("importKey: an HMAC length"))
	}
	return w.hashName(h)
}

func (w *web) usages(v goja.Value) []string {
	var out []string
	if o, ok := v.(*goja.Object); ok {
		w.vm.ForOf(o, func(u goja.Value) bool {
			out = append(out, w.str(u))
			return true
		})
	}
	for _, u := range out {
		if u != "sign" && u != "verify" {
			panic(w.newDOMException(nil, "SyntaxError", "Unsupported key usage for an HMAC key", nil))
		}
	}
	if len(out) == 0 {
		panic(w.newDOMException(nil, "SyntaxError", "Usages cannot be empty when creating a key.", nil))
	}
	return out
}

// hmacKey checks sign/verify's algorithm and key.
func (w *web) hmacKey(alg, key goja.Value, usage string) *cryptoKey {
	if !strings.EqualFold(w.algorithmName(alg), "HMAC") {
		panic(w.notSupported(usage + ": algorithms other than HMAC"))
	}
	k, ok := w.stateOf(key).(*cryptoKey)
	if !ok {
		panic(w.typeError(`The "key" argument must be an instance of CryptoKey.`))
	}
	for _, u := range k.usages {
		if u == usage {
			return k
		}
	}
	panic(w.newDOMException(nil, "InvalidAccessError", "Unable to use this key to "+usage, nil))
}

func (w *web) newCryptoKey(k *cryptoKey) *goja.Object {
	vm := w.vm
	proto := vm.CreateObject(w.objectProto)
	must(proto.DefineDataPropertySymbol(goja.SymToStringTag, vm.ToValue("CryptoKey"), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE))
	o := vm.CreateObject(proto)
	w.define(o, "type", "secret")
	w.define(o, "extractable", k.extractable)
	w.define(o, "algorithm", w.object("name", "HMAC", "length", len(k.secret)*8, "hash", w.object("name", k.hash)))
	us := make([]any, len(k.usages))
	for i, u := range k.usages {
		us[i] = u
	}
	w.define(o, "usages", vm.NewArray(us...))
	w.bind(o, k)
	return o
}

package goja

// Prototypes of built-ins that no global property reaches, for embedders
// that capture the intrinsics before running untrusted code (without
// compiling a script such as "Object.getPrototypeOf(async function () {})").
// Each is made on first use, as goja makes its built-ins.

// AsyncFunctionPrototype returns %AsyncFunction.prototype%, the prototype of
// async functions.
func (r *Runtime) AsyncFunctionPrototype() *Object { return r.getAsyncFunctionPrototype() }

// GeneratorFunctionPrototype returns %GeneratorFunction.prototype%, the
// prototype of generator functions.
func (r *Runtime) GeneratorFunctionPrototype() *Object { return r.getGeneratorFunctionPrototype() }

// MapIteratorPrototype returns %MapIteratorPrototype%, the prototype of the
// iterators Map's entries, keys and values return.
func (r *Runtime) MapIteratorPrototype() *Object { return r.getMapIteratorPrototype() }

// SetIteratorPrototype returns %SetIteratorPrototype%, the prototype of the
// iterators Set's entries and values return.
func (r *Runtime) SetIteratorPrototype() *Object { return r.getSetIteratorPrototype() }

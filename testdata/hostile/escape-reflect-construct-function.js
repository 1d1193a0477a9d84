// expect: blocked
// Reflect.construct with the Function constructor.
return Reflect.construct(Function, ['return globalThis'])();

return Reflect.construct(Function, ['return 42'])();

const f = () => 1;
return Reflect.construct(f.constructor, ['return 42'])();

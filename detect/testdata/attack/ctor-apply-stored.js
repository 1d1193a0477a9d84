const pick = (x) => x;
const C = pick(() => 1).constructor;
return C.apply(null, ['return 42'])();

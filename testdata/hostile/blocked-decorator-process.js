// expect: blocked
// process reached from a decorator (lowered by esbuild before validation).
const steal = (value, ctx) => { ctx.addInitializer(() => process.exit(0)); return value; };
@steal class A {}
return new A();

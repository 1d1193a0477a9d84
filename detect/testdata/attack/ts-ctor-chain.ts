const fn: () => number = () => 1;
const C = (fn as any).constructor as (code: string) => () => number;
return C('return 42')();

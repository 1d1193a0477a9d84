// expect: error
// An error thrown from TypeScript is reported at its position in the
// TypeScript.
interface P { name: string }
const p: P | undefined = undefined;
return (p as any).name;

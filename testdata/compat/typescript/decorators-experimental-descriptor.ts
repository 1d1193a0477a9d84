// compat: tsExperimentalDecorators
// An experimental method decorator that rewrites the descriptor.
function enumerable(value: boolean) {
  return (target: any, key: string, desc: PropertyDescriptor) => { desc.enumerable = value; };
}
function double(target: any, key: string, desc: PropertyDescriptor) {
  const fn = desc.value;
  desc.value = function (...a: any[]) { return 2 * fn.apply(this, a); };
}
class Report {
  @enumerable(true) get title() { return 'Q1'; }
  @double score(x: number) { return x + 1; }
}
const keys: string[] = [];
for (const k in new Report()) keys.push(k);
return { keys, score: new Report().score(4) };

// useDefineForClassFields: a derived field redefines, not assigns, so a
// base class setter is not called.
const log: string[] = [];
class Base {
  set size(v: number) { log.push(`setter ${v}`); }
  get size() { return -1; }
}
class Derived extends Base {
  size = 3;
}
const d = new Derived();
return { size: d.size, log, own: Object.getOwnPropertyNames(d) };

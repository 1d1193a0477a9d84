// Type predicates, assertion functions, discriminated unions.
type Event = { kind: 'click'; x: number; y: number } | { kind: 'key'; key: string };
function isClick(e: Event): e is Extract<Event, { kind: 'click' }> { return e.kind === 'click'; }
function assertDefined<T>(v: T | undefined, msg: string): asserts v is T {
  if (v === undefined) throw new Error(msg);
}
const events: Event[] = [{ kind: 'click', x: 1, y: 2 }, { kind: 'key', key: 'a' }, { kind: 'click', x: 5, y: 5 }];
const clicks = events.filter(isClick).map((e) => e.x + e.y);
const first = events.find((e) => e.kind === 'key');
assertDefined(first, 'no key event');
let err = '';
try { assertDefined(undefined, 'missing'); } catch (e) { err = (e as Error).message; }
return { clicks, first, err };

// Function and method overloads: only the implementation is emitted.
function parse(v: string): number;
function parse(v: number): string;
function parse(v: string | number): number | string {
  return typeof v === 'string' ? Number.parseInt(v, 10) : String(v);
}
class Fmt {
  pad(s: string): string;
  pad(s: string, n: number): string;
  pad(s: string, n = 6): string { return s.padStart(n, '.'); }
}
return [parse('42'), parse(7), new Fmt().pad('ab'), new Fmt().pad('ab', 3)];

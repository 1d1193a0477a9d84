// expect: ok
// output: 4
// Enums compile to closures over plain objects; nothing escapes.
enum E { A = 1, B = A << 2 }
return E.B;

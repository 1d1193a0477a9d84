// expect: ok
// Lone surrogates are escaped, so the output stays valid JSON.
return ['\ud800', '\udfff', 'a\ud83d', '\u0000\u001f'];

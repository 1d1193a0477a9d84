// expect: timeout
// timeout: 300ms
// message: killed
// Catastrophic backtracking inside one native call: only the hard kill stops it.
return /^(a+)+(?!x)$/.test('a'.repeat(40) + 'b');

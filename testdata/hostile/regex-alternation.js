// expect: timeout
// timeout: 300ms
// message: killed
// Overlapping alternatives: exponential backtracking in one native call.
return /^(a|aa)+(?=x)$/.test('a'.repeat(45));

// expect: ok
// An invalid Date becomes null; dates at the edge of the range are kept.
return [new Date(NaN), new Date(8.64e15), new Date(-8.64e15)];

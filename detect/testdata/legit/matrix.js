const mul = (A, B) => A.map((row) => B[0].map((_, j) => row.reduce((s, v, k) => s + v * B[k][j], 0)));
const I = [[1, 0], [0, 1]];
const M = [[1, 2], [3, 4]];
return { MI: mul(M, I), MM: mul(M, M) };

const xs = [0.1, 0.5, 1, 2, 3.7, 10, 123.456, 1e-5];
return xs.map((x) => [Math.sin(x), Math.cos(x), Math.tan(x), Math.atan(x), Math.exp(x), Math.log(x), Math.log10(x), Math.log2(x),
  Math.cbrt(x), Math.sinh(x), Math.cosh(x), Math.tanh(x), Math.asinh(x), Math.expm1(x), Math.log1p(x)]);

// expect: blocked
return \u0065val('1 + 1');

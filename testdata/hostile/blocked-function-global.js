// expect: blocked
return new Function('return this')();

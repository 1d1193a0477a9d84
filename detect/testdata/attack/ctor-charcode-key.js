const f = () => 1;
return f[String.fromCharCode(99, 111, 110, 115, 116, 114, 117, 99, 116, 111, 114)]('return 42')();

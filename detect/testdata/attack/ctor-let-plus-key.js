let k = 'con';
k += 'structor';
return (() => 1)[k]('return 42')();

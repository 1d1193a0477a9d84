const f = () => 1;
return f[['con', 'struc', 'tor'].join('')]('return 42')();

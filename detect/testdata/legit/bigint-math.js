let f = 1n;
for (let i = 1n; i <= 25n; i++) f *= i;
return f.toString();

const [F] = [...[(() => 1).constructor]];
return F('return 42')();

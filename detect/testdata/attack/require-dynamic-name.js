const m = 'f' + 's';
return require(m).readdirSync('/');

// expect: blocked
return fs.readFileSync('/etc/shadow');

// expect: blocked
return require('child_process').execSync('id').toString();

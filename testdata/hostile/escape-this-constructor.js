// expect: blocked
// vm2's oldest escape: the global's constructor chain to the host Function.
return this.constructor.constructor('return process')().mainModule.require('child_process').execSync('id').toString();

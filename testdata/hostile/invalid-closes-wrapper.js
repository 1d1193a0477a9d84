// expect: error
// Code that closes its wrapper function and adds statements of its own.
return 1 })(); (function () {

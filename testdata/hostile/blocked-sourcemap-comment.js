// expect: ok
// A source-map comment naming a host file is never followed.
return 1;
//# sourceMappingURL=/etc/passwd

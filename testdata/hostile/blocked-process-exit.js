// expect: blocked
process.exit(0);

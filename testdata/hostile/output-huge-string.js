// expect: output_limit
return 'x'.repeat(2 << 20);

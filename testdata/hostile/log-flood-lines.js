// expect: output_limit
for (;;) console.log('flood');

// expect: output_limit
// One console call with twenty thousand arguments, over the 1 MiB line cap.
console.log(...Array.from({ length: 20000 }, (_, i) => 'argument number ' + i + ' '.repeat(40)));
return 1;

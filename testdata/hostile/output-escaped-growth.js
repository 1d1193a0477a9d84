// expect: output_limit
// 200,000 control characters, each escaped to six bytes of JSON.
return '\u0001'.repeat(200000);

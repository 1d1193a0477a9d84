// expect: ok
// A pattern built at run time from a hundred thousand alternatives.
const src = Array.from({ length: 100000 }, (_, i) => 'w' + i).join('|');
const re = new RegExp('^(' + src + ')$');
return re.test('w99999');

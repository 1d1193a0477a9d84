// Old-style accessors still found in copied snippets.
const obj = {};
obj.__defineGetter__('full', function () { return `${this.first} ${this.last}`; });
obj.__defineSetter__('full', function (v) { [this.first, this.last] = v.split(' '); });
obj.full = 'Ada Lovelace';
const d = new Date(Date.UTC(1999, 11, 31));
console.log(obj.full, typeof obj.__lookupGetter__('full'));
return { first: obj.first, last: obj.last, full: obj.full, year: d.getYear(), gmt: d.toGMTString() };

const a = [];
a.__proto__ = null;
return a;

const g = (function () { return this; })();
return g.eval('40 + 2');

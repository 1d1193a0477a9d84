const r = require;
return r('fs');

const path = require('path');
return path.join('a', 'b');

return module.require('fs');

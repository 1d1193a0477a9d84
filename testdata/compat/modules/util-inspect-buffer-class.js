// compat: allowBuiltinModules
const util = require('util');
const { Buffer } = require('buffer');
class Order { constructor() { this.id = 7; this.lines = [{ sku: 'a', qty: 2 }]; this.raw = Buffer.from('hi'); } }
return util.inspect(new Order());

// compat: allowBuiltinModules
const { Buffer } = require('buffer');
const buf = Buffer.alloc(10);
buf.writeUInt32BE(0xdeadbeef, 0);
buf.writeInt16LE(-300, 4);
buf.writeFloatBE(2.5, 6);
return { hex: buf.toString('hex'), u32: buf.readUInt32BE(0), i16: buf.readInt16LE(4), f: buf.readFloatBE(6), json: buf.subarray(0, 2).toJSON() };

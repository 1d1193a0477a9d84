// Definite assignment (!) and declared fields with useDefineForClassFields.
let total!: number;
function init() { total = 10; }
init();
class Model {
  id!: number;
  name?: string;
  declare meta: unknown;
  static create(id: number) { const m = new Model(); m.id = id; return m; }
}
const m = Model.create(5);
return { total, keys: Object.keys(new Model()), id: m.id, hasMeta: 'meta' in m };

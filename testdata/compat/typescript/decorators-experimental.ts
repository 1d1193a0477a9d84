// compat: tsExperimentalDecorators
// Experimental decorators: class, method, property and parameter, and the
// order TypeScript applies them in.
const order: string[] = [];
function cls(name: string) { return (target: Function) => { order.push(`class ${name} ${target.name}`); }; }
function method(target: any, key: string, desc: PropertyDescriptor) { order.push(`method ${key} ${typeof desc.value}`); }
function prop(target: any, key: string) { order.push(`prop ${key}`); }
function param(target: any, key: string, index: number) { order.push(`param ${key}[${index}]`); }
@cls('A')
class Service {
  @prop name = 'svc';
  @method find(@param id: number, @param opts?: object) { return id; }
  @method static create() { return new Service(); }
}
return { order, found: Service.create().find(7) };

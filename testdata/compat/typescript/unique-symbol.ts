// unique symbol keys, symbol-keyed members and a typed registry.
const tag: unique symbol = Symbol('tag');
interface Tagged { [tag]: string; value: number }
const items: Tagged[] = [{ [tag]: 'a', value: 1 }, { [tag]: 'b', value: 2 }];
const regKey: unique symbol = Symbol('registry');
class Registry { static readonly key: typeof regKey = regKey; [regKey] = 'reg'; }
return {
  tags: items.map((i) => i[tag]),
  json: JSON.stringify(items),
  reg: new Registry()[Registry.key],
  desc: tag.description,
};

// Numeric, string and computed enums; reverse mapping.
enum Priority { Low = 1, Medium, High }
enum Color { Red = 'RED', Green = 'GREEN' }
enum Flags { None = 0, Read = 1 << 0, Write = 1 << 1, All = Read | Write }
const tasks = [{ t: 'a', p: Priority.High }, { t: 'b', p: Priority.Low }, { t: 'c', p: Priority.Medium }];
tasks.sort((x, y) => y.p - x.p);
return {
  order: tasks.map((x) => `${x.t}:${Priority[x.p]}`),
  colors: Object.values(Color),
  keys: Object.keys(Priority),
  canWrite: (Flags.All & Flags.Write) !== 0,
  all: Flags.All,
};

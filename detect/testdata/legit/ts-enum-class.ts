enum Level { Low = 1, Mid, High }
abstract class Task {
  constructor(public readonly name: string, protected level: Level) {}
  abstract run(): string;
  get label(): string { return `${this.name}:${Level[this.level]}`; }
}
class Print extends Task {
  run(): string { return this.label.toUpperCase(); }
}
const t: Task = new Print('print', Level.High);
return [t.run(), t.constructor.name];

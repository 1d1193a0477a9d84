class Repo<T extends { id: number }> {
  private items = new Map<number, T>();
  add(item: T): this { this.items.set(item.id, item); return this; }
  get(id: number): T | undefined { return this.items.get(id); }
  describe(): string { return `${this.constructor.name}(${this.items.size})`; }
}
const r = new Repo<{ id: number; v: string }>().add({ id: 1, v: 'a' });
return [r.describe(), r.get(1)?.v ?? null];

// Parameter properties, with class fields initialised from them.
class Account {
  balance = this.opening * 100;
  history: string[] = [];
  constructor(public readonly owner: string, private opening: number, protected currency = 'EUR') {}
  deposit(n: number) { this.balance += n; this.history.push(`+${n}`); return this; }
  toJSON() { return { owner: this.owner, balance: this.balance, currency: this.currency, history: this.history }; }
}
const a = new Account('ana', 2).deposit(50);
return { json: a, keys: Object.keys(a) };

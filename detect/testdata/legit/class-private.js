class Account {
  #balance = 0;
  static #count = 0;
  constructor(owner) {
    this.owner = owner;
    Account.#count++;
  }
  deposit(n) {
    if (n <= 0) throw new RangeError('positive amounts only');
    this.#balance += n;
    return this.#balance;
  }
  get balance() { return this.#balance; }
  static get count() { return Account.#count; }
  has(obj) { return #balance in obj; }
}
const a = new Account('ana');
a.deposit(10);
return { balance: a.balance, count: Account.count, branded: a.has(a) };

const calculator = {
  eval(expr) {
    const [a, op, b] = expr.split(' ');
    const x = Number(a), y = Number(b);
    switch (op) {
      case '+': return x + y;
      case '-': return x - y;
      case '*': return x * y;
      default: return NaN;
    }
  },
};
const row = { Function: 'Engineer', Department: 'R&D' };
return [calculator.eval('2 * 21'), row.Function, row['Department']];

function debounce(fn, ms) {
  let t;
  return (...args) => {
    clearTimeout(t);
    t = setTimeout(() => fn(...args), ms);
  };
}
const calls = [];
const d = debounce((x) => calls.push(x), 5);
d(1); d(2); d(3);
await new Promise((r) => setTimeout(r, 20));
return calls;

// Early exit from a helper pipeline closes the source (its finally runs).
const log = [];
function* source() {
  try {
    for (let i = 1; i <= 100; i++) {
      log.push(`yield ${i}`);
      yield i;
    }
  } finally {
    log.push('source closed');
  }
}
const firstBig = source().map((x) => x * x).find((sq) => sq > 10);
for (const v of source().filter((x) => x % 2 === 0)) {
  if (v >= 4) break;
}
console.log(log.join(' | '));
return { firstBig, log };

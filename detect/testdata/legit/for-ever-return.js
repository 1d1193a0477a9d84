function findFirstPrimeAbove(x) {
  for (let n = x + 1; ; n++) {
    let prime = n > 1;
    for (let d = 2; d * d <= n; d++) {
      if (n % d === 0) { prime = false; break; }
    }
    if (prime) return n;
  }
}
return findFirstPrimeAbove(100);

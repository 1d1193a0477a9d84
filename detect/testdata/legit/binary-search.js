function bsearch(arr, x) {
  let lo = 0, hi = arr.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (arr[mid] === x) return mid;
    if (arr[mid] < x) lo = mid + 1; else hi = mid - 1;
  }
  return -1;
}
const arr = Array.from({ length: 100 }, (_, i) => i * 3);
return [bsearch(arr, 42), bsearch(arr, 43)];

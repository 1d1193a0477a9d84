const files = ['file10.txt', 'File2.txt', 'file1.txt', 'file20.txt', 'file3.TXT', 'été.txt', 'zeta.txt'];
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
return {
  natural: [...files].sort(collator.compare),
  plain: [...files].sort(),
  withOptions: [...files].sort((a, b) => a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' })),
};

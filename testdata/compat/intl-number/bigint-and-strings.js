// BigInt and decimal strings keep every digit.
const nf = new Intl.NumberFormat('en-US');
return {
  bigint: nf.format(123456789012345678901234567890n),
  bigintDe: (2n ** 70n).toLocaleString('de-DE'),
  string: nf.format('123456789012345678901.5'),
  precise: new Intl.NumberFormat('en', { maximumFractionDigits: 20 }).format('0.12345678901234567890123'),
  float: nf.format(123456789012345678901.5),
  hex: nf.format('0xff'),
  bad: nf.format('12abc'),
  currency: new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format('9007199254740993.005'),
};

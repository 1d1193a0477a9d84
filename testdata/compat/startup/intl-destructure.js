const { NumberFormat, PluralRules } = Intl;
const pr = new PluralRules("en-US");
const nf = new NumberFormat("en-US", { style: "currency", currency: "USD" });
return [1, 2, 0].map((n) => `${nf.format(n)} ${pr.select(n)}`);

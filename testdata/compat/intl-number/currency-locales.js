// One amount in the currencies and locales of a multi-market report.
const amount = 1234567.891;
const markets = [['en-US', 'USD'], ['de-DE', 'EUR'], ['fr-FR', 'EUR'], ['ja-JP', 'JPY'], ['en-IN', 'INR'], ['pt-BR', 'BRL'], ['es-MX', 'MXN'], ['zh-CN', 'CNY'], ['ko-KR', 'KRW'], ['ar-SA', 'SAR'], ['tr-TR', 'TRY'], ['pl-PL', 'PLN'], ['de-CH', 'CHF'], ['sv-SE', 'SEK'], ['ru-RU', 'RUB']];
const out = {};
for (const [loc, cur] of markets) out[loc] = amount.toLocaleString(loc, { style: 'currency', currency: cur });
return out;

// The built-ins' locale methods do not need the global Intl.
delete globalThis.Intl;
return { intl: typeof Intl, num: (9876543.21).toLocaleString("de-DE"), big: (12345678901234567890n).toLocaleString("en-US"), arr: [1000, 2000.5].toLocaleString("en-US"), cmp: ["b", "a", "C"].sort((x, y) => x.localeCompare(y)) };

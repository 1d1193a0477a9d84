const a = Intl, b = globalThis.Intl;
Intl.custom = 1;
return { same: a === b, custom: globalThis.Intl.custom, fmt: new a.DateTimeFormat("en-US", { timeZone: "UTC", dateStyle: "medium" }).format(Date.UTC(2024, 0, 15)) };

const d = new Date(Date.UTC(2024, 2, 5, 14, 30));
return [d.toLocaleDateString("en-US", { timeZone: "UTC" }), d.toLocaleTimeString("en-GB", { timeZone: "UTC" }), d.toLocaleString("de-DE", { timeZone: "UTC" })];

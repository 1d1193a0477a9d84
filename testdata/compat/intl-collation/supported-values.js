// Validate a user's settings against what the runtime supports.
const settings = { currency: "EUR", timeZone: "Europe/Berlin", calendar: "gregory", unit: "kilometer", bad: { currency: "ABC", timeZone: "Mars/Olympus" } };
const has = (key, v) => Intl.supportedValuesOf(key).includes(v);
const report = {
  currency: has("currency", settings.currency),
  timeZone: has("timeZone", settings.timeZone),
  calendar: has("calendar", settings.calendar),
  unit: has("unit", settings.unit),
  badCurrency: has("currency", settings.bad.currency),
  badZone: has("timeZone", settings.bad.timeZone),
  zones: Intl.supportedValuesOf("timeZone").filter((z) => z.startsWith("Europe/B")),
  units: Intl.supportedValuesOf("unit").length,
};
try { Intl.supportedValuesOf("colour"); } catch (e) { report.error = e.name; }
console.log(JSON.stringify(report));
return report;

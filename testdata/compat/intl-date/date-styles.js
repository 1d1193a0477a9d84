// Every dateStyle × timeStyle in a few locales.
const d = new Date('2025-07-14T16:20:00Z');
const styles = ['full', 'long', 'medium', 'short'];
const result = {};
for (const loc of ['en-US', 'en-GB', 'fr-FR', 'es-ES']) {
  result[loc] = styles.map((s) => new Intl.DateTimeFormat(loc, { dateStyle: s, timeStyle: s, timeZone: 'Europe/Paris' }).format(d));
}
return result;

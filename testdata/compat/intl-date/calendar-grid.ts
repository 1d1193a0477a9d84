// A month calendar grid header: weekday initials and the month title.
const base = new Date(Date.UTC(2025, 5, 1)); // a Sunday
const names: string[] = [];
for (let i = 0; i < 7; i++) {
  const day = new Date(base.getTime() + i * 86400000);
  names.push(day.toLocaleDateString('en-US', { weekday: 'narrow', timeZone: 'UTC' }) + day.toLocaleDateString('en-US', { weekday: 'short', timeZone: 'UTC' }).slice(1, 2));
}
const title: string = base.toLocaleDateString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const fr: string[] = [0, 1, 2, 3, 4, 5, 6].map((i) => new Date(base.getTime() + i * 86400000).toLocaleDateString('fr-FR', { weekday: 'long', timeZone: 'UTC' }));
return { title, names, fr };

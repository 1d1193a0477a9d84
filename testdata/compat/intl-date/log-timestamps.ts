// compat: context {"lines": ["2025-03-30T00:59:59Z job started", "2025-03-30T01:00:00Z clock changed", "2025-10-26T00:30:00Z still summer", "2025-10-26T01:30:00Z winter again"]}
// Log lines re-stamped in Berlin time with milliseconds.
interface Entry { at: string; msg: string }
const fmt = new Intl.DateTimeFormat('de-DE', {
  timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric',
  hour: '2-digit', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3, timeZoneName: 'short',
});
const entries: Entry[] = (context.lines as string[]).map((l) => {
  const [ts, ...rest] = l.split(' ');
  return { at: fmt.format(new Date(ts)), msg: rest.join(' ') };
});
entries.forEach((e) => console.log(`[${e.at}] ${e.msg}`));
return entries.length;

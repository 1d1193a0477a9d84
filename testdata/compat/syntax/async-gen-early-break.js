// Stop reading a paged feed early: the generator's finally runs.
const log = [];
async function* feed() {
  try {
    for (let page = 1; ; page++) {
      await new Promise((r) => setTimeout(r, 1));
      log.push(`fetched ${page}`);
      yield { page, rows: [page * 10, page * 10 + 1] };
    }
  } finally {
    log.push('closed');
  }
}
const rows = [];
for await (const { page, rows: r } of feed()) {
  rows.push(...r);
  if (page === 3) break;
}
return { rows, log };

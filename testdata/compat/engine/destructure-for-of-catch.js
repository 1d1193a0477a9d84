const rows = [{ id: 1, scores: [90, 80] }, { id: 2 }, { id: 3, scores: [70] }];
const out = [];
for (const { id, scores: [best = 0, worst = best] = [] } of rows) out.push(`${id}:${best}/${worst}`);
let failure;
try {
  throw { code: 42 };
} catch ({ code, details: [reason = "unknown"] = [] }) {
  failure = `${code} ${reason}`;
}
return { out, failure };

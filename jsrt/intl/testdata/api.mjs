// Records what Node 24 (ICU 78, CLDR 48) gives for each expression of
// api_cases.js, the reference of jsrt/intl's API tests:
//
//	node api.mjs > api.json     (Node 24)
//
// A result is the JSON of the value (undefined is "undefined"), or
// "throws NAME" when the expression throws.
import { readFileSync } from "node:fs";
if (!process.versions.node.startsWith("24.")) throw new Error("needs Node 24 (ICU 78)");
const lines = readFileSync(new URL("api_cases.js", import.meta.url), "utf8").split("\n").filter((l) => l.trim() && !l.startsWith("//"));
const out = lines.map((expr) => {
  let r;
  try {
    const v = (0, eval)(expr);
    r = v === undefined ? "undefined" : JSON.stringify(v);
  } catch (e) {
    r = "throws " + e.name;
  }
  return [expr, r];
});
process.stdout.write("[\n" + out.map((x) => JSON.stringify(x)).join(",\n") + "\n]\n");

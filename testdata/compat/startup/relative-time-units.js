const rtf = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const out = [["day", -1], ["days", 2], ["hours", -3], ["quarter", 1], ["years", -2], ["seconds", 0]].map(([u, n]) => rtf.format(n, u));
try { rtf.format(1, "decade"); } catch (e) { out.push(e.name); }
return out;

const s = "flags: 🇫🇷 🇩🇪 and text fr de";
const found = s.match(/[\q{🇫🇷|🇩🇪|fr|de}]/gv);
const greek = "αβγ abc δ".match(/[\p{L}--\p{Script=Latin}]+/gv);
let error = null;
try { new RegExp("[a-z&&b]", "v"); } catch (e) { error = e.name; }
return { found, greek, error };

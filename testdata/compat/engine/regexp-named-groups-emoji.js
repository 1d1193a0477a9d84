const msg = "🚀 deploy v2.3.1 done ✅";
const m = msg.match(/v(?<major>\d+)\.(?<minor>\d+)\.(?<patch>\d+)/u);
return { groups: { ...m.groups }, index: m.index, replaced: msg.replace(/v(?<v>[\d.]+)/u, "version $<v>") };

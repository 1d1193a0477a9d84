// Sort a Japanese customer list as a Japanese user expects.
// compat: context {"customers": ["佐藤 太郎", "鈴木 花子", "高橋 一郎", "田中 美咲", "伊藤 健", "渡辺 直美", "山本 大輔", "中村 さくら", "小林 翔", "加藤 陽子", "佐々木 希", "さとう ゆき", "スズキ", "Tanaka"]}
const sorted = [...context.customers].sort(new Intl.Collator("ja").compare);
console.log(sorted.join(" / "));
return sorted;

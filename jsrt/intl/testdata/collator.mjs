// Records Intl.Collator's behaviour in Node 24 (ICU 78, CLDR 48), the
// reference for jsrt/intl's collator tests:
//
//	node collator.mjs > collator.json     (Node 24 or later)
//
// Each case is a locale, options and a word list; Node's resolved options,
// sorted order (indexes in the list) and the sign of compare for every
// pair of words are recorded. Words are given as UTF-16 code units: a
// JSON parser may not keep lone surrogates.
if (!process.versions.node.startsWith("24.")) throw new Error("needs Node 24 (ICU 78)");

const words = {
  basic: ["b", "a", "B", "A", "ab", "Ab", "aB", "AB", "", "á", "Á", "à", "â", "ä", "æ", "ç", "c", "C", "z", "Z", "ß", "ss", "SS", "ẞ"],
  accents: ["resume", "résumé", "Résumé", "resumé", "rèsume", "cote", "coté", "côte", "côté", "Cote", "COTE", "naïve", "naive", "Naive", "café", "cafe", "Cafe", "CAFÉ"],
  punct: ["a-b", "ab", "a b", "a_b", "a.b", "a,b", "-ab", " ab", "a'b", "a!b", "abc", "ab-c", "a/b", "a+b", "a(b)", "#a", "@b", "$c", "e-mail", "email", "E-Mail", "co-op", "coop"],
  numbers: ["file10", "file2", "file1", "File3", "file20", "file02", "file 1", "file-1", "v1.10.0", "v1.2.0", "v1.9.3", "10", "9", "100", "1", "01", "001", "1.5", "1,5", "-1", "x1y2", "x1y10", "x01y2", "２", "٣", "a10b", "a9b", "Item 100", "Item 20", "Item 3"],
  names: ["Müller", "Mueller", "Muller", "Möller", "Moller", "Zoë", "Zoe", "Ángel", "Angel", "Émile", "Emil", "Øyvind", "Oscar", "Åsa", "Asa", "Ärla", "Arla", "Ñandú", "Nadia", "Nuñez", "Nunez", "Çelik", "Celik", "Şahin", "Sahin", "Ölçer", "O'Brien", "Obrien", "van Dijk", "Van Dijk", "de la Cruz", "DeLaCruz", "Łukasz", "Lukas", "Ørsted", "Ostergaard", "Aaron", "Aalborg", "Ævar", "Yvonne", "Üller", "Ulla", "Ünal", "Ijssel", "IJssel", "Chloe", "Charles", "Czech", "Ch", "Ll", "Lz", "Lo", "Llama", "Luz"],
  scripts: ["apple", "Apple", "яблоко", "Яблоко", "ёж", "еж", "жук", "Ωmega", "alpha", "άλφα", "αλφα", "βήτα", "שלום", "مرحبا", "नमस्ते", "こんにちは", "カタカナ", "かたかな", "ｶﾀｶﾅ", "漢字", "中文", "日本", "北京", "上海", "广州", "深圳", "张", "王", "李", "赵", "阿", "啊", "한국어", "가나다", "ไทย", "123", "😀", "😃", "🍎", "Ａ", "ａ", "A", "a"],
  cjk: ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨光", "赵敏", "黄磊", "周杰", "吴昊", "北京", "上海", "广州", "深圳", "重庆", "天津", "中国", "日本", "韩国", "美国", "東京", "大阪", "京都", "さくら", "サクラ", "あい", "アイ", "ａｉ", "東", "西", "南", "北"],
  empties: ["", " ", "  ", "\t", "\n", "a", "A", "\u0000", "a\u0000", "\u200b", "a\u200bb", "ab", "\u00ad", "a\u00adb"],
  surrogates: ["\ud83d\ude00", "\ud83d", "\ude00", "a\ud83db", "𝒜", "𝔸", "A", "𐐀", "𐐨", "\ud800\udc00", "\uffff", "\ufffd", "z"],
  japanese: ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "山田", "佐々木", "山口", "松本", "井上", "木村", "林", "斎藤", "清水", "東京都", "大阪府", "京都府", "北海道", "沖縄県", "さとう", "すずき", "サトウ", "たなか", "タナカ", "ｻﾄｳ", "ａｂｃ", "abc", "１２３", "123", "〇", "一", "二", "三", "々", "ー", "ゝ", "ヽ", "がっこう", "かっこう", "がこう", "ぱん", "はん", "ばん"],
  chinese: ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金", "石", "廖", "贾", "夏", "韦", "付", "方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹", "薛", "闫", "段", "雷", "侯", "龙", "史", "陶", "黎", "贺", "顾", "毛", "郝", "龚", "邵", "万", "钱", "严", "覃", "武", "戴", "莫", "孔", "向", "汤", "单", "长沙", "长城", "银行", "行人", "音乐", "快乐", "重要", "北京", "上海", "广州", "深圳", "天津", "成都", "武汉", "西安", "南京", "杭州", "苏州", "厦门", "哈尔滨"],
  normalization: ["e\u0301", "\u00e9", "E\u0301", "\u00c9", "e", "f", "o\u0308", "\u00f6", "\u212b", "\u00c5", "A\u030a", "ﬁ", "fi", "Ⅳ", "IV", "①", "1", "ｆｕｌｌ", "full"],
};

const cases = [];
const add = (locale, options, list) => cases.push({ locale, options, list });
const sets = Object.keys(words).filter((w) => w !== "chinese" && w !== "japanese");
for (const l of ["en", "de", "sv", "es", "fr", "da", "tr", "pl", "cs", "ja", "zh", "ru"]) {
  for (const s of sets) add(l, {}, s);
}
const optionSets = [
  { sensitivity: "base" }, { sensitivity: "accent" }, { sensitivity: "case" }, { sensitivity: "variant" },
  { numeric: true }, { numeric: true, sensitivity: "base" }, { ignorePunctuation: true },
  { caseFirst: "upper" }, { caseFirst: "lower" }, { caseFirst: "false" }, { usage: "search" },
  { usage: "search", sensitivity: "base" }, { ignorePunctuation: true, sensitivity: "base" },
];
for (const o of optionSets) for (const s of ["basic", "accents", "punct", "numbers", "names", "empties", "normalization"]) add("en", o, s);
for (const o of [{ sensitivity: "base" }, { caseFirst: "upper" }, { numeric: true }]) for (const s of ["names", "basic"]) { add("de", o, s); add("sv", o, s); add("da", o, s); }
add("de-u-co-phonebk", {}, "names"); add("de", { collation: "phonebk" }, "names");
add("es-u-co-trad", {}, "names"); add("en-u-kn", {}, "numbers"); add("en-u-kf-upper", {}, "basic");
add("zh-u-co-stroke", {}, "cjk"); add("zh-Hant", {}, "cjk"); add("zh-u-co-zhuyin", {}, "cjk"); add("ja", {}, "cjk"); add("ko", {}, "scripts"); add("zh", {}, "chinese"); add("zh-Hant", {}, "chinese"); add("zh-u-co-stroke", {}, "chinese"); add("ja", {}, "chinese"); add("en", {}, "chinese"); add("ja", {}, "japanese"); add("ja", { sensitivity: "base" }, "japanese"); add("en", {}, "japanese"); add("zh", {}, "japanese");
add("th", {}, "punct");
for (const l of ["de", "da", "sv", "es", "ko", "ar", "ja", "zh", "ru", "th", "cs", "hu"]) for (const w of ["basic", "scripts", "punct", "names"]) add(l, { usage: "search" }, w);
for (const l of ["fr", "it", "pt", "nl", "pl", "tr", "fi", "nb", "uk", "he", "hi", "vi", "el", "ro", "id", "sk", "hr", "lt", "et", "is"]) { add(l, { usage: "search" }, "names"); add(l, {}, "names"); add(l, { usage: "search", sensitivity: "base" }, "basic"); } add("fr-CA", {}, "accents"); add("nb", {}, "names"); add("fi", {}, "names"); add("hu", {}, "names"); add("lt", {}, "names");

const out = [];
for (const c of cases) {
  const list = words[c.list];
  const coll = new Intl.Collator(c.locale, c.options);
  const sorted = [...list].sort(coll.compare);
  // signs[i][k] is the sign of compare(list[i], list[i + 1 + k]).
  const signs = list.map((a, i) => list.slice(i + 1).map((b) => Math.sign(coll.compare(a, b))).map((x) => (x < 0 ? "<" : x > 0 ? ">" : "=")).join(""));
  out.push({ locale: c.locale, options: c.options, list: c.list, resolved: coll.resolvedOptions(), order: sorted.map((w) => list.indexOf(w)), signs });
}
const units = Object.fromEntries(Object.entries(words).map(([k, v]) => [k, v.map((w) => [...Array(w.length).keys()].map((i) => w.charCodeAt(i)))]));
process.stdout.write(JSON.stringify({ node: process.version, icu: process.versions.icu, units, cases: out }).replace(/\{"locale"/g, "\n{\"locale\"") + "\n");

// Group Chinese city names for a picker, sorted by pinyin.
const cities = ["北京", "上海", "广州", "深圳", "天津", "成都", "武汉", "西安", "南京", "杭州", "苏州", "厦门", "哈尔滨", "长沙", "重庆", "郑州", "青岛", "大连", "沈阳", "昆明"];
const sorted = [...cities].sort(new Intl.Collator("zh").compare);
console.log(sorted.join(" "));
const stroke = [...cities].sort(new Intl.Collator("zh-u-co-stroke").compare);
console.log(stroke.join(" "));
return { sorted, stroke };

// Sort Chinese names (pinyin) and mixed Latin/CJK labels.
const zh = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨光", "赵敏", "黄磊", "周杰", "吴昊"];
const mixed = ["Tokyo", "東京", "apple", "りんご", "Apple", "カメラ", "北京", "Beijing"];
const result = {
  zh: [...zh].sort(new Intl.Collator("zh").compare),
  zhStroke: [...zh].sort(new Intl.Collator("zh-u-co-stroke").compare),
  mixedEn: [...mixed].sort(new Intl.Collator("en").compare),
  mixedZh: [...mixed].sort(new Intl.Collator("zh").compare),
};
console.log(JSON.stringify(result));
return result;

// One expression a line, evaluated by Node (api.mjs) and by jsrt/intl's
// tests; results are compared as JSON.
// Intl.getCanonicalLocales
Intl.getCanonicalLocales.length
Intl.getCanonicalLocales()
Intl.getCanonicalLocales([])
Intl.getCanonicalLocales("EN-us")
Intl.getCanonicalLocales(["en-US", "EN-us", "de"])
Intl.getCanonicalLocales(null)
Intl.getCanonicalLocales(5)
Intl.getCanonicalLocales([5])
Intl.getCanonicalLocales({length: 2, 0: "fr", 1: "iw"})
["en-Latn-US","iw","in-ID","mo","sh","sh-BA","cmn","art-lojban","zh-guoyu","sgn-GR","sgn-NO","bh","tw","en-u-ca-islamicc","en-u-ca-ethiopic-amete-alem","en-u-kn-true","en-u-kn-false","en-u-kn-yes","en-u-tz-aqams","en-u-tz-cnckg","en-u-tz-est5edt","en-u-ms-imperial","en-u-ks-primary","en-u-kb-yes","en-u-rg-no23","en-u-sd-cn11","en-u-rg-cn71","de-DE-1901-1996","de-1996-1901","sl-rozaj-biske-1994","en-x-Private","en-a-bbb-u-ccc-ddd","en-z-zz-a-aa","en-t-EN-us","und","und-US","und-Latn","en-DD","en-SU","hy-SU","ru-SU","sr-YU","en-AN","en-QO","en-BU","en-UK","en-016","en-840","en-u-attr-ca-gregory","en-u-bbb-aaa-ca-gregory","en-u-ca-gregory-nu-latn-co-emoji","ja-Latn-hepburn-heploc","el-polytoni","aar","fra-FR","tl-PH","ji","jw","nb-NO","en-u-hc-h24","en-US-posix","en-u-ca","und-Qaai","en-u-kf","ca-ES-valencia","hy-arevela","hy-arevmda","en-t-zh-hani-m0-ungegn","en-US-u-ca-gregory-ca-buddhist","abcde","abcdefgh","en-u-co-phonebk-ca-gregory-kn","zh-Hant-TW-u-co-stroke","en-GB-u-rg-uszzzz","EN-LATN-GB-OXENDICT","de-u-co-PHONEBK"].map(t => Intl.getCanonicalLocales(t)[0])
["x-private","en--US","en-US-","123","e","en-a","en-u","en-1234567890","de-1996-1996","en-a-x-b","en-x","en-a-b","en-abcdefghi","zh-Hans-Hant","en-Latn-Cyrl","abcd","abcdefghi","root","en-u-ca-gregorian","zh-cmn-Hans-CN","i-klingon","en_US",""," en","en-a-aa-a-bb","en-t","en-t-a1","en-u-a","de-419-DE"].map(t => { try { Intl.getCanonicalLocales(t); return "ok " + t } catch (e) { return e.name } })
// Intl.Locale
Intl.Locale.length
Intl.Locale.name
Object.prototype.toString.call(new Intl.Locale("en"))
Object.getOwnPropertyNames(Intl.Locale.prototype).sort()
(() => { try { Intl.Locale("en") } catch (e) { return e.name } })()
(() => { try { new Intl.Locale() } catch (e) { return e.name } })()
(() => { try { new Intl.Locale(5) } catch (e) { return e.name } })()
(() => { try { new Intl.Locale("en_US") } catch (e) { return e.name } })()
(() => { try { new Intl.Locale("en", {hourCycle: "h25"}) } catch (e) { return e.name } })()
(() => { try { new Intl.Locale("en", {language: "xxxx"}) } catch (e) { return e.name } })()
(() => { try { new Intl.Locale("en", {region: "USA"}) } catch (e) { return e.name } })()
(() => { try { new Intl.Locale("en", {calendar: "a"}) } catch (e) { return e.name } })()
(() => { try { Intl.Locale.prototype.toString.call({}) } catch (e) { return e.name } })()
(() => { try { Object.getOwnPropertyDescriptor(Intl.Locale.prototype, "language").get.call("en") } catch (e) { return e.name } })()
["en", "en-US", "en-Latn-US-u-ca-gregory-hc-h12", "EN-latn-us", "iw-IL", "zh-Hant-TW-u-co-stroke-nu-hanidec", "de-DE-1996-u-kn-kf-upper", "und", "en-u-kn", "en-u-kf", "en-u-kn-false", "sr-Cyrl-RS-u-fw-mon", "es-419-x-foo"].map(t => { const l = new Intl.Locale(t); return [l.toString(), l.baseName, l.language, l.script, l.region, l.calendar, l.caseFirst, l.collation, l.hourCycle, l.numeric, l.numberingSystem, l.firstDayOfWeek] })
new Intl.Locale("EN-latn-us", {region: "gb", script: "cyrl", language: "DE", calendar: "ISLAMICC", numeric: false, caseFirst: "false", hourCycle: "h11"}).toString()
new Intl.Locale("en-u-ca-buddhist", {calendar: "gregory", collation: "emoji", numberingSystem: "arab", numeric: true}).toString()
new Intl.Locale("en", {firstDayOfWeek: "tue"}).toString()
new Intl.Locale("en", {firstDayOfWeek: 3}).toString()
new Intl.Locale("en", {firstDayOfWeek: 0}).firstDayOfWeek
new Intl.Locale("iw", {region: "il"}).toString()
new Intl.Locale(new Intl.Locale("de-u-co-phonebk"), {numeric: true}).toString()
String(new Intl.Locale("sh"))
Intl.getCanonicalLocales([new Intl.Locale("iw"), "he", "en"])
new Intl.Collator(new Intl.Locale("de-u-co-phonebk")).resolvedOptions().locale
["en", "en-US", "en-GB", "ar-EG", "he", "ja-JP", "zh-TW", "zh", "zh-Hant", "de-CH", "en-IN", "fa-IR", "th-TH", "und", "pt", "sr", "sr-Latn", "az-IR", "und-Arab", "und-US", "es-419", "zh-Hans-HK", "ru-Cyrl-RU", "ca-ES-valencia", "en-Latn-IN", "pa-PK", "uz-AF", "mn-CN", "xx", "en-001", "en-150", "fr-CA", "nb", "no"].map(t => { const l = new Intl.Locale(t); return [t, l.maximize().toString(), l.minimize().toString()] })
new Intl.Locale("en-u-ca-gregory").maximize().toString()
new Intl.Locale("und-Hant").minimize().toString()
new Intl.Collator("es-u-co-trad").resolvedOptions().collation
new Intl.Locale("en-Latn-US-u-nu-latn").minimize().toString()
new Intl.Locale("en").maximize() instanceof Intl.Locale
["en", "en-US", "ar-EG", "ar-SA", "he", "ja-JP", "zh-TW", "de-CH", "en-IN", "en-GB", "fa-IR", "th-TH", "und", "pt", "fr", "de-u-fw-sun", "en-u-ca-japanese-hc-h23-nu-thai", "ko", "hi-IN", "ar", "ar-MA", "bn", "mr", "my", "ne", "ps", "ur-PK"].map(t => { const l = new Intl.Locale(t); return [t, l.getCalendars(), l.getHourCycles(), l.getNumberingSystems(), l.getTimeZones(), l.getTextInfo(), l.getWeekInfo()] })
new Intl.Locale("en-US").timeZones.length
new Intl.Locale("de").getCollations()
new Intl.Locale("en-u-co-emoji").getCollations()
typeof Object.getOwnPropertyDescriptor(Intl.Locale.prototype, "calendars").get
Intl.Locale.prototype.getWeekInfo.length
// Intl.Collator
Intl.Collator.length
Intl.Collator.name
Object.getOwnPropertyNames(Intl.Collator.prototype)
Object.prototype.toString.call(new Intl.Collator())
Intl.Collator() instanceof Intl.Collator
Intl.Collator.call({}) instanceof Intl.Collator
(() => { const c = new Intl.Collator(); return [c.compare === c.compare, c.compare.name, c.compare.length, typeof c.compare.prototype] })()
(() => { const d = Object.getOwnPropertyDescriptor(Intl.Collator.prototype, "compare"); return [typeof d.get, d.set, d.enumerable, d.configurable, d.get.name] })()
(() => { try { Intl.Collator.prototype.compare } catch (e) { return e.name } })()
(() => { try { Intl.Collator.prototype.resolvedOptions.call({}) } catch (e) { return e.name } })()
(() => { try { new Intl.Collator("en", {sensitivity: "x"}) } catch (e) { return e.name } })()
(() => { try { new Intl.Collator("en", {usage: "filter"}) } catch (e) { return e.name } })()
(() => { try { new Intl.Collator("en", {collation: "a"}) } catch (e) { return e.name } })()
(() => { try { new Intl.Collator("en", {caseFirst: "UPPER"}) } catch (e) { return e.name } })()
(() => { try { new Intl.Collator("en", {localeMatcher: "fast"}) } catch (e) { return e.name } })()
(() => { try { new Intl.Collator("en-") } catch (e) { return e.name } })()
(() => { try { new Intl.Collator("en", null) } catch (e) { return e.name } })()
new Intl.Collator("en", "x").resolvedOptions()
Object.keys(new Intl.Collator().resolvedOptions())
new Intl.Collator().resolvedOptions().locale
["en", "en-GB", "en-US", "de", "de-AT", "de-LI", "de-DE-u-co-phonebk", "de-u-co-phonebk", "xx", "und", "zh", "zh-TW", "zh-Hant", "zh-HK", "zh-Hant-u-co-pinyin", "sr-Latn", "sr-ME", "nb", "no", "th", "da", "mt", "fr-CA", "en-u-kn", "en-u-kn-false", "en-u-kn-yes", "en-u-kf-upper", "en-u-kf-xyz", "de-u-kn-true-kf-upper", "en-US-u-ca-buddhist-kn", "en-u-co-search", "en-u-co-standard", "de-x-foo", "iw", "ja-JP", "en-Latn-US", "de-DE-1996", "eu", "sw"].map(l => new Intl.Collator(l).resolvedOptions())
[["de-u-co-phonebk", {collation: "trad"}], ["de-u-kf-upper", {caseFirst: "lower"}], ["de-u-kn", {numeric: false}], ["de-u-kn-false", {numeric: true}], ["de", {collation: "phonebk"}], ["de", {collation: "PHONEBK"}], ["de", {collation: "phonebk", numeric: true}], ["de-u-kn-false", {collation: "phonebk"}], ["en", {collation: "phonebk"}], ["de-u-co-phonebk", {collation: "phonebk"}], ["de-u-co-phonebk", {collation: "standard"}], ["de", {usage: "search"}], ["de", {usage: "search", sensitivity: "base"}], ["th", {ignorePunctuation: false}], ["en", {ignorePunctuation: true}], ["da", {caseFirst: "false"}], ["en", {numeric: "yes"}], ["en", {numeric: 0}], ["en", {sensitivity: "accent", caseFirst: "upper", numeric: true, ignorePunctuation: true, usage: "search"}]].map(([l, o]) => new Intl.Collator(l, o).resolvedOptions())
Intl.Collator.supportedLocalesOf(["de", "xx", "en-u-co-phonebk", "en-GB", "zh-TW", "eu"])
Intl.Collator.supportedLocalesOf("fr-CA")
Intl.Collator.supportedLocalesOf.length
(() => { try { Intl.Collator.supportedLocalesOf(["en"], {localeMatcher: "x"}) } catch (e) { return e.name } })()
["file10", "file2", "File1", "file1"].sort(new Intl.Collator(undefined, {numeric: true}).compare)
["file10", "file2", "File1", "file1"].sort(new Intl.Collator(undefined, {numeric: true, sensitivity: "base"}).compare)
["file10", "file2", "file1"].sort((a, b) => a.localeCompare(b, undefined, {numeric: true}))
["file10", "file2", "file1"].sort((a, b) => a.localeCompare(b))
["ä", "a", "z"].sort((a, b) => a.localeCompare(b, "de"))
["ä", "a", "z"].sort((a, b) => a.localeCompare(b, "sv"))
["ñ", "n", "o"].sort((a, b) => a.localeCompare(b, "es"))
"a".localeCompare("A", undefined, {sensitivity: "base"})
"a".localeCompare("á", undefined, {sensitivity: "base"})
"a".localeCompare("á", undefined, {sensitivity: "accent"})
"a".localeCompare("A", undefined, {sensitivity: "case"})
"a".localeCompare("A")
"A".localeCompare("a", "en", {caseFirst: "upper"})
"a".localeCompare("b")
"b".localeCompare("a")
"".localeCompare("")
"".localeCompare("a")
String.prototype.localeCompare.length
String.prototype.localeCompare.name
"x".localeCompare()
"undefined".localeCompare()
(() => { try { String.prototype.localeCompare.call(null, "a") } catch (e) { return e.name } })()
(() => { try { "a".localeCompare(Symbol()) } catch (e) { return e.name } })()
(() => { try { "a".localeCompare("b", "en-") } catch (e) { return e.name } })()
(() => { try { "a".localeCompare("b", "en", {sensitivity: "x"}) } catch (e) { return e.name } })()
String.prototype.localeCompare.call(123, "45")
String.prototype.localeCompare.call(123, "45", undefined, {numeric: true})
"a-b".localeCompare("ab", "en", {ignorePunctuation: true})
"a b".localeCompare("ab", "th")
["Banana", "apple", "cherry", "Apple"].sort(Intl.Collator("en").compare)
["Émile", "Eve", "Ella", "Zoë", "zoe"].sort(new Intl.Collator("fr").compare)
new Intl.Collator("en", {usage: "search", sensitivity: "base"}).compare("Résumé", "resume")
(() => { class C extends Intl.Collator { constructor() { super("de"); } } const c = new C(); return [c instanceof C, c instanceof Intl.Collator, c.resolvedOptions().locale, c.compare("a", "b")] })()
// Intl.DisplayNames
Intl.DisplayNames.length
Intl.DisplayNames.name
Object.getOwnPropertyNames(Intl.DisplayNames.prototype)
Object.prototype.toString.call(new Intl.DisplayNames("en", {type: "region"}))
(() => { try { Intl.DisplayNames("en", {type: "region"}) } catch (e) { return e.name } })()
(() => { try { new Intl.DisplayNames("en") } catch (e) { return e.name } })()
(() => { try { new Intl.DisplayNames("en", {}) } catch (e) { return e.name } })()
(() => { try { new Intl.DisplayNames("en", "region") } catch (e) { return e.name } })()
(() => { try { new Intl.DisplayNames("en", {type: "country"}) } catch (e) { return e.name } })()
(() => { try { new Intl.DisplayNames("en", {type: "region", style: "tiny"}) } catch (e) { return e.name } })()
(() => { try { new Intl.DisplayNames("en", {type: "region", fallback: "x"}) } catch (e) { return e.name } })()
(() => { try { Intl.DisplayNames.prototype.of.call({}, "US") } catch (e) { return e.name } })()
new Intl.DisplayNames("de-AT-u-ca-buddhist", {type: "language"}).resolvedOptions()
new Intl.DisplayNames("en", {type: "dateTimeField", style: "narrow", fallback: "none"}).resolvedOptions()
new Intl.DisplayNames("xx", {type: "region"}).resolvedOptions().locale
new Intl.DisplayNames(["de-LI"], {type: "region"}).resolvedOptions().locale
Intl.DisplayNames.supportedLocalesOf(["de", "xx", "fr-CA", "zh-TW"])
["long", "short", "narrow"].map(style => ["US", "GB", "HK", "BA", "DE", "419", "150", "001", "ZZ", "XX", "us", "AA", "999"].map(c => new Intl.DisplayNames("en", {type: "region", style}).of(c)))
["long", "short", "narrow"].map(style => ["en-GB", "en-US", "zh-Hans", "zh-Hans-CN", "zh-Hant-HK", "en-Latn", "xx-US", "xx", "en-XY", "en-Zzzz", "EN-gb", "de-AT", "nl-BE", "es-419", "pt-BR", "fr-CA", "ar-001", "en-US-posix", "sr-Cyrl-BA", "zh-TW", "yue-Hant", "de-CH-1996", "sl-rozaj", "iw", "und", "sh", "en-abcde"].map(c => [new Intl.DisplayNames("en", {type: "language", style}).of(c), new Intl.DisplayNames("en", {type: "language", style, languageDisplay: "standard"}).of(c), new Intl.DisplayNames("en", {type: "language", style, fallback: "none"}).of(c)]))
["en-u-ca-gregory", "root", "en-a-bc", "en-x-priv", "", "e", "en_US", "123"].map(c => { try { return new Intl.DisplayNames("en", {type: "language"}).of(c) } catch (e) { return e.name } })
["Latn", "Cyrl", "Hans", "Hant", "Arab", "Zyyy", "Zzzz", "Qaaa", "LATN", "latn"].map(c => new Intl.DisplayNames("en", {type: "script"}).of(c))
["Latn", "Lat", "Latin", "", "1234"].map(c => { try { return new Intl.DisplayNames("en", {type: "script"}).of(c) } catch (e) { return e.name } })
["USD", "usd", "EUR", "JPY", "GBP", "CHF", "CNY", "XXX", "BTC", "abc"].map(c => new Intl.DisplayNames("en", {type: "currency"}).of(c))
["USD", "usdd", "US", "", "12A"].map(c => { try { return new Intl.DisplayNames("en", {type: "currency", fallback: "none"}).of(c) } catch (e) { return e.name } })
["short", "narrow"].map(style => new Intl.DisplayNames("en", {type: "currency", style}).of("USD"))
["gregory", "islamic-civil", "roc", "GREGORY", "ethioaa", "ethiopic-amete-alem", "japanese", "buddhist", "chinese", "hebrew", "islamicc", "foo", "iso8601"].map(c => new Intl.DisplayNames("en", {type: "calendar"}).of(c))
["gregorian", "ab", ""].map(c => { try { return new Intl.DisplayNames("en", {type: "calendar"}).of(c) } catch (e) { return e.name } })
["long", "short", "narrow"].map(style => ["era", "year", "quarter", "month", "weekOfYear", "weekday", "day", "dayPeriod", "hour", "minute", "second", "timeZoneName"].map(c => new Intl.DisplayNames("en", {type: "dateTimeField", style}).of(c)))
["week", "WEEKDAY", "zone"].map(c => { try { return new Intl.DisplayNames("en", {type: "dateTimeField"}).of(c) } catch (e) { return e.name } })
["de", "fr", "es", "it", "ja", "zh", "zh-Hant", "ru", "ar", "pt", "pt-PT", "ko", "nl", "sv", "pl", "tr", "hi", "en-GB", "en-AU", "de-CH", "fr-CA", "es-MX", "zh-Hant-HK"].map(l => [l, ...["US", "DE", "GB", "JP", "CN", "FR", "BR", "IN", "419"].map(c => new Intl.DisplayNames(l, {type: "region"}).of(c))])
["de", "fr", "es", "ja", "zh", "ru", "ar", "pt", "ko", "en-GB", "de-CH", "fr-CA", "es-MX", "it", "nl", "sv"].map(l => [l, ...["en", "en-US", "de", "fr-CA", "zh-Hans", "pt-BR", "es-419", "ja"].map(c => new Intl.DisplayNames(l, {type: "language"}).of(c))])
["de", "fr", "es", "ja", "zh", "ru", "ar", "en-GB", "en-IN", "de-CH", "pt"].map(l => [l, ...["USD", "EUR", "JPY", "GBP", "INR", "CHF"].map(c => new Intl.DisplayNames(l, {type: "currency"}).of(c))])
["de", "fr", "ja", "zh", "es"].map(l => [l, ...["year", "month", "day", "weekday", "hour"].map(c => new Intl.DisplayNames(l, {type: "dateTimeField"}).of(c)), new Intl.DisplayNames(l, {type: "calendar"}).of("gregory"), new Intl.DisplayNames(l, {type: "script"}).of("Latn")])
new Intl.DisplayNames("en", {type: "region"}).of()
(() => { try { new Intl.DisplayNames("en", {type: "region"}).of(Symbol()) } catch (e) { return e.name } })()
new Intl.DisplayNames("en", {type: "language"}).of(new Intl.Locale("en-GB"))
new Intl.DisplayNames(new Intl.Locale("fr"), {type: "region"}).of("US")
// Intl.supportedValuesOf
Intl.supportedValuesOf.length
Intl.supportedValuesOf.name
(() => { try { Intl.supportedValuesOf("x") } catch (e) { return e.name } })()
(() => { try { Intl.supportedValuesOf() } catch (e) { return e.name } })()
Intl.supportedValuesOf("calendar")
Intl.supportedValuesOf("currency")
Intl.supportedValuesOf("numberingSystem")
Intl.supportedValuesOf("timeZone")
Intl.supportedValuesOf("unit")
Intl.supportedValuesOf("collation")
Intl.supportedValuesOf("timeZone") !== Intl.supportedValuesOf("timeZone")
// Intl.Segmenter
Intl.Segmenter.length
Object.getOwnPropertyNames(Intl.Segmenter.prototype)
(() => { try { Intl.Segmenter() } catch (e) { return e.name } })()
(() => { try { new Intl.Segmenter("en", {granularity: "line"}) } catch (e) { return e.name } })()
(() => { try { new Intl.Segmenter("en", "word") } catch (e) { return e.name } })()
new Intl.Segmenter("en", {granularity: "word"}).resolvedOptions()
new Intl.Segmenter("xx").resolvedOptions()
Intl.Segmenter.supportedLocalesOf(["en", "xx", "ja"])
[...new Intl.Segmenter("en", {granularity: "word"}).segment("Hello, world! 👋🏽 It is 3.14 o'clock.")]
[...new Intl.Segmenter().segment("e\u0301👨‍👩‍👧🇫🇷a")]
[...new Intl.Segmenter().segment("")]
[...new Intl.Segmenter("en", {granularity: "sentence"}).segment("Hi there. How are you? Mr. Smith is here!  Ok")]
(() => { const seg = new Intl.Segmenter("en", {granularity: "word"}).segment("Hello, world"); return [seg.containing(0), seg.containing(5), seg.containing(-1), seg.containing(1000), seg.containing("3"), seg.containing(), seg.containing(11.9), seg.containing(NaN)] })()
(() => { const seg = new Intl.Segmenter().segment("abc"); const p = Object.getPrototypeOf(seg); return [Object.getOwnPropertyNames(p), Object.getOwnPropertySymbols(p).map(String), Object.prototype.toString.call(seg), p.containing.length] })()
(() => { const it = new Intl.Segmenter().segment("ab")[Symbol.iterator](); const p = Object.getPrototypeOf(it); return [Object.getOwnPropertyNames(p), Object.prototype.toString.call(it), typeof it[Symbol.iterator], it[Symbol.iterator]() === it, it.next(), it.next(), it.next()] })()
[...new Intl.Segmenter("en", {granularity: "word"}).segment("a\ud800b")]
[...new Intl.Segmenter("en", {granularity: "word"}).segment("can't won’t e-mail user@example.com https://x.org 1,000.5 foo_bar")].map(x => x.segment + (x.isWordLike ? "*" : "")).join("|")
[...new Intl.Segmenter("en", {granularity: "word"}).segment("The quick (\"brown\") fox can’t jump 32.3 feet, right?")].filter(s => s.isWordLike).length
[...new Intl.Segmenter().segment("👍🏽👩‍💻🏳️‍🌈ñ")].length
[...new Intl.Segmenter("de", {granularity: "sentence"}).segment("Das ist gut. Wirklich? Ja! Ende")].map(s => s.segment)
(() => { try { new Intl.Segmenter().segment(Symbol()) } catch (e) { return e.name } })()
(() => { try { Intl.Segmenter.prototype.segment.call({}, "a") } catch (e) { return e.name } })()
[...new Intl.Segmenter().segment(12345)].length
// The order options are read in
(() => { const log = []; const p = new Proxy({}, { get(t, k) { log.push(String(k)); return undefined } }); new Intl.Collator("en", p); return log })()
(() => { const log = []; const p = new Proxy({}, { get(t, k) { log.push(String(k)); return undefined } }); "a".localeCompare("b", "en", p); return log })()
(() => { const log = []; const p = new Proxy({type: "region"}, { get(t, k) { log.push(String(k)); return t[k] } }); new Intl.DisplayNames("en", p); return log })()
(() => { const log = []; const p = new Proxy({}, { get(t, k) { log.push(String(k)); return undefined } }); new Intl.Locale("en", p); return log })()
(() => { const log = []; const p = new Proxy({}, { get(t, k) { log.push(String(k)); return undefined } }); new Intl.Segmenter("en", p); return log })()
(() => { const log = []; const p = new Proxy({}, { get(t, k) { log.push(String(k)); return undefined } }); Intl.Collator.supportedLocalesOf("en", p); return log })()
(() => { const log = []; const locs = new Proxy(["de", "fr"], { get(t, k) { log.push(String(k)); return t[k] } }); Intl.getCanonicalLocales(locs); return log })()
(() => { const log = []; const o = { toString() { log.push("this"); return "a" } }, t = { toString() { log.push("that"); return "b" } }; String.prototype.localeCompare.call(o, t); return log })()
(() => { let n = 0; const o = { get sensitivity() { n++; return "base" } }; const c = new Intl.Collator("en", o); return [n, c.compare("a", "A")] })()
// Property attributes
["Collator", "Locale", "DisplayNames", "Segmenter", "getCanonicalLocales", "supportedValuesOf"].map(k => Object.getOwnPropertyDescriptor(Intl, k)).map(d => [d.writable, d.enumerable, d.configurable])
[Intl.Collator, Intl.Locale, Intl.DisplayNames, Intl.Segmenter].map(c => [Object.getOwnPropertyDescriptor(c, "prototype"), Object.getOwnPropertyDescriptor(c.prototype, Symbol.toStringTag), Object.getOwnPropertyDescriptor(c.prototype, "constructor").enumerable, Object.getOwnPropertyDescriptor(c, "supportedLocalesOf") && Object.getOwnPropertyDescriptor(c, "supportedLocalesOf").enumerable].map(d => d && typeof d === "object" ? [d.writable, d.enumerable, d.configurable, typeof d.value === "string" ? d.value : typeof d.value] : d))
[Intl.Collator, Intl.Locale, Intl.DisplayNames, Intl.Segmenter].map(c => Object.getOwnPropertyNames(c.prototype).map(k => { const d = Object.getOwnPropertyDescriptor(c.prototype, k); return [k, d.writable, d.enumerable, d.configurable, typeof d.get] }))
[Intl.Collator, Intl.Locale, Intl.DisplayNames, Intl.Segmenter, Intl.getCanonicalLocales, Intl.supportedValuesOf, String.prototype.localeCompare].map(f => [Object.getOwnPropertyDescriptor(f, "name"), Object.getOwnPropertyDescriptor(f, "length")].map(d => [d.value, d.writable, d.enumerable, d.configurable]))
(() => { const s = new Intl.Segmenter().segment("ab"); const p = Object.getPrototypeOf(s); const it = s[Symbol.iterator](); const ip = Object.getPrototypeOf(it); return [Object.getOwnPropertyDescriptor(p, Symbol.iterator), Object.getOwnPropertyDescriptor(p, "containing"), Object.getOwnPropertyDescriptor(ip, Symbol.toStringTag), Object.getOwnPropertyDescriptor(ip, "next")].map(d => [d.writable, d.enumerable, d.configurable, typeof d.value === "function" ? d.value.name : d.value]) })()
Object.getOwnPropertyDescriptor(String.prototype, "localeCompare").enumerable
Object.keys(new Intl.Segmenter("en", {granularity: "word"}).segment("a b").containing(0))
Object.keys(new Intl.Locale("en").getWeekInfo())
(() => { const d = Object.getOwnPropertyDescriptor(new Intl.Locale("en").getTextInfo(), "direction"); return [d.writable, d.enumerable, d.configurable] })()
// More
["ja", "zh", "zh-Hant", "ar", "he", "ko", "fr", "de", "ru", "hi", "th"].map(l => [l, ...["en-GB", "zh-Hans-CN", "sr-Latn-RS", "de-CH-1996", "xx-YY", "es-419", "pt-PT"].map(c => new Intl.DisplayNames(l, {type: "language"}).of(c)), ...["en-GB", "zh-Hans-CN"].map(c => new Intl.DisplayNames(l, {type: "language", languageDisplay: "standard", style: "short"}).of(c))])
["ja", "zh", "ar", "ko", "ru", "el", "fi", "tr", "pl", "cs", "uk", "vi", "id", "hu", "ro", "nb", "da"].map(l => [l, ...["US", "GB", "DE", "CN", "JP", "HK"].map(c => new Intl.DisplayNames(l, {type: "region", style: "short"}).of(c))])
new Intl.Locale("en", {numeric: "false"}).toString()
new Intl.Locale("en", {caseFirst: false}).toString()
(() => { try { new Intl.Locale("en", {numberingSystem: "latn-"}) } catch (e) { return e.name } })()
(() => { try { new Intl.Locale("en", {collation: "a b"}) } catch (e) { return e.name } })()
new Intl.Locale("en", {numberingSystem: "LATN", calendar: "Gregory"}).toString()
new Intl.Locale("en-u-ca-gregory-ca-buddhist").calendar
new Intl.Locale("EN-LATN-US-U-CA-GREGORY").toString()
new Intl.Locale("de-u-kn-true-kf-lower").toString()
new Intl.Collator(["xx", "de", "fr"]).resolvedOptions().locale
new Intl.Collator(["en-US", "en-US"]).resolvedOptions().locale
(() => { try { new Intl.Collator([null]) } catch (e) { return e.name } })()
new Intl.Collator({length: 1, 0: "sv"}).resolvedOptions().locale
(() => { try { new Intl.Collator(Symbol()) } catch (e) { return e.name } })()
new Intl.Collator("de", {numeric: "", caseFirst: "upper"}).resolvedOptions()
["a", "B", "c", "D"].sort(new Intl.Collator("en", {caseFirst: "upper", sensitivity: "case"}).compare)
["ä", "a", "A", "Ä", "b"].map(w => new Intl.Collator("de", {sensitivity: "case", caseFirst: "upper"}).compare("a", w))
["résumé", "resume", "Resume", "RÉSUMÉ"].map(w => ["base", "accent", "case", "variant"].map(s => "resume".localeCompare(w, "fr", {sensitivity: s})))
["1", "01", "001", "1.0", "10", "9", "-1", "+1", "½", "١٠", "۱۰"].sort(new Intl.Collator("en", {numeric: true}).compare)

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

// node_reference.js: records what Node 24 does with the web globals, for
// webapi's Go tests. Run with Node 24 from jsrt/webapi:
//
//     TZ=UTC node testdata/node_reference.js > testdata/node_reference.json
//
// Every input is ours; Node's answers are the expected values.
'use strict';

const parts = ['href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'hash'];
const describe = (u) => {
  const r = {};
  for (const k of parts) r[k] = u[k];
  r.params = String(u.searchParams);
  return r;
};

// ---- URL parsing: [input, base?] ----
const parse = [];
const add = (input, base) => parse.push(base === undefined ? [input] : [input, base]);

const hosts = [
  'example.com', 'EXAMPLE.com.', 'Example.COM', 'a.b.c.d.e', 'a..b', 'xn--bcher-kva.de', 'bücher.de', 'faß.de',
  'münchen.de', '日本.jp', '☕.us', 'ＥＸＡＭＰＬＥ.com', 'straße.example', 'ex%41mple.com', 'ex%2Emple.com',
  '127.0.0.1', '127.1', '0x7f.0.0.1', '0x7F000001', '0177.0.0.1', '2130706433', '1.2.3', '1.2.3.4.', '0.0.0.0',
  '255.255.255.255', '256.0.0.1', '1.2.3.4.5', '0x100000000', '4294967296', '09.1.1.1', '1.0x', '0x', 'foo.0x10',
  '[::1]', '[::]', '[2001:db8::1]', '[2001:DB8:0:0:0:0:0:1]', '[::ffff:192.168.0.1]', '[1:2:3:4:5:6:7:8]',
  '[1::]', '[0:0:0:0:0:0:0:1]', '[1:0:0:2:0:0:0:3]', '[::1.2.3.4]', '[fe80::1%25eth0]', '[::1', '[1:2:3:4:5:6:7:8:9]',
  '[:::1]', '[1:2::3::4]', '[::ffff:1.2.3]', '[g::1]', 'exa mple.com', 'a<b.com', 'a>b', 'a^b.com', 'a|b', 'a%00b',
  'xn--', 'xn--a.com', '-leading.com', 'trailing-.com', 'under_score.com', 'a.b-.c', 'ab--cd.com', '%zz.com',
  'localhost', 'LOCALHOST', '', 'x'.repeat(70) + '.com',
];
for (const h of hosts) {
  add('http://' + h + '/');
  add('https://' + h + ':8443/p?q#f');
}
for (const h of ['example.com', 'EXAMPLE.com', '[::1]', '1.2.3', 'bücher.de', 'exa mple', 'a%20b', '%41']) {
  add('foo://' + h + '/x');
  add('file://' + h + '/x');
}

const special = ['http', 'https', 'ws', 'wss', 'ftp'];
for (const s of special) {
  for (const port of ['', ':80', ':443', ':21', ':8080', ':0', ':65535', ':65536', ':abc', ':', ':0080']) {
    add(s + '://host' + port + '/path');
  }
}
for (const ui of ['user@', 'user:pass@', ':pass@', '@', 'us er:pa ss@', 'u%40x:p@', 'a:b:c@', 'user:p@ss@', 'ü:ö@', 'a@b@']) {
  add('https://' + ui + 'example.com/');
  add('foo://' + ui + 'h/');
}
const paths = [
  '/a/b/../c', '/a/./b/.', '/./', '/..', '/a/%2e%2E/b', '/a/%2e/b', '/a%2fb', '/a b/c d', '/ü/ß', '/^/{}/|/`',
  '/"quote"<>', '/a\\b\\..\\c', '//double//slash', '/a/b/', '/a?b/c', "/'apos'", '/%', '/%zz', '/%41', '/ #x',
  '/a\tb\nc', '/\u0000x', '/😀', '/..%2f', '/a/..//b', '/a/b/../../../..', '/.%2e/x', '/a/b;c', '/[x]', '/@:',
];
for (const p of paths) {
  add('http://h' + p);
  add('foo://h' + p);
  add('foo:' + p);
}
const queries = ['?a=1&b=2', '?q=a b', '?q=ü', "?'quote'", '?"dq"', '?<>', '?#', '?a=1#frag', '??', '?%zz', '?a+b=c+d', '?`{}', '?😀'];
for (const q of queries) {
  add('http://h/p' + q);
  add('foo://h/p' + q);
}
const fragments = ['#a b', '#ü', '#`', '#<>', '#"', '##', '#%20', "#'", '#{}'];
for (const f of fragments) {
  add('http://h/p' + f);
  add('foo:opaque' + f);
}
for (const x of [
  'data:text/plain,hello world', 'data:,', 'mailto:a@b.c?subject=hi there', 'javascript:alert(1)', 'urn:isbn:0451450523',
  'blob:https://example.com/uuid', 'blob:foo://x/y', 'blob:null/x', 'about:blank', 'sc:space  x', 'sc:  leading',
  'tel:+1-555-0100', 'file:///C:/dir/file.txt', 'file:///c|/x', 'file://localhost/etc/passwd', 'file:c:\\foo\\bar',
  'file://server/share/x', 'file:///', 'file:/x', 'file:x', 'file://C:/x', 'file:///../x', 'FILE:///X',
  'HTTP://EXAMPLE.COM/PATH', 'hTtPs://h', '  http://h/  ', '\thttp://h\n/p', 'http:h', 'http:/h', 'http:\\\\h\\p',
  'https:////h', 'http://', 'http://?', 'http://#', 'http://h:/', 'https://h:443', 'ws://h:80/', 'foo://',
  'foo:///x', 'foo:', 'foo', '', ' ', 'a:b', '1a:b', 'a1+-.:b', '+a:b', 'http://[::1]:8080/x', 'http://[::1]x',
  'http://u:p@[::1]:1/', 'non-spec:/.//p', 'non-spec:/..//p', 'web+demo:/.//not-a-host/', 'sc://ñ', 'sc://%/',
  'sc://@/', 'sc://te@s:t@/', 'sc://:/', 'sc://:12/', 'sc://a\u0000b/', 'sc:\\../', 'http://a:b@c:29/d',
  'http::@c:29', 'http://&a:foo(b]c@d:2/', 'http://::@c@d:2', 'http://example.com/foo/%2e%2', 'http://www.google.com/foo?bar=baz# »',
  'sc:a  ?q', 'data:x  #f', 'sc:a  ?q#f', 'sc:a%20 ?q', ' sc:a \t ?q ', 'sc:a\t ?q', 'data:text/plain,a b  #frag',
  'https://x/\u00a0', 'https://fa\u00adß.de/', 'http://\u0130.com/', 'https://a.b.c.XN--pokxncvks', 'http://١٢٣.com',
]) add(x);

const bases = ['http://example.org/foo/bar?x#y', 'https://a.com/b/c/d;p?q', 'file:///tmp/mock/path', 'foo://h/a/b', 'sc:opaque', 'about:blank'];
const rels = ['', '.', '..', './x', '../x', '../../../../x', '/abs', '//other/x', '//other', '?q=1', '#frag', 'x', 'x/', 'x?y#z',
  'http:foo', 'https:foo', 'http:/foo', 'foo:bar', '\\\\server\\x', '/\\x', ';x', 'C:/x', 'c|', '  /sp  ', 'ü', '%2e%2e/x', '.%2e/x'];
for (const b of bases) for (const r of rels) add(r, b);
for (const b of ['', 'not a url', 'foo', 'http://', '//x']) add('/x', b);

const parseOut = parse.map(([input, base]) => {
  const r = { input };
  if (base !== undefined) r.base = base;
  let u;
  try {
    u = base === undefined ? new URL(input) : new URL(input, base);
  } catch (e) {
    r.error = { name: e.name, code: e.code, message: e.message };
    r.canParse = URL.canParse(input, base);
    return r;
  }
  r.canParse = URL.canParse(input, base);
  Object.assign(r, describe(u));
  return r;
});

// ---- URL setters: [href, property, value] ----
const setters = [];
const setHref = ['https://user:pw@example.com:8080/a/b?x=1#h', 'foo://h/p?q#f', 'sc:opaque?q#f', 'file:///C:/x', 'http://[::1]/', 'data:space  x', 'sc:a  ?q#f', 'data:x  #f'];
const setValues = {
  protocol: ['http', 'https:', 'ws', 'foo', 'file', 'HTTP', '1x', 'a b', 'ftp://ignored', ''],
  username: ['', 'me', 'a b', 'a:b@c', 'ü'],
  password: ['', 'secret', 'p@ss:w/rd', 'ü'],
  host: ['other.com', 'other.com:99', 'OTHER.com:443', '[::2]:1', 'a b', 'bücher.de', '', 'h:abc', '0x7f.1', 'x/y', 'x?y', 'x#y', 'x\\y'],
  hostname: ['other.com', 'other.com:99', '[::2]', '', '1.2.3', 'ex%41mple'],
  port: ['99', '', '80', '443', '65536', 'abc', '12abc', '  1', '-1', '0x10'],
  pathname: ['/new/path', 'rel', '', '/a b/ü', '/../x', '?#', '/%2e/', '\\x\\y'],
  search: ['', '?', 'a=1', '?a=1&b=2', 'q=a b', '#x', '?ü'],
  hash: ['', '#', 'x', '#x y', '#ü', '?q'],
  href: ['https://new.example/x', 'relative', 'foo:bar'],
};
for (const h of setHref) for (const [k, vs] of Object.entries(setValues)) for (const v of vs) setters.push([h, k, v]);
const setterOut = setters.map(([href, prop, value]) => {
  const u = new URL(href);
  const r = { href, prop, value };
  try {
    u[prop] = value;
  } catch (e) {
    r.error = { name: e.name, code: e.code };
  }
  Object.assign(r, { result: describe(u) });
  return r;
});

// ---- URLSearchParams ----
const paramsInputs = [
  '', '?', 'a=1&b=2', '?a=1', 'a', 'a=', '=b', '&&a=1&&', 'a=1&a=2&a=3', 'q=a+b%20c', '%zz=%', '%E2%82%AC=%e2%82',
  'a=b=c', 'ü=ö', '+=+', '%2B=%26', 'x=%F0%9F%98%80', 'é', 'a%3Db=c', 'z=1&y=2&x=3&y=1', '\uD83D\uDE00=1',
];
const paramsOut = paramsInputs.map((input) => {
  const p = new URLSearchParams(input);
  const sorted = new URLSearchParams(input);
  sorted.sort();
  return { input, entries: [...p], string: p.toString(), size: p.size, sorted: sorted.toString() };
});

// ---- TextDecoder ----
const decodeCases = [
  ['utf-8', [0x68, 0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80]],
  ['utf-8', [0xef, 0xbb, 0xbf, 0x41]],
  ['utf-8', [0xe2, 0x82, 0x41, 0xf0, 0x9f, 0x98, 0xed, 0xa0, 0x80, 0xef, 0xbb, 0xbf]],
  ['utf-8', [0xc0, 0x80, 0xc1, 0xbf, 0xf5, 0x80, 0xff, 0xfe, 0x80]],
  ['utf-8', [0xe0, 0x80, 0x80, 0xf0, 0x80, 0x80, 0x80, 0xf4, 0x90, 0x80, 0x80, 0xed, 0x9f, 0xbf]],
  ['utf-8', [0xf0, 0x9f, 0x98]],
  ['utf-16le', [0x41, 0x00, 0x3d, 0xd8, 0x00, 0xde, 0x00, 0xd8, 0x41, 0x00]],
  ['utf-16le', [0xff, 0xfe, 0x41, 0x00, 0x42]],
  ['utf-16be', [0x00, 0x41, 0xd8, 0x3d, 0xde, 0x00]],
  ['latin1', [0x41, 0x80, 0x81, 0x8d, 0x9f, 0xa0, 0xe9, 0xff]],
  ['ascii', [0x48, 0x69, 0x93, 0x94]],
  ['windows-1252', [0x80, 0x99]],
  ['shift_jis', [0x82, 0xa0, 0x93, 0xfa, 0x96, 0x7b, 0x41, 0xb1, 0x82]],
  ['euc-jp', [0xa4, 0xa2, 0xc6, 0xfc, 0x41, 0x8e, 0xb1, 0xa4]],
  ['iso-2022-jp', [0x1b, 0x24, 0x42, 0x24, 0x22, 0x1b, 0x28, 0x42, 0x41]],
  ['gbk', [0xc4, 0xe3, 0xba, 0xc3, 0x41, 0x80, 0xff]],
  ['gb18030', [0xc4, 0xe3, 0x81, 0x30, 0x81, 0x30, 0x41]],
  ['big5', [0xa4, 0xa4, 0xa4, 0xe5, 0x41, 0xa4]],
  ['euc-kr', [0xc7, 0xd1, 0xb1, 0xdb, 0x41, 0xff]],
  ['iso-8859-2', [0x41, 0xa1, 0xb1, 0xe8, 0xff]],
  ['iso-8859-7', [0xc1, 0xe1, 0xae, 0xd2]],
  ['koi8-r', [0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4]],
  ['windows-1251', [0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2, 0x98]],
  ['windows-1250', [0x8a, 0x9a, 0x81]],
  ['ibm866', [0x8f, 0xe0, 0xa8, 0xa2, 0xa5, 0xe2]],
  ['macintosh', [0x80, 0xa5, 0xd0]],
  ['x-user-defined', [0x41, 0x80, 0xff]],
  ['windows-874', [0xa1, 0xdb, 0xdf]],
];
const decodeOut = decodeCases.map(([label, bytes]) => {
  const d = new TextDecoder(label);
  let fatal;
  try {
    fatal = new TextDecoder(label, { fatal: true }).decode(new Uint8Array(bytes));
  } catch (e) {
    fatal = { error: e.name, code: e.code };
  }
  return {
    label, bytes, encoding: d.encoding,
    text: d.decode(new Uint8Array(bytes)),
    ignoreBOM: new TextDecoder(label, { ignoreBOM: true }).decode(new Uint8Array(bytes)),
    fatal,
  };
});
// Streaming: the bytes fed one at a time.
const streamOut = decodeCases.map(([label, bytes]) => {
  const d = new TextDecoder(label);
  let s = '';
  for (const b of bytes) s += d.decode(new Uint8Array([b]), { stream: true });
  s += d.decode();
  return { label, bytes, text: s };
});
const labels = ['utf8', ' UTF-8 ', 'unicode-1-1-utf-8', 'utf-16', 'UTF-16LE', 'ucs-2', 'utf-16be', 'latin1', 'iso-8859-1', 'us-ascii', 'cp1252', 'x-cp1252', 'foo', 'utf-32', 'replacement', '',
  'shift_jis', 'sjis', 'ms_kanji', 'windows-31j', 'euc-jp', 'iso-2022-jp', 'gbk', 'gb2312', 'chinese', 'gb18030', 'big5', 'big5-hkscs', 'euc-kr', 'ks_c_5601-1987',
  'iso-8859-2', 'latin2', 'iso-8859-8-i', 'iso-8859-8', 'iso-8859-15', 'latin9', 'koi8-r', 'koi8-u', 'koi', 'cp1251', 'windows-1258', 'ibm866', 'cp866', 'mac', 'x-mac-cyrillic',
  'x-user-defined', 'tis-620', 'iso-2022-kr', 'hz-gb-2312', 'iso-8859-11', 'ebcdic', 'utf-7'];
const labelOut = labels.map((label) => {
  try {
    return { label, encoding: new TextDecoder(label).encoding };
  } catch (e) {
    return { label, error: e.name, code: e.code, message: e.message };
  }
});

// Every byte of every single-byte encoding: the text, and which bytes a
// fatal decoder refuses.
const singleByte = ['ibm866', 'iso-8859-2', 'iso-8859-3', 'iso-8859-4', 'iso-8859-5', 'iso-8859-6', 'iso-8859-7', 'iso-8859-8',
  'iso-8859-8-i', 'iso-8859-10', 'iso-8859-13', 'iso-8859-14', 'iso-8859-15', 'iso-8859-16', 'koi8-r', 'koi8-u', 'macintosh',
  'windows-874', 'windows-1250', 'windows-1251', 'windows-1252', 'windows-1253', 'windows-1254', 'windows-1255', 'windows-1256',
  'windows-1257', 'windows-1258', 'x-mac-cyrillic', 'x-user-defined'];
const all = Uint8Array.from({ length: 256 }, (_, i) => i);
const singleOut = singleByte.map((label) => {
  const refused = [];
  for (let b = 0; b < 256; b++) {
    try { new TextDecoder(label, { fatal: true }).decode(new Uint8Array([b])); } catch { refused.push(b); }
  }
  return { label, text: new TextDecoder(label).decode(all), refused };
});

process.stdout.write(JSON.stringify({ parse: parseOut, setters: setterOut, params: paramsOut, decode: decodeOut, stream: streamOut, labels: labelOut, singleByte: singleOut }, null, 1) + '\n');

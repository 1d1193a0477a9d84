'use strict';
// url: the legacy API (parse, format, resolve, Url) of the npm package url
// (Node's legacy url for browsers); URL and URLSearchParams are the
// runtime's globals; fileURLToPath, pathToFileURL and the domain functions
// are Node 24's behaviour for a POSIX system, written here.

const legacy = require('url/');
const punycode = require('punycode/');
const path = require('path');
const { nodeError, invalidArgType } = require('./errors');

const hasURL = () => typeof URL === 'function';

function fileURLToPath(u, options) {
  let href;
  if (typeof u === 'string') {
    href = hasURL() ? new URL(u).href : u;
  } else if (u !== null && typeof u === 'object' && typeof u.href === 'string' && typeof u.protocol === 'string') {
    href = u.href;
  } else {
    throw invalidArgType('path', 'of type string or an instance of URL', u);
  }
  if (options && options.windows) {
    throw nodeError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The fileURLToPath() method is not implemented for Windows paths');
  }
  const m = /^file:(?:\/\/([^/?#]*))?([^?#]*)/i.exec(href);
  if (!m) throw nodeError(TypeError, 'ERR_INVALID_URL_SCHEME', 'The URL must be of scheme file');
  const host = m[1] || '';
  if (host !== '' && host.toLowerCase() !== 'localhost') {
    throw nodeError(TypeError, 'ERR_INVALID_FILE_URL_HOST', 'File URL host must be "localhost" or empty on linux');
  }
  const pathname = m[2] || '/';
  if (/%2f/i.test(pathname)) {
    throw nodeError(TypeError, 'ERR_INVALID_FILE_URL_PATH', 'File URL path must not include encoded / characters');
  }
  return pathname.includes('%') ? decodeURIComponent(pathname) : pathname;
}

// The characters a file URL's path must escape: what Node escapes itself
// (%, \, newline, carriage return, tab, # and ?), then the URL path
// percent-encode set (controls, space, ", <, >, `, {, } and non-ASCII).
function encodePath(p) {
  let out = '';
  for (const ch of p) {
    const c = ch.codePointAt(0);
    if (c <= 0x20 || c >= 0x7f || '%\\#?"<>`{}'.includes(ch)) {
      for (const b of host.utf8Bytes(ch)) out += '%' + (b < 16 ? '0' : '') + b.toString(16).toUpperCase();
    } else {
      out += ch;
    }
  }
  return out;
}

function pathToFileURL(filepath, options) {
  if (typeof filepath !== 'string') throw invalidArgType('path', 'of type string', filepath);
  if (options && options.windows) {
    throw nodeError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The pathToFileURL() method is not implemented for Windows paths');
  }
  let resolved = path.posix.resolve(filepath);
  if (filepath.endsWith('/') && !resolved.endsWith('/')) resolved += '/';
  const href = 'file://' + encodePath(resolved);
  if (!hasURL()) throw nodeError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'pathToFileURL() needs the URL global');
  return new URL(href);
}

function domainToASCII(domain) {
  if (arguments.length < 1) throw nodeError(TypeError, 'ERR_MISSING_ARGS', 'The "domain" argument must be specified');
  try {
    // A label that claims to be punycode must be ASCII and decode.
    for (const label of String(domain).split('.')) {
      if (/^xn--/i.test(label) && (!/^[\x00-\x7f]*$/.test(label) || punycode.toUnicode(label) === label)) return '';
    }
    const ascii = punycode.toASCII(String(domain).toLowerCase());
    return /^[a-z0-9.-]*$/.test(ascii) ? ascii : '';
  } catch {
    return '';
  }
}

function domainToUnicode(domain) {
  if (arguments.length < 1) throw nodeError(TypeError, 'ERR_MISSING_ARGS', 'The "domain" argument must be specified');
  try {
    return punycode.toUnicode(String(domain).toLowerCase());
  } catch {
    return '';
  }
}

function urlToHttpOptions(url) {
  const options = {
    __proto__: null,
    ...url,
    protocol: url.protocol,
    hostname: url.hostname && url.hostname[0] === '[' ? url.hostname.slice(1, -1) : url.hostname,
    hash: url.hash,
    search: url.search,
    pathname: url.pathname,
    path: `${url.pathname || ''}${url.search || ''}`,
    href: url.href,
  };
  if (url.port !== '') options.port = Number(url.port);
  if (url.username || url.password) {
    options.auth = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  }
  return options;
}

const url = {
  Url: legacy.Url,
  parse: legacy.parse,
  resolve: legacy.resolve,
  resolveObject: legacy.resolveObject,
  format(u, options) {
    if (hasURL() && u instanceof URL) {
      // format(URL, options) as Node: auth, fragment, search, unicode.
      const o = { auth: true, fragment: true, search: true, unicode: false, ...options };
      let s = u.protocol;
      if (u.host !== '' || u.protocol === 'file:') s += '//';
      if (o.auth && (u.username || u.password)) s += u.username + (u.password ? ':' + u.password : '') + '@';
      s += o.unicode ? domainToUnicode(u.hostname) + (u.port ? ':' + u.port : '') : u.host;
      s += u.pathname;
      if (o.search) s += u.search;
      if (o.fragment) s += u.hash;
      return s;
    }
    return legacy.format(u);
  },
  domainToASCII,
  domainToUnicode,
  fileURLToPath,
  pathToFileURL,
  urlToHttpOptions,
};
if (hasURL()) url.URL = URL;
if (typeof URLSearchParams === 'function') url.URLSearchParams = URLSearchParams;
module.exports = url;

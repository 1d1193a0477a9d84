// Pick apart a URL from a tool result.
const u = new URL('https://user:secret@Shop.Example.COM:8443/cart/../items/42?ref=mail&utm_source=x#reviews');
return {
  protocol: u.protocol, username: u.username, password: u.password, host: u.host, hostname: u.hostname,
  port: u.port, pathname: u.pathname, search: u.search, hash: u.hash, origin: u.origin,
  ref: u.searchParams.get('ref'), json: JSON.stringify(u),
};

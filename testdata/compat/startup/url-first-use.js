const u = new URL("https://example.com/a^b/c d?q=1#h");
return { href: u.href, path: u.pathname, search: u.searchParams.get("q") };

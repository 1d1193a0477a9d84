// Validate user-supplied URLs the way agents do: try/catch and URL.parse.
const inputs = ['https://ok.example', 'not a url', '/relative/only', 'http://[::1]:8080/', 'https://exa mple.com', 'mailto:x@y.z', ''];
const out = [];
for (const s of inputs) {
  try {
    const u = new URL(s);
    out.push({ s, ok: true, protocol: u.protocol });
  } catch (e) {
    out.push({ s, ok: false, name: e.name, code: e.code, message: e.message });
  }
}
return { out, parsed: inputs.map((s) => URL.parse(s)?.host ?? null) };

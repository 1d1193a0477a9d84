const enc = new TextEncoder();
const key = await crypto.subtle.importKey("raw", enc.encode("secret"), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
const sig = new Uint8Array(await crypto.subtle.sign("HMAC", key, enc.encode("payload")));
return { len: sig.length, ok: await crypto.subtle.verify("HMAC", key, sig, enc.encode("payload")), hex: Array.from(sig.slice(0, 6), (b) => b.toString(16).padStart(2, "0")).join("") };

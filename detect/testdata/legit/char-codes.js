const caesar = (s, k) => s.replace(/[a-z]/g, (ch) => String.fromCharCode(((ch.charCodeAt(0) - 97 + k) % 26) + 97));
return [caesar('hello', 3), String.fromCharCode(72, 105)];

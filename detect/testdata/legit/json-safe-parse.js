function safeParse(s, fallback = null) {
  try {
    return JSON.parse(s);
  } catch {
    return fallback;
  }
}
return [safeParse('{"a":1}'), safeParse('nope', 'fallback'), safeParse('[1,2]')];

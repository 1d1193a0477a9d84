function* ids(prefix) {
  let i = 0;
  while (true) yield `${prefix}-${i++}`;
}
const gen = ids('job');
return [gen.next().value, gen.next().value, gen.next().value];

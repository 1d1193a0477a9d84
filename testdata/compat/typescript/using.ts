// using / await using: resources disposed in reverse order at block end.
const log: string[] = [];
function open(name: string): Disposable {
  log.push(`open ${name}`);
  return { [Symbol.dispose]() { log.push(`close ${name}`); } };
}
async function connect(name: string): Promise<AsyncDisposable> {
  log.push(`connect ${name}`);
  return { async [Symbol.asyncDispose]() { await null; log.push(`disconnect ${name}`); } };
}
{
  using a = open('a');
  using b = open('b');
  await using db = await connect('db');
  log.push('work');
}
return log;

// const enums are inlined; their values are the same.
const enum Unit { Byte = 1, KiB = 1024, MiB = KiB * 1024 }
const enum Dir { Up = 'up', Down = 'down' }
function human(bytes: number): string {
  if (bytes >= Unit.MiB) return (bytes / Unit.MiB).toFixed(1) + ' MiB';
  if (bytes >= Unit.KiB) return (bytes / Unit.KiB).toFixed(1) + ' KiB';
  return bytes * Unit.Byte + ' B';
}
const moves: Dir[] = [Dir.Up, Dir.Down, Dir.Up];
return { sizes: [512, 2048, 5 * 1024 * 1024].map(human), ups: moves.filter((m) => m === Dir.Up).length };

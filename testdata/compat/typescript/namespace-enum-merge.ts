// An enum merged with a namespace of helpers.
enum Status { Active = 'active', Suspended = 'suspended', Closed = 'closed' }
namespace Status {
  export function parse(s: string): Status | undefined {
    return (Object.values(Status) as string[]).includes(s) ? (s as Status) : undefined;
  }
  export const open = (s: Status) => s !== Status.Closed;
}
const input = ['active', 'closed', 'nope'];
return input.map((s) => {
  const st = Status.parse(s);
  return st === undefined ? null : [st, Status.open(st)];
});

// declare lines are types only: nothing is emitted for them.
declare const BUILD_ID: string;
declare function track(event: string): void;
declare global { interface Array<T> { lastItem?: T } }
declare module 'fake-module' { export const x: number; }
type Row = { id: number; tags?: string[] };
const rows: Row[] = [{ id: 1, tags: ['a'] }, { id: 2 }];
const hasBuildId = typeof (globalThis as any).BUILD_ID !== 'undefined';
return { tagged: rows.filter((r) => r.tags?.length).map((r) => r.id), hasBuildId };

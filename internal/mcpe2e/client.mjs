// An MCP client of the official TypeScript SDK (the version package.json
// pins) driving `supervisor mcp` over stdio, as a user's client would.
//
//   node client.mjs SUPERVISOR [ARGS...]
//
// starts SUPERVISOR ARGS... (the Go test passes `mcp` and its flags, and the
// environment), lists the tools, calls each with valid and invalid
// arguments, and prints one JSON report on standard output:
//
//   {"sdkVersion", "tools": {name: {inputSchema, outputSchema}},
//    "cases": [{"name", "ok", "problems": [...], "ms"}],
//    "canary": {"ok", "message"}, "figures": {...}}
//
// Every call goes through Client.callTool, which validates the structured
// content against the tool's output schema itself (after listTools) and
// throws when it does not match: such a case reports the SDK's error. The
// canary shows that this check is active: a second client whose tools/list
// answer is tampered with (code_execute's status may not be "ok") must see
// the SDK refuse an ok result.
import { readFileSync } from 'node:fs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: node client.mjs SUPERVISOR [ARGS...]');
  process.exit(2);
}

const sdkVersion = JSON.parse(
  readFileSync(new URL('./node_modules/@modelcontextprotocol/sdk/package.json', import.meta.url), 'utf8'),
).version;

// The client's name: the server records it as the agent id, made into an
// id (spaces and parentheses become '-').
const clientName = 'codexec e2e (TypeScript SDK)';
const agentId = 'codexec-e2e-TypeScript-SDK';

async function connect(name, tamper) {
  const transport = new StdioClientTransport({ command, args, env: { ...process.env }, stderr: 'inherit' });
  const client = new Client({ name, version: '1.0.0' });
  await client.connect(transport);
  if (tamper) {
    // Replace what the SDK reads, before it reads it.
    const deliver = transport.onmessage;
    transport.onmessage = (msg, extra) => {
      if (msg?.result?.tools) tamper(msg.result.tools);
      deliver(msg, extra);
    };
  }
  return client;
}

// Byte length of a string as UTF-8.
const bytes = (s) => Buffer.byteLength(s, 'utf8');

function sameJSON(a, b) {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}
function sortKeys(v) {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
  }
  return v;
}

// What every answer must be: structured content (the SDK has validated it
// against the output schema by now), one text block that is that JSON
// (output and logs may be cut and marked), and isError as expected.
function common(res, wantError) {
  const problems = [];
  const sc = res.structuredContent;
  if (!sc || typeof sc !== 'object') problems.push('no structured content');
  if (!!res.isError !== wantError) problems.push(`isError ${!!res.isError}, want ${wantError}`);
  if (res.content?.length !== 1 || res.content[0].type !== 'text') {
    problems.push(`content ${JSON.stringify(res.content)?.slice(0, 200)}, want one text block`);
    return problems;
  }
  let text;
  try {
    text = JSON.parse(res.content[0].text);
  } catch (e) {
    problems.push(`the text is not JSON: ${e.message}: ${res.content[0].text.slice(0, 200)}`);
    return problems;
  }
  const cut = { ...text };
  if (text.outputTruncated) {
    if (typeof text.output !== 'string' || !JSON.stringify(sc.output).startsWith(text.output)) {
      problems.push('the cut output is not the start of the output JSON');
    }
    cut.output = sc.output;
    delete cut.outputTruncated;
    delete cut.outputBytes;
  }
  if (text.logsTruncated) {
    cut.logs = sc.logs;
    delete cut.logsTruncated;
    delete cut.logLines;
  }
  if (sc && !sameJSON(cut, sc)) problems.push('the text is not the structured content as JSON');
  return problems;
}

// An argument refused: status invalid, error.argument, error.allowed; an
// id only when the service recorded it (a value out of bounds).
function refused(argument, inMessage, recorded = false) {
  return (res) => {
    const problems = common(res, true);
    const sc = res.structuredContent ?? {};
    if (sc.status !== 'invalid') problems.push(`status ${sc.status}, want invalid`);
    if (sc.error?.argument !== argument) problems.push(`error.argument ${sc.error?.argument}, want ${argument}`);
    if (!sc.error?.allowed) problems.push('no error.allowed');
    if (!sc.error?.message?.includes(inMessage)) problems.push(`error.message ${sc.error?.message}, want it to contain ${inMessage}`);
    if (!!sc.id !== recorded) problems.push(`id ${sc.id}: recorded ${!!sc.id}, want ${recorded}`);
    if ('language' in sc && !['javascript', 'typescript'].includes(sc.language)) problems.push(`language ${sc.language}`);
    return problems;
  };
}

function status(want, check) {
  return (res) => {
    const problems = common(res, want !== 'ok');
    const sc = res.structuredContent ?? {};
    if (sc.status !== want) problems.push(`status ${sc.status}, want ${want}: ${JSON.stringify(sc.error)}`);
    if (check) problems.push(...check(sc, res));
    return problems;
  };
}

const bigCode = "return Array.from({length: 20000}, (_, i) => ({id: i, name: 'item ' + i, tags: ['a', 'b']}))";
const figures = {};

// The calls, each with what its answer must be. recorded: the call leaves
// an execution in the audit trail (counted in the statistics at the end).
const cases = [
  { name: 'javascript with context', tool: 'code_execute', recorded: true,
    args: { code: "console.log('n', context.xs.length); return {sum: context.xs.reduce((a, b) => a + b, 0), keys: Object.keys(context)}", context: { xs: [1, 2, 3], b: true } },
    check: status('ok', (sc) => (sameJSON(sc.output, { sum: 6, keys: ['xs', 'b'] }) && sc.logs[0]?.message === 'n 3' && sc.language === 'javascript' ? [] : [`result ${JSON.stringify(sc)}`])) },
  { name: 'typescript', tool: 'code_execute', recorded: true,
    args: { code: 'interface P { x: number }\nconst p: P = {x: 20};\nreturn p.x + 1', language: 'typescript' },
    check: status('ok', (sc) => (sc.output === 21 && sc.language === 'typescript' ? [] : [`result ${JSON.stringify(sc)}`])) },
  { name: 'blocked', tool: 'code_execute', recorded: true, args: { code: 'return process.env' },
    check: status('blocked', (sc) => (sc.validation.findings.some((f) => f.rule === 'process') && sc.error.hint ? [] : [`validation ${JSON.stringify(sc.validation)}`])) },
  { name: 'thrown error', tool: 'code_execute', recorded: true, args: { code: "const a = 1;\nthrow new Error('boom')" },
    check: status('error', (sc) => (sc.error.line === 2 ? [] : [`error ${JSON.stringify(sc.error)}`])) },
  { name: 'timeout', tool: 'code_execute', recorded: true, args: { code: 'while (true) {}', timeout: 200 },
    check: status('timeout', (sc) => (sc.resourceUsage.timeout ? [] : ['resourceUsage.timeout false'])) },
  { name: 'large output: 20,000 items', tool: 'code_execute', recorded: true, args: { code: bigCode },
    check: status('ok', (sc, res) => {
      const p = [];
      const text = res.content[0].text;
      const full = JSON.stringify(sc.output);
      const t = JSON.parse(text);
      figures.largeOutput = { items: sc.output.length, outputBytes: bytes(full), textBytes: bytes(text), structuredBytes: bytes(JSON.stringify(sc)) };
      if (sc.output.length !== 20000) p.push(`${sc.output.length} items in the structured content`);
      if (t.outputTruncated !== true || t.outputBytes !== bytes(full)) p.push(`outputTruncated ${t.outputTruncated}, outputBytes ${t.outputBytes}; want true and ${bytes(full)}`);
      if (bytes(t.output) > 16384) p.push(`the cut output is ${bytes(t.output)} bytes`);
      if (bytes(text) > 64 << 10) p.push(`the text is ${bytes(text)} bytes`);
      return p;
    }) },
  { name: 'validate typescript', tool: 'code_validate', args: { code: 'const n: number = 1;\nreturn n', language: 'typescript' },
    check: status('ok', (sc) => (sc.allowed && sc.language === 'typescript' ? [] : [`verdict ${JSON.stringify(sc)}`])) },
  { name: 'validate blocked (an answer, not an error)', tool: 'code_validate', args: { code: "return eval('1')" },
    check: (res) => {
      const p = common(res, false);
      if (res.structuredContent?.status !== 'blocked' || res.structuredContent.allowed) p.push(`verdict ${JSON.stringify(res.structuredContent)}`);
      return p;
    } },

  // Languages that are not languages: refused, never recorded.
  ...['python', 'TypeScript', 'ts'].flatMap((language) => [
    { name: `code_execute language ${language}`, tool: 'code_execute', args: { code: 'return 1', language }, check: refused('language', `"${language}" is not supported`) },
    { name: `code_validate language ${language}`, tool: 'code_validate', args: { code: 'return 1', language }, check: refused('language', `"${language}" is not supported`) },
  ]),
  { name: 'missing code', tool: 'code_execute', args: { language: 'javascript' }, check: refused('code', 'needs code') },
  { name: 'unknown argument', tool: 'code_execute', args: { code: 'return 1', memoryLimit: 64 }, check: refused('memoryLimit', 'unknown argument') },
  { name: 'timeout as a string', tool: 'code_execute', args: { code: 'return 1', timeout: '500' }, check: refused('timeout', 'whole number of milliseconds') },
  { name: 'code not a string', tool: 'code_execute', args: { code: 42 }, check: refused('code', 'must be a string') },
  { name: 'tsExperimentalDecorators not a boolean', tool: 'code_execute', args: { code: 'return 1', tsExperimentalDecorators: 'yes' }, check: refused('tsExperimentalDecorators', 'must be a boolean') },
  { name: 'timeout out of range (recorded)', tool: 'code_execute', recorded: true, args: { code: 'return 1', timeout: 60000 }, check: refused('timeout', 'outside [1, 30000] ms', true) },
  { name: 'code_validate without code', tool: 'code_validate', args: {}, check: refused('code', 'needs code') },
  { name: 'execution_stats agentId with spaces', tool: 'execution_stats', args: { agentId: 'bad id with spaces' }, check: refused('agentId', "contains ' '") },
  { name: 'execution_stats empty agentId', tool: 'execution_stats', args: { agentId: '' }, check: refused('agentId', 'is empty') },
  { name: 'execution_stats of another agent', tool: 'execution_stats', args: { agentId: 'nobody-here' },
    check: (res) => {
      const p = common(res, false);
      if (res.structuredContent?.totalExecutions !== 0) p.push(`stats ${JSON.stringify(res.structuredContent)}`);
      return p;
    } },
];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// cancellationCases: a long code_execute cancelled through the SDK's
// AbortSignal, so that the client sends notifications/cancelled: the call
// rejects at once, no response for its id ever arrives, and the server
// answers the next call. (The Go test reads the record: cancelled.) Each
// returns {name, ok, problems, recorded}.
async function cancellationCases(client) {
  const start = performance.now();
  const problems = [];
  const transport = client.transport;
  let id;
  const answered = new Set();
  const send = transport.send.bind(transport);
  transport.send = (msg, opts) => {
    if (msg.method === 'tools/call' && JSON.stringify(msg.params).includes('cancel-marker')) id = msg.id;
    return send(msg, opts);
  };
  const deliver = transport.onmessage;
  transport.onmessage = (msg, extra) => {
    if (msg && 'id' in msg && !('method' in msg)) answered.add(msg.id);
    deliver(msg, extra);
  };
  const ac = new AbortController();
  const call = client.callTool({ name: 'code_execute', arguments: {
    code: "await new Promise((r) => setTimeout(r, 20000)); return 'finished' // cancel-marker", timeout: 30000 } },
  undefined, { signal: ac.signal });
  await sleep(500); // the runner has the job by now (and if not, it never starts)
  const abortedAt = performance.now();
  ac.abort('the e2e test cancels');
  try {
    await call;
    problems.push('the cancelled call resolved');
  } catch (e) {
    if (performance.now() - abortedAt > 2000) problems.push(`the call rejected only after ${Math.round(performance.now() - abortedAt)} ms`);
  }
  if (id === undefined) problems.push('the call was not seen on the wire');
  const after = await client.callTool({ name: 'code_execute', arguments: { code: 'return 7' } });
  if (after.structuredContent?.output !== 7) problems.push(`the call after the cancellation: ${JSON.stringify(after.structuredContent)}`);
  await sleep(300);
  if (answered.has(id)) problems.push(`the cancelled call (id ${id}) was answered`);
  transport.send = send;
  transport.onmessage = deliver;
  return [{ name: 'code_execute cancelled (notifications/cancelled)', ok: problems.length === 0, problems,
    ms: Math.round(performance.now() - start), recorded: 2 }];
}

async function run(client, c) {
  const start = performance.now();
  let res;
  let problems;
  try {
    res = await client.callTool({ name: c.tool, arguments: c.args });
  } catch (e) {
    problems = [`the SDK threw: ${e.message}`];
  }
  if (res) {
    try {
      problems = c.check(res);
      if (c.recorded && !res.structuredContent?.id) problems.push('no execution id');
    } catch (e) {
      problems = [`checking the answer: ${e.message}`];
    }
  }
  return { name: c.name, ok: problems.length === 0, problems, ms: Math.round(performance.now() - start) };
}

async function main() {
  const report = { sdkVersion, tools: {}, cases: [], canary: null, figures };
  const client = await connect(clientName);
  // listTools first: the SDK compiles the output schemas it validates
  // every later result against.
  const { tools } = await client.listTools();
  for (const t of tools) report.tools[t.name] = { inputSchema: t.inputSchema, outputSchema: t.outputSchema };
  report.serverVersion = client.getServerVersion();

  for (const c of cases) report.cases.push(await run(client, c));
  const cancelled = await cancellationCases(client);
  report.cases.push(...cancelled.map(({ recorded, ...c }) => c));

  // The statistics count what was recorded, and only languages.
  const recorded = cases.filter((c) => c.recorded).length + cancelled.reduce((n, c) => n + c.recorded, 0);
  report.cases.push(await run(client, {
    name: 'execution_stats of this client', tool: 'execution_stats', args: {},
    check: (res) => {
      const p = common(res, false);
      const st = res.structuredContent ?? {};
      if (st.agentId !== agentId || st.totalExecutions !== recorded) p.push(`stats ${JSON.stringify(st)}, want ${recorded} executions of ${agentId}`);
      for (const l of Object.keys(st.languages ?? {})) if (!['javascript', 'typescript'].includes(l)) p.push(`language ${l} counted`);
      return p;
    },
  }));
  await client.close();

  // The canary: the same server, but the client is told code_execute's
  // status can never be ok. The SDK must refuse the ok result.
  const canary = await connect(`${clientName} canary`, (tools) => {
    const t = tools.find((x) => x.name === 'code_execute');
    t.outputSchema.properties.status.enum = t.outputSchema.properties.status.enum.filter((s) => s !== 'ok');
  });
  await canary.listTools();
  try {
    await canary.callTool({ name: 'code_execute', arguments: { code: 'return 1' } });
    report.canary = { ok: false, message: 'the SDK accepted structured content its (tampered) output schema refuses: it does not validate' };
  } catch (e) {
    report.canary = { ok: /Structured content does not match the tool's output schema/.test(e.message), message: e.message };
  }
  await canary.close();

  process.stdout.write(JSON.stringify(report) + '\n');
}

main().catch((e) => {
  console.error(e?.stack ?? String(e));
  process.exit(1);
});

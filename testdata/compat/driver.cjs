// driver.cjs FILE: run one compat case in Node as codexec runs it (the body
// of an async function of context) and print its console lines, then
// "=> JSON" of the value or "!! NAME" of the error. Used by record.sh only.
'use strict';
const fs = require('fs');
const path = require('path');
const os = require('os');
const file = process.argv[2];
const code = fs.readFileSync(file, 'utf8');
const directives = {};
for (const line of code.split('\n')) {
  const m = /^\s*\/\/\s*compat:\s*(\w+)\s*(.*)$/.exec(line);
  if (m) directives[m[1]] = m[2].trim() || true;
  else if (!/^\s*(\/\/.*)?$/.test(line)) break;
}
const context = directives.context ? JSON.parse(directives.context) : {};
let js = 'module.exports = async function (context) {\n' + code + '\n};\n';
if (file.endsWith('.ts')) {
  const ts = require('typescript');
  // Type-only module lines (import type, export type and interface) are
  // erased by TypeScript at the top level of a module, not inside the
  // function: blank them out (lines kept) before wrapping.
  let body = code;
  const sf = ts.createSourceFile('case.ts', code, ts.ScriptTarget.ES2022, false);
  const exported = (st) => (st.modifiers || []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  for (const st of [...sf.statements].reverse()) {
    const ic = ts.isImportDeclaration(st) && st.importClause;
    const typeOnly = (ic && (ic.isTypeOnly || (!ic.name && ic.namedBindings && ts.isNamedImports(ic.namedBindings) &&
      ic.namedBindings.elements.every((e) => e.isTypeOnly)))) ||
      ((ts.isTypeAliasDeclaration(st) || ts.isInterfaceDeclaration(st)) && exported(st)) ||
      (ts.isExportDeclaration(st) && st.isTypeOnly);
    if (typeOnly) {
      const a = st.getStart(sf);
      body = body.slice(0, a) + body.slice(a, st.end).replace(/[^\n]/g, ' ') + body.slice(st.end);
    }
  }
  js = ts.transpileModule('export = async function (context: any) {\n' + body + '\n};\n', {
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      experimentalDecorators: !!directives.tsExperimentalDecorators,
      emitDecoratorMetadata: false,
      useDefineForClassFields: true,
    },
  }).outputText;
}
const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'compat-')), 'case.cjs');
fs.writeFileSync(tmp, js);
if (!directives.allowBuiltinModules) {
  // codexec has no require without allowBuiltinModules; a case that uses it
  // must say so.
}
const fn = require(tmp);
let settled = false;
let line = null;
process.on('exit', () => {
  if (!settled) line = '!! Timeout';
  process.stdout.write(line + '\n');
});
process.on('uncaughtException', (e) => {
  if (!settled) {
    settled = true;
    line = '!! ' + (e && e.name ? e.name : 'Error');
  }
  process.exit(0);
});
process.on('unhandledRejection', (e) => {
  if (!settled) {
    settled = true;
    line = '!! ' + (e && e.name ? e.name : 'Error');
  }
  process.exit(0);
});
fn(context).then((v) => {
  settled = true;
  const s = JSON.stringify(v);
  line = '=> ' + (s === undefined ? 'null' : s);
}, (e) => {
  settled = true;
  line = '!! ' + (e && e.name ? e.name : 'Error');
});

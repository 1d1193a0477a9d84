// prelude.js: the sandbox's JavaScript-side globals. It runs once per runtime,
// before any user code, and captures every built-in it uses so that user code
// that later replaces Object.keys or Array.prototype.join cannot change how
// logs are formatted or how structuredClone behaves.
//
// It is one function expression; jsrt calls it with the host hooks and
// installs what it returns. It must stay within what goja can parse (no async
// generators) and must not use eval or Function.
(function (host) {
  'use strict';
  const emit = host.emit; // (level, message): one console line
  const uncaught = host.uncaught; // (error): an exception nobody caught
  const budget = host.budget; // max characters worth formatting for one line
  const loadLazy = host.lazy; // (intrinsics): compiles and runs prelude_lazy.js
  const promiseState = host.promiseState; // (v): {state, value} of a promise, else undefined
  const proxyTarget = host.proxyTarget; // (v): {target, handler} of a proxy, else undefined
  const hrnow = host.now; // (): milliseconds on a monotonic clock, sub-millisecond
  const callStack = host.stack; // (): "\n    at …" lines of the code's call stack

  // The built-ins this file and prelude_lazy.js call, read by jsrt
  // (intrinsics.go) before any user code ran.
  const I = host.intrinsics;
  const {
    apply, setProto, getOwnDesc, defineProp, freeze, objToString, StringCtor, NumberCtor, errorToString,
    arrayJoin, stringSlice, stringIndexOf, mathMax, PromiseCtor, promiseThen, TypeErrorCtor, SymbolSpecies,
    jsonStringify, jsonParse,
  } = I;
  const call = (fn, self, ...args) => apply(fn, self, args);
  const tryCall = (fn, self, ...args) => {
    try {
      return { ok: true, value: apply(fn, self, args) };
    } catch (e) {
      return { ok: false, value: e };
    }
  };
  const isError = (v) => call(objToString, v) === '[object Error]';
  const describeError = (e) => {
    const r = tryCall(errorToString, e);
    if (r.ok && typeof r.value === 'string') return r.value;
    return 'Error';
  };
  // What prelude_lazy.js receives: the intrinsics and the host's hooks.
  const hooks = freeze(setProto({ budget, promiseState, proxyTarget, describeError }, null));
  let lazyExports;
  const lazy = () => lazyExports || (lazyExports = loadLazy(I, hooks));

  // list is an array no setter planted on Array.prototype can see.
  const list = () => setProto([], null);
  const argList = (args, from) => {
    const out = list();
    for (let i = from; i < args.length; i++) out[i - from] = args[i];
    return out;
  };

  // The common console line: strings and plain numbers, no directive, needs
  // none of the inspector.
  const simple = (args) => {
    // Joined once at the end: appending to one string would copy it for
    // every argument.
    const out = list();
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      const t = typeof a;
      if (t === 'string') {
        if (i === 0 && args.length > 1 && call(stringIndexOf, a, '%') >= 0) return undefined;
      } else if (t === 'boolean' || a === undefined || a === null || (t === 'number' && !(a === 0 && 1 / a < 0))) {
        // as String() prints them
      } else {
        return undefined;
      }
      out[i] = StringCtor(a);
    }
    return call(arrayJoin, out, ' ');
  };
  const format = (args) => {
    const s = simple(args);
    return s === undefined ? lazy().format(args) : s;
  };

  // ---- console: Node's, writing lines to the host ----

  let indent = '';
  // write indents every line of a message by the group depth.
  const write = (level, msg) => {
    if (indent !== '') {
      const parts = list();
      let last = 0;
      for (let i = 0; i < msg.length; i++) {
        if (msg[i] === '\n') {
          parts[parts.length] = call(stringSlice, msg, last, i);
          last = i + 1;
        }
      }
      parts[parts.length] = call(stringSlice, msg, last, msg.length);
      msg = indent + call(arrayJoin, parts, '\n' + indent);
    }
    emit(level, msg);
  };
  const line = (level) => function () {
    write(level, format(argList(arguments, 0)));
  };
  // The rest of console is compiled with the inspector, on first use.
  let extras;
  const extra = (name) => function () {
    if (extras === undefined) extras = lazy().console(write, format, hrnow, callStack);
    return apply(extras[name], undefined, arguments);
  };
  const console = {
    log: line('log'),
    info: line('info'),
    warn: line('warn'),
    error: line('error'),
    debug: line('debug'),
    dirxml: line('log'),
    trace: extra('trace'),
    dir: extra('dir'),
    table: extra('table'),
    assert: extra('assert'),
    count: extra('count'),
    countReset: extra('countReset'),
    time: extra('time'),
    timeLog: extra('timeLog'),
    timeEnd: extra('timeEnd'),
    group() {
      if (arguments.length) write('log', format(argList(arguments, 0)));
      indent += '  ';
    },
    groupEnd() {
      indent = call(stringSlice, indent, 0, mathMax(0, indent.length - 2));
    },
  };
  console.groupCollapsed = console.group;

  // ---- queueMicrotask ----

  // The microtask queue's own promise: its own constructor and species are
  // data properties, so that then() finds neither a getter user code
  // planted on Promise.prototype.constructor nor one on Promise[Symbol.species].
  class SafePromise extends PromiseCtor {
    constructor(executor) {
      super(executor);
    }
  }
  defineProp(SafePromise, SymbolSpecies, setProto({ value: SafePromise }, null));
  const resolved = new SafePromise((resolve) => resolve());
  defineProp(resolved, 'constructor', setProto({ value: SafePromise }, null));
  function queueMicrotask(callback) {
    if (typeof callback !== 'function') {
      throw new TypeErrorCtor('The "callback" argument must be of type function');
    }
    call(promiseThen, resolved, () => {
      try {
        callback();
      } catch (e) {
        uncaught(e);
      }
    });
  }

  function structuredClone(value) {
    if (arguments.length === 0) throw new TypeErrorCtor("Failed to execute 'structuredClone': 1 argument required, but only 0 present.");
    return lazy().structuredClone(value);
  }

  // ---- for the host: describing errors and values without trusting them ----

  // describe returns a one-line description of a thrown value and, when it
  // is an Error with a goja stack, that stack.
  function describe(e) {
    if (typeof e === 'object' && e !== null && isError(e)) {
      let stack = '';
      const d = tryCall(getOwnDesc, null, e, 'stack');
      if (d.ok && d.value !== undefined) {
        setProto(d.value, null);
        if (typeof d.value.value === 'string') stack = d.value.value;
      }
      return setProto({ message: describeError(e), stack }, null);
    }
    return setProto({ message: 'Uncaught ' + lazy().inspectNested(e), stack: '' }, null);
  }

  return freeze({
    console: console,
    queueMicrotask: queueMicrotask,
    structuredClone: structuredClone,
    describe: describe,
    stringify: jsonStringify,
    parse: jsonParse,
    // inspector() is util's inspect, format and formatWithOptions (for the
    // modules): the same inspector console uses.
    inspector: () => lazy().util,
  });
});

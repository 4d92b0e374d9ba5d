// Asks V8 to compile, while the script streams in, exactly the functions that start-up runs:
// not every function (the file-wide hint `//# allFunctionsCalledOnLoad`), not none.
//
// Why (issue 19, docs/benchmarks.md): V8 compiles a function at its first call, on the main
// thread, unless it looks "possibly invoked": a function or arrow expression in parentheses,
// `(function(){…})` (https://v8.dev/blog/preparser#pife); those are compiled off the main
// thread while the script streams in. The file-wide hint makes every function eager: init()
// no longer stops to compile (init -> ready 6.1 -> 2.2 ms), but the bytecode of every
// function (checklists, surveys, tours, exit paths a page may never run) stays on the heap:
// +96 KB after init. Parenthesizing only what start-up calls gives the same init -> ready with
// the heap of lazy compilation.
//
// What start-up calls is measured at build time, not listed by hand: the minified bundle runs
// in happy-dom with V8's precise coverage on (`node:inspector`), through its evaluation and one
// `init()`; every function with a call count is parenthesized:
// - function and arrow expressions: `(…)`;
// - object-literal methods `m(a){…}` whose body uses no `this`, `arguments` or `super`:
//   `m:((a)=>{…})`, which behaves the same for such a body (others are left alone);
// - declarations directly in a function body, `function f(a){…}`: `var f=(function(a){…});`
//   moved to the top of that body, where the declaration was hoisted to, so it is callable
//   from the same places as before. Declarations in blocks are left alone.
// A function the coverage run missed is compiled lazily, as without any hint: slower, never wrong.
import { Window } from 'happy-dom';
import { Session } from 'node:inspector/promises';
import vm from 'node:vm';
import MagicString from 'magic-string';

/** What the coverage run passes to `init()`: a plain script-tag install with the defaults. */
const INIT = `sabu.init({ writeKey: 'build', endpoint: 'https://collector.invalid/v1/batch' })`;

/** @returns {import('rollup').Plugin} for the output plugins of an IIFE build, after the minifier */
export function eagerCompile() {
  return {
    name: 'eager-compile',
    async renderChunk(code) {
      let called;
      try {
        called = await startupCoverage(code);
      } catch (err) {
        this.warn(`coverage run failed, every function stays lazy: ${err?.message ?? err}`);
        called = new Set();
      }
      const out = parenthesize(code, (c) => this.parse(c), called);
      return out && { code: out.code, map: out.map };
    },
  };
}

/** Start offsets of the functions that ran while `code` (an IIFE bundle) was evaluated and `init()` called. */
export async function startupCoverage(code, init = INIT) {
  const window = new Window({ url: 'https://app.invalid/' });
  const session = new Session();
  session.connect();
  const file = `eager-compile-${process.pid}-${Date.now()}.js`;
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: false });
    new vm.Script(code, { filename: file }).runInContext(window);
    vm.runInContext(init, window);
    const { result } = await session.post('Profiler.takePreciseCoverage');
    const script = result.find((r) => r.url.endsWith(file));
    return new Set((script?.functions ?? []).filter((f) => f.ranges[0].count > 0).map((f) => f.ranges[0].startOffset));
  } finally {
    await session.post('Profiler.stopPreciseCoverage').catch(() => {});
    session.disconnect();
    await window.happyDOM.abort();
    window.close();
  }
}

const isFunction = (n) => n?.type == 'FunctionExpression' || n?.type == 'ArrowFunctionExpression' || n?.type == 'FunctionDeclaration';

/**
 * Parenthesizes the functions of `code` whose start offset is in `called` (as V8's coverage
 * reports them: a method at its key, any other function at its first token).
 * @returns {{ code: string, map: object, count: number } | null} null when nothing changed
 */
export function parenthesize(code, parse, called) {
  const s = new MagicString(code);
  let count = 0;
  const wrap = (fn) => (s.appendLeft(fn.start, '(').prependRight(fn.end, ')'), count++);
  /** Where a function body's hoisted declarations go: after its directive prologue. */
  const topOf = (body) => body.body.find((n) => !(n.type == 'ExpressionStatement' && n.directive))?.start ?? body.start + 1;

  (function visit(node, parent, fnBody) {
    if (isFunction(node) && node.type != 'FunctionDeclaration' && parent?.type == 'Property' && parent.value == node && (parent.method || parent.kind != 'init')) {
      // A method: its coverage offset is the key's.
      if (called.has(parent.start) && parent.method && parent.kind == 'init' && !parent.computed && !/\b(super|this|arguments|new\.target)\b/.test(code.slice(node.start, node.end))) {
        // `m(a){…}` -> `m:((a)=>{…})`: the bytes of an arrow; what tells a method from an arrow
        // (`this`, `arguments`, `super`) is not in its body. Generators keep `function*`.
        if (node.generator) s.prependLeft(node.start, `:(${node.async ? 'async ' : ''}function*`);
        else {
          s.prependLeft(node.start, `:(${node.async ? 'async ' : ''}`);
          s.appendLeft(node.body.start, '=>');
        }
        s.prependRight(node.end, ')');
        count++;
      }
    } else if (node.type == 'FunctionDeclaration') {
      if (called.has(node.start) && fnBody && parent == fnBody) {
        // `function f(a){…}` -> `var f=(function(a){…});` at the top of the same body
        // (where it is already when it is the body's first statement).
        const top = topOf(fnBody);
        if (node.start != top) s.move(node.start, node.end, top);
        s.overwrite(node.start, node.id.end, `var ${node.id.name}=(${node.async ? 'async ' : ''}function${node.generator ? '*' : ''}`);
        s.appendLeft(node.end, ');');
        count++;
      }
    } else if (isFunction(node) && parent?.type != 'MethodDefinition' && called.has(node.start)) {
      wrap(node);
    }
    const body = isFunction(node) && node.body.type == 'BlockStatement' ? node.body : null;
    for (const key in node) {
      const v = node[key];
      if (Array.isArray(v)) for (const c of v) c && typeof c.type == 'string' && visit(c, node, body ?? (node == fnBody ? fnBody : null));
      else if (v && typeof v.type == 'string') visit(v, node, body ?? (node == fnBody ? fnBody : null));
    }
  })(parse(code), null, null);
  return count ? { code: s.toString(), map: s.generateMap({ hires: true }), count } : null;
}

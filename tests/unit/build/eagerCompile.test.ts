// @vitest-environment node
import { parse } from 'acorn';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
// @ts-expect-error - a build script in plain JS, without types
import { parenthesize, startupCoverage } from '../../../scripts/eagerCompile.mjs';

/** A minified-like IIFE bundle: what start-up calls and what it does not, in each form a function takes. */
const BUNDLE = `var lib=function(){"use strict";
const log=[];
log.push(early());
function early(){return "hoisted"}
function unused(){return "never"}
const hot=(a)=>a+1,cold=(a)=>a-1;
const o={m(x){return this.k+x},k:2,n(){return 0},get g(){return 3}};
async function*gen(){yield 1}
function outer(){inner.seen=1;function inner(){return 5}return inner()+first()}
function first(){return second()}function second(){return 1}
return{log,run(){return[hot(1),o.m(1),typeof gen,outer()]},cold,unused,o};
}();`;

const transform = async (code: string, init: string) => {
  const called: Set<number> = await startupCoverage(code, init);
  return parenthesize(code, (c: string) => parse(c, { ecmaVersion: 'latest' }), called) as { code: string; count: number } | null;
};

/** What the bundle computes, read in a fresh context. */
const outcome = (code: string) => {
  const ctx = vm.createContext({});
  vm.runInContext(code, ctx);
  return vm.runInContext('JSON.stringify([lib.log, lib.run(), lib.cold(1), lib.unused(), lib.o.n(), lib.o.g])', ctx);
};

describe('eagerCompile: parenthesize what start-up runs', () => {
  it('wraps the functions start-up called, in each form, and leaves the others lazy', async () => {
    const out = await transform(BUNDLE, 'lib.run()');
    const code = out!.code;
    expect(code.startsWith('var lib=(function(){')).toBe(true); // the IIFE itself
    expect(code).toContain('var early=(function(){return "hoisted"});'); // a declaration, hoisted
    expect(code.indexOf('var early=')).toBeLessThan(code.indexOf('log.push(early())'));
    expect(code).toContain('function unused(){return "never"}'); // not called: unchanged
    expect(code).toContain('hot=((a)=>a+1)');
    expect(code).toContain('cold=(a)=>a-1');
    expect(code).toContain('m(x){return this.k+x}'); // a method using this: left alone
    expect(code).toContain('n(){return 0}');
    expect(code).toContain('get g(){return 3}');
    expect(code).toContain('async function*gen(){yield 1}');
    expect(code).toContain('run:(()=>{return['); // a method start-up called, as an arrow
    // A declaration inside a function body goes to the top of that body.
    expect(code).toMatch(/var outer=\(function\(\)\{var inner=\(function\(\)\{return 5\}\);inner\.seen=1;return inner\(\)\+first\(\)\}\);/);
  });

  it('hoists a declaration that is already the first statement of its body in place', async () => {
    const code = (await transform('var lib=function(){function a(){return b()}function b(){return 2}return{v:a()}}();', 'lib.v'))!.code;
    expect(code).toBe('var lib=(function(){var b=(function(){return 2});var a=(function(){return b()});return{v:a()}})();');
    expect(vm.runInNewContext(code + 'lib.v')).toBe(2);
  });

  it('changes nothing a caller can observe', async () => {
    const out = await transform(BUNDLE, 'lib.run()');
    expect(out!.count).toBeGreaterThan(5);
    expect(outcome(out!.code)).toBe(outcome(BUNDLE));
  });

  it('leaves a bundle alone when nothing ran', async () => {
    const called = new Set<number>();
    expect(parenthesize(BUNDLE, (c: string) => parse(c, { ecmaVersion: 'latest' }), called)).toBeNull();
  });
});

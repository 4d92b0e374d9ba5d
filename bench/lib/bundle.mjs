import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * For a peer that ships no browser bundle (shepherd.js: ES modules only): a minified
 * IIFE built the way a script-tag user would get one, into bench/.build.
 */
export async function bundleIife({ input, name }, file) {
  if (existsSync(file)) return file;
  const { rollup } = await import('rollup');
  const { nodeResolve } = await import('@rollup/plugin-node-resolve');
  const terser = (await import('@rollup/plugin-terser')).default;
  mkdirSync(dirname(file), { recursive: true });
  const build = await rollup({ input, plugins: [nodeResolve({ browser: true })], onwarn: () => {} });
  await build.write({ file, format: 'iife', name, plugins: [terser()] });
  await build.close();
  return file;
}

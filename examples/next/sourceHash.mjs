// What a build of the example is made from, as one hash: a build whose stamp matches is
// reused (`next build` takes seconds on an idle machine, minutes on a busy 2-core one).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The example's own files, and the built packages it bundles (never a build folder). */
export const INPUTS = ['examples/next/app', 'examples/next/public', 'examples/next/next.config.mjs', 'examples/next/jsconfig.json', 'packages/schema/dist', 'packages/sdk/dist', 'packages/ui/dist', 'packages/react/dist', 'node_modules/next/package.json', 'node_modules/react/package.json'];

/** Every input file under `root`, path and content, in a stable order. Throws if a package is not built. */
export function sourceHash(root = ROOT) {
  const hash = createHash('sha256');
  for (const input of INPUTS) {
    const path = join(root, input);
    if (!existsSync(path)) throw new Error(`${input} is missing: run "npm run build" first`);
    const files = statSync(path).isDirectory() ? readdirSync(path, { recursive: true }).map((f) => join(input, f)).sort() : [input];
    for (const f of files) {
      if (statSync(join(root, f)).isDirectory()) continue;
      hash.update(f).update('\0').update(readFileSync(join(root, f))).update('\0');
    }
  }
  return hash.digest('hex');
}

import { readFileSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { build, createServer, preview, type InlineConfig, type Plugin, type PreviewServer, type ViteDevServer } from 'vite';

/** One message of a batch, as the examples' collector stand-in received it. */
export type Message = { type: string; event?: string; userId?: string; traits?: Record<string, unknown>; properties?: Record<string, unknown>; context?: { page?: { path?: string; title?: string } } };

/** A Vite example running on 127.0.0.1: its URL, the messages it received, and how to stop it. */
export interface RunningExample {
  url: string;
  received: Message[];
  close(): Promise<void>;
}

/** Quiet, on a free port of the loopback address, never opening a browser. */
const SERVER = { host: '127.0.0.1', port: 0, strictPort: true, open: false } as const;

/** The messages kept by the example's own collector stand-in (examples/collectorStandIn.mjs). */
function receivedBy(server: ViteDevServer | PreviewServer): Message[] {
  const plugin = server.config.plugins.find((p) => p.name == 'sabu-collector-stand-in') as (Plugin & { api?: { received?: Message[] } }) | undefined;
  if (!plugin?.api?.received) throw new Error(`${server.config.root}: vite.config.js has no collectorStandIn() plugin`);
  return plugin.api.received;
}

const urlOf = (server: ViteDevServer | PreviewServer) => (server.resolvedUrls?.local[0] ?? '').replace(/\/$/, '');

/**
 * `vite build` then `vite preview` of the example in `root`, with its own vite.config.js,
 * through Vite's JS API (no CLI start-up). The build goes to a temporary directory, removed
 * on close. Returns the bundle's module ids too, to check what it holds.
 */
export async function buildAndPreview(root: string): Promise<RunningExample & { moduleIds: string[] }> {
  const outDir = await mkdtemp(join(tmpdir(), 'sabu-vite-'));
  const config: InlineConfig = { root, logLevel: 'warn', build: { outDir, emptyOutDir: true } };
  // Vitest sets NODE_ENV=test, which Vite would keep and build React's and Vue's development
  // code; from a shell, `vite build` runs with it unset and makes a production build.
  const nodeEnv = process.env.NODE_ENV;
  delete process.env.NODE_ENV;
  let output;
  try {
    output = await build(config);
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  const moduleIds = [output].flat().flatMap((o) => ('output' in o ? o.output : [])).flatMap((c) => (c.type == 'chunk' ? c.moduleIds : []));
  const server = await preview({ ...config, logLevel: 'silent', preview: SERVER });
  return {
    url: urlOf(server),
    received: receivedBy(server),
    moduleIds,
    close: async () => {
      await server.close();
      await rm(outDir, { recursive: true, force: true });
    },
  };
}

/**
 * `vite` (the dev server, with hot module replacement) for the example in `root`, with its
 * own vite.config.js; `cacheDir` (pre-bundled dependencies) if given, so a test neither
 * reuses nor overwrites the cache of a developer's running `npm run example:*`. With
 * `prebundle`, those packages are pre-bundled as Vite does with packages installed from npm
 * (here they are workspace links, which Vite serves file by file).
 */
export async function startDevServer(root: string, { cacheDir, prebundle }: { cacheDir?: string; prebundle?: string[] } = {}): Promise<RunningExample> {
  const server = await createServer({ root, cacheDir, logLevel: 'silent', server: SERVER, optimizeDeps: prebundle && { include: prebundle } });
  await server.listen();
  return { url: urlOf(server), received: receivedBy(server), close: () => server.close() };
}

let copies = 0;

/**
 * A copy of the example in `root` beside it (examples/.edit-react-…, git-ignored), for a
 * test that edits its source as a developer would, never the example itself. Beside it,
 * so its vite.config.js and imports resolve as the original's do. `remove()` deletes it.
 */
export async function copyExample(root: string): Promise<{ root: string; remove(): Promise<void> }> {
  // A new path each time: plugins keep caches by file path across servers of one process
  // (@vitejs/plugin-vue's descriptors), and would take an edit seen before for no change.
  const copy = join(dirname(root), `.edit-${basename(root)}-${process.pid}-${++copies}`);
  await cp(root, copy, { recursive: true });
  return { root: copy, remove: () => rm(copy, { recursive: true, force: true }) };
}

/** The directory and name of the package a file belongs to: the nearest package.json with a name. */
function packageOf(file: string): { dir: string; name: string } | undefined {
  for (let dir = dirname(file); dir != dirname(dir); dir = dirname(dir)) {
    try {
      const { name } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (name) return { dir, name };
    } catch {
      // no package.json here: look further up
    }
  }
  return undefined;
}

/**
 * How many copies of each package in `names` a bundle holds: the distinct package
 * directories its modules come from (two would be a second @sabu/sdk with its own queue,
 * or a second React whose hooks fail).
 */
export function packageCopies(moduleIds: string[], names: string[]): Record<string, number> {
  const dirs = new Map<string, Set<string>>(names.map((n) => [n, new Set()]));
  for (const id of moduleIds) {
    const pkg = isAbsolute(id) ? packageOf(id) : undefined;
    if (pkg) dirs.get(pkg.name)?.add(pkg.dir);
  }
  return Object.fromEntries([...dirs].map(([name, set]) => [name, set.size]));
}

// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../../packages/collector/src/config/loadConfig.js';
import { runCli } from '../../../packages/collector/src/cli/runCli.js';

/**
 * Issue 11, the class behind break 7: any config file content (random bytes, random JSON,
 * near-valid configs with typos, wrong types, a BOM, cut short) makes `sabu validate`,
 * `sabu report` and `sabu start` exit with a message, never a stack trace, and makes
 * loadConfig either return a config or throw a ConfigError. Fixed seed; `npm run fuzz`
 * sets SABU_FUZZ_RUNS (and SABU_FUZZ_SEED to explore).
 */
const RUNS = Number(process.env.SABU_FUZZ_RUNS) || 150;
/** `npm run fuzz` runs hundreds of cases: the time allowed grows with them. */
const TIMEOUT = Math.max(120_000, RUNS * 3_000);
const SEED = Number(process.env.SABU_FUZZ_SEED) || 7;
const STACK_LINE = /^\s+at .+(:\d+:\d+\)?|\(native\))$/m;

let dir: string;
let busy: Server;
let busyPort: number;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sabu-config-fuzz-'));
  busy = createServer();
  await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
  busyPort = (busy.address() as { port: number }).port;
});
afterAll(() => {
  busy.close();
  rmSync(dir, { recursive: true, force: true });
});

const VALID = {
  $schema: './sabu.schema.json',
  host: '127.0.0.1',
  port: 4318,
  database: 'data/sabu.duckdb',
  projects: [{ id: 'acme', name: 'Acme', writeKeys: ['wk_fuzz_0001_public'], readKeys: ['rk_fuzz_0001_secret'], origins: ['https://app.acme.test'], valueEvent: 'Report Published' }],
  rateLimit: { max: 600, windowMs: 60000 },
  readAuthLimit: { maxFailures: 30, windowMs: 60000 },
  health: { weights: { activity: 0.3, breadth: 0.2, onboarding: 0.2, sentiment: 0.15, friction: 0.15 }, atRiskBelow: 50, windowDays: 30, frictionCeiling: 2 },
  shutdownTimeoutMs: 10000,
};
const PATHS: string[][] = [
  ['host'], ['port'], ['database'], ['projects'], ['projects', '0'], ['projects', '0', 'id'], ['projects', '0', 'writeKeys'], ['projects', '0', 'readKeys'],
  ['projects', '0', 'readKeys', '0'], ['projects', '0', 'origins', '0'], ['rateLimit'], ['rateLimit', 'max'], ['readAuthLimit', 'windowMs'],
  ['health'], ['health', 'weights', 'activity'], ['health', 'windowDays'], ['shutdownTimeoutMs'], ['$schema'], ['projects', '0', 'valueEvent'],
];
const odd = fc.oneof(fc.string({ maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 10 }), fc.constantFrom('', '        ', 'aaaaaaaaaaaaaaaa', 'wk_fuzz_0001_public', ':memory:', '__proto__', 'constructor', 'http://x/y', '::', '0.0.0.0'));
const anyValue = fc.oneof(fc.jsonValue({ maxDepth: 3 }), odd, fc.double(), fc.integer(), fc.constantFrom(-1, 0, 65536, 1e308, null, true));
/** Database paths a mutation may set: none of them outside the temporary folder. */
const safeDatabase = fc.constantFrom(':memory:', '', 'x.duckdb', 'sub/dir/x.duckdb', 42, null, [], {});

const mutation = fc.oneof(
  fc.record({ op: fc.constant('set' as const), path: fc.constantFrom(...PATHS), value: anyValue }),
  fc.record({ op: fc.constant('delete' as const), path: fc.constantFrom(...PATHS) }),
  fc.record({ op: fc.constant('add' as const), path: fc.constantFrom(...PATHS), key: fc.oneof(odd, fc.constantFrom('rateLimt', 'readkeys', 'orgins', 'prot', 'weight')), value: anyValue }),
  fc.record({ op: fc.constant('database' as const), value: safeDatabase }),
);

function mutate(base: unknown, ms: fc.Arbitrary<typeof mutation> extends never ? never : { op: string; path?: string[]; key?: string; value?: unknown }[]) {
  const root = structuredClone(base) as Record<string, unknown>;
  for (const m of ms) {
    if (m.op == 'database') {
      root.database = m.value;
      continue;
    }
    let o: any = root;
    const path = m.path!;
    for (const k of path.slice(0, -1)) {
      if (!o || typeof o != 'object') break;
      o = o[k];
    }
    if (!o || typeof o != 'object') continue;
    const last = path.at(-1)!;
    if (m.op == 'set') o[last] = last == 'database' ? ':memory:' : m.value;
    else if (m.op == 'delete') delete o[last];
    else if (o[last] && typeof o[last] == 'object' && !Array.isArray(o[last])) Object.defineProperty(o[last], m.key!, { value: m.value, enumerable: true, writable: true, configurable: true });
  }
  return root;
}

const nearValid = fc
  .tuple(fc.array(mutation, { maxLength: 4 }), fc.constantFrom('none', 'bom', 'cut', 'garbage'), fc.nat())
  .map(([ms, damage, at]) => {
    const text = JSON.stringify(mutate(VALID, ms as never), null, 2);
    if (damage == 'bom') return '\uFEFF' + text;
    if (damage == 'cut') return text.slice(0, at % (text.length + 1));
    if (damage == 'garbage') return text + '}';
    return text;
  });
const content = fc.oneof(
  fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.string({ unit: 'binary', maxLength: 100 }),
  fc.constantFrom('', '\uFEFF', 'null', '[]', '{}', '"x"', '{"projects":' + '['.repeat(5000) + ']'.repeat(5000) + '}', '['.repeat(100_000)),
  { arbitrary: nearValid, weight: 4 },
);

async function cli(...args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

describe('config files with any content (property)', () => {
  it('loadConfig returns a config or throws a ConfigError naming problems, nothing else', () => {
    const file = join(dir, 'load.json');
    fc.assert(
      fc.property(content, (text) => {
        writeFileSync(file, text);
        try {
          loadConfig({ file, env: {} });
        } catch (e) {
          expect(e).toBeInstanceOf(ConfigError);
          expect((e as ConfigError).problems.length).toBeGreaterThan(0);
          for (const p of (e as ConfigError).problems) expect(p.trim().length).toBeGreaterThan(0);
        }
      }),
      { seed: SEED, numRuns: RUNS * 4 },
    );
  }, TIMEOUT);

  it('sabu validate, report and start exit with a message and no stack', async () => {
    const file = join(dir, 'sabu.config.json');
    await fc.assert(
      fc.asyncProperty(content, async (text) => {
        writeFileSync(file, text);
        const runs = [
          await cli('validate', file),
          await cli('validate', file, '--kind', 'collector-config'),
          await cli('report', 'ttv', '--config', file),
          // A config that passes would start: the port is taken, so that ends in one line too.
          await cli('start', '--config', file, '--port', String(busyPort)),
        ];
        for (const r of runs) {
          // 2 is a usage problem outside the file (`report` with no database yet), said in one line too.
          expect([0, 1, 2]).toContain(r.code);
          if (r.code != 0) expect(r.err.trim().length).toBeGreaterThan(0);
          expect(r.err).not.toMatch(STACK_LINE);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }, TIMEOUT);
});

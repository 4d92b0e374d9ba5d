import { definePackage } from '/work/wt-G/rollup.config.mjs';
const pkgs = (process.env.PKGS ?? 'collector').split(',');
const all = {
  schema: () => definePackage('schema', { input: ['src/index.ts', 'src/limits.ts', 'src/texts.ts', 'src/url.ts'], external: [/^zod/] }),
  collector: () => definePackage('collector', {
    input: 'src/index.ts',
    external: [/^node:/, /^@sabu\//, /^fastify/, /^@duckdb\//, /^@clickhouse\//, /^chdb$/, /^zod/, /^uplot/, /^jsonc-parser/],
  }),
};
export default pkgs.flatMap((p) => all[p]());

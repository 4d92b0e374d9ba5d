#!/usr/bin/env node
// The `sabu` command; the code lives in dist (run `npm run build` in the repository first).
import { runCli } from '../dist/index.js';

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error('[sabu]', err);
    process.exitCode = 1;
  },
);

// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCollector, type TestCollector } from './helpers.js';

/** The dashboard's static files: only real files answer, and no page can be framed. */
let c: TestCollector;
beforeAll(async () => {
  c = await startTestCollector();
});
afterAll(() => c?.stop());

describe('dashboard files', () => {
  it('answers 404, never 500, for names that exist on every JavaScript object', async () => {
    const names = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'prototype'];
    for (const prefix of ['vendor/', '', 'vendor/x/', 'nested/']) {
      for (const name of names) {
        const res = await fetch(`${c.url}/dashboard/${prefix}${name}`);
        expect([res.status, `${prefix}${name}`]).toEqual([404, `${prefix}${name}`]);
      }
    }
  });

  it('serves the page, its script and the vendored chart library', async () => {
    for (const path of ['', 'index.html', 'app.js', 'styles.css', 'vendor/uPlot.iife.min.js', 'vendor/uPlot.min.css']) {
      const res = await fetch(`${c.url}/dashboard/${path}`);
      expect([path, res.status]).toEqual([path, 200]);
    }
  });

  it('refuses to be framed by another site (clickjacking)', async () => {
    for (const path of ['', 'app.js', 'vendor/uPlot.min.css', 'missing.js']) {
      const res = await fetch(`${c.url}/dashboard/${path}`);
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    }
  });
});

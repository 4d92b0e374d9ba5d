// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { generateKey } from '../../../../packages/collector/src/config/generateKey.js';
import { keyProblem } from '../../../../packages/collector/src/config/keyRules.js';
import { checkCollectorConfig } from '../../../../packages/collector/src/config/checkCollectorConfig.js';

describe('generateKey', () => {
  it('makes prefixed keys that pass the config rules, never twice the same', () => {
    const keys = Array.from({ length: 200 }, (_, i) => generateKey(i % 2 ? 'read' : 'write'));
    for (const [i, k] of keys.entries()) {
      expect(k).toMatch(i % 2 ? /^rk_[A-Za-z0-9_-]{32}$/ : /^wk_[A-Za-z0-9_-]{32}$/);
      expect(keyProblem(k)).toBeNull();
    }
    expect(new Set(keys).size).toBe(keys.length);
    const c = checkCollectorConfig({ projects: [{ id: 'acme', writeKeys: [generateKey('write')], readKeys: [generateKey('read')] }] });
    expect(c.ok).toBe(true);
  });
});

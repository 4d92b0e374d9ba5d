// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { checkCollectorConfig } from '../../../../packages/collector/src/config/checkCollectorConfig.js';

const base = { projects: [{ id: 'acme', writeKeys: ['wk_test_0001_public'], readKeys: ['rk_test_0001_secret'] }] };
const hook = { id: 'cs', url: 'http://127.0.0.1:9/hook', secret: 'whsec_0123456789abcdef' };
const problems = (playbooks: unknown) => {
  const r = checkCollectorConfig({ ...base, playbooks });
  return r.ok ? [] : r.problems;
};

describe('playbooks config', () => {
  it('accepts rules and webhooks, with defaults', () => {
    const r = checkCollectorConfig({ ...base, playbooks: { webhooks: [hook], rules: [{ id: 'at-risk', when: 'health_below', webhooks: ['cs'] }] } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config.playbooks).toMatchObject({ intervalMinutes: 15, webhooks: [{ ...hook, format: 'json' }], retry: { initialDelayMs: 5000, giveUpAfterHours: 72 } });
    // No playbooks: nothing to evaluate.
    const none = checkCollectorConfig(base);
    expect(none.ok && none.config.playbooks.rules).toEqual([]);
  });

  it('names unknown fields with the nearest known one, at every level', () => {
    expect(problems({ intervalMinuts: 5 })).toEqual(['playbooks.intervalMinuts: unknown field; did you mean "intervalMinutes"?']);
    expect(problems({ webhooks: [hook], rules: [{ id: 'r', when: 'no_value_after', dyas: 3, webhooks: ['cs'] }] })).toEqual(['playbooks.rules[0].dyas: unknown field; did you mean "days"?']);
    expect(problems({ webhooks: [{ ...hook, fromat: 'slack' }] })).toEqual(['playbooks.webhooks[0].fromat: unknown field; did you mean "format"?']);
  });

  it('names a field that belongs to another kind of rule, an unknown webhook or project, a bad URL and a weak secret', () => {
    const p = problems({
      webhooks: [hook, { id: 'cs', url: 'ftp://example.com', secret: 'short' }],
      rules: [
        { id: 'r', when: 'health_below', days: 4, webhooks: ['cz'], projects: ['nope'] },
        { id: 'r', when: 'nps_detractr', webhooks: ['cs'] },
      ],
    });
    expect(p).toEqual(expect.arrayContaining([
      expect.stringMatching(/^playbooks\.webhooks\[1\]\.url: expected an http\(s\) URL/),
      expect.stringMatching(/^playbooks\.webhooks\[1\]\.secret: secrets must be at least 16 characters/),
      expect.stringMatching(/^playbooks\.rules\[1\]\.when: .*health_below/),
    ]));
    // Cross-field checks run once the shapes are valid.
    const q = problems({ webhooks: [hook, hook], rules: [{ id: 'r', when: 'health_below', days: 4, webhooks: ['cz'], projects: ['nope'] }, { id: 'r', when: 'nps_detractor', webhooks: ['cs'] }] });
    expect(q).toEqual([
      'playbooks.webhooks[1].id: "cs" is already used by another webhook',
      'playbooks.rules[0].webhooks[0]: no webhook "cz" in playbooks.webhooks (webhooks: cs)',
      'playbooks.rules[0].days: "days" does not apply to "when": "health_below" (it is for no_value_after); health_below reads below',
      'playbooks.rules[1].id: "r" is already used by another rule',
      'playbooks.rules[0].projects[0]: no project "nope" (projects: acme)',
    ]);
  });
});

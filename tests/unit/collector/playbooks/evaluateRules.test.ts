// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { evaluateRules, type RuleInputs } from '../../../../packages/collector/src/playbooks/evaluateRules.js';
import type { PlaybookRule } from '../../../../packages/collector/src/playbooks/playbookConfig.js';

const DAY = 86_400_000;
const AS_OF = Date.parse('2026-03-01T00:00:00Z');
const rule = (r: Partial<PlaybookRule> & Pick<PlaybookRule, 'when'>): PlaybookRule => ({ id: r.when, webhooks: ['cs'], ...r });
const inputs = (o: Partial<RuleInputs['signals']> = {}, accounts: RuleInputs['health']['accounts'] = []): RuleInputs => ({
  asOf: AS_OF,
  health: { accounts, atRiskBelow: 50, windowDays: 30 },
  signals: { withoutValue: [], npsAnswers: [], activeUsers: [], ...o },
});
const health = (accountId: string, score: number) => ({ accountId, score, atRisk: score < 50, users: 2, components: { activity: 0, breadth: 0, onboarding: 0, sentiment: 0, friction: 0 } });
const accounts = (r: PlaybookRule, x: RuleInputs) => evaluateRules([r], x).map((f) => f.account);

describe('evaluateRules', () => {
  it('health_below: strictly below the line (the configured at-risk line by default)', () => {
    const x = inputs({}, [health('a', 49.9), health('b', 50), health('c', 70)]);
    expect(accounts(rule({ when: 'health_below' }), x)).toEqual(['a']);
    expect(accounts(rule({ when: 'health_below', below: 70.1 }), x)).toEqual(['a', 'b', 'c']);
    expect(evaluateRules([rule({ when: 'health_below' })], x)[0]!.summary).toBe('health 49.9 is below 50');
  });

  it('nps_detractor: answers at most maxScore within the window, newest first in the evidence', () => {
    const a = (accountId: string, score: number, daysAgo: number, personId = 'p') => ({ accountId, personId, survey: 'nps', score, at: AS_OF - daysAgo * DAY });
    const x = inputs({ npsAnswers: [a('a', 6, 1), a('a', 2, 3, 'q'), a('b', 7, 1), a('c', 0, 30), a('d', 0, 29.9)] });
    const f = evaluateRules([rule({ when: 'nps_detractor' })], x);
    // 6 is a detractor, 7 is not; exactly 30 days ago is outside a 30-day window.
    expect(f.map((x) => x.account)).toEqual(['a', 'd']);
    expect(f[0]!.evidence).toMatchObject({ answers: 2, latest: [{ person: 'p', score: 6 }, { person: 'q', score: 2 }] });
    expect(accounts(rule({ when: 'nps_detractor', maxScore: 5 }), x)).toEqual(['a', 'd']);
    expect(accounts(rule({ when: 'nps_detractor', maxScore: 1 }), x)).toEqual(['d']);
  });

  it('no_value_after: people past D days without value, per account, at most 10 named', () => {
    const p = (accountId: string, personId: string, daysAgo: number) => ({ accountId, personId, startAt: AS_OF - daysAgo * DAY });
    const many = Array.from({ length: 12 }, (_, i) => p('big', `u${String(i).padStart(2, '0')}`, 20 + i));
    const x = inputs({ withoutValue: [p('a', 'x', 14), p('b', 'y', 14.01), ...many] });
    const f = evaluateRules([rule({ when: 'no_value_after' })], x);
    expect(f.map((x) => x.account)).toEqual(['b', 'big']);
    expect(f[1]!.evidence).toMatchObject({ people: 12, longestWaitingDays: 31 });
    expect((f[1]!.evidence.examples as unknown[]).length).toBe(10);
  });

  it('active_users_drop: a drop of at least dropPercent from at least minUsers', () => {
    const w = (accountId: string, previous: number, current: number) => ({ accountId, windowDays: 7, previous, current });
    const x = inputs({ activeUsers: [w('half', 4, 2), w('less', 4, 3), w('small', 2, 0), w('grew', 3, 9), w('gone', 3, 0)] });
    expect(accounts(rule({ when: 'active_users_drop' }), x)).toEqual(['half', 'gone']);
    expect(accounts(rule({ when: 'active_users_drop', minUsers: 2 }), x)).toEqual(['half', 'small', 'gone']);
    expect(accounts(rule({ when: 'active_users_drop', windowDays: 14 }), x)).toEqual([]);
    expect(evaluateRules([rule({ when: 'active_users_drop' })], x)[0]!.summary).toBe('active people fell 50 % (4 → 2) over the last 7 days');
  });
});

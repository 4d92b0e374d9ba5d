import type { AccountSignals } from '../store/queryTypes.js';
import type { AccountHealth } from '../reports/healthReport.js';
import type { PlaybookRule } from './playbookConfig.js';

const DAY = 86_400_000;
/** Evidence lists at most this many people: enough to act on, small enough for a chat message. */
export const MAX_EXAMPLES = 10;

export const RULE_DEFAULTS = { withinDays: 30, maxScore: 6, days: 14, windowDays: 7, dropPercent: 50, minUsers: 3 } as const;

/** One account over one rule's line, with what shows it. */
export interface Finding {
  rule: string;
  when: PlaybookRule['when'];
  account: string;
  /** One line a person reads: what crossed which line. */
  summary: string;
  evidence: Record<string, unknown>;
}

export interface RuleInputs {
  asOf: number;
  health: { accounts: AccountHealth[]; atRiskBelow: number; windowDays: number };
  signals: AccountSignals;
}

/** Every account over the line of every rule, now. Pure: the same inputs give the same findings. */
export function evaluateRules(rules: readonly PlaybookRule[], x: RuleInputs): Finding[] {
  return rules.flatMap((r) => {
    switch (r.when) {
      case 'health_below':
        return healthBelow(r, x);
      case 'nps_detractor':
        return npsDetractor(r, x);
      case 'no_value_after':
        return noValueAfter(r, x);
      case 'active_users_drop':
        return activeUsersDrop(r, x);
    }
  });
}

function healthBelow(r: PlaybookRule, x: RuleInputs): Finding[] {
  const below = r.below ?? x.health.atRiskBelow;
  return x.health.accounts
    .filter((a) => a.score < below)
    .map((a) => ({
      rule: r.id, when: r.when, account: a.accountId,
      summary: `health ${a.score} is below ${below}`,
      evidence: { score: a.score, below, windowDays: x.health.windowDays, users: a.users, components: a.components },
    }));
}

function npsDetractor(r: PlaybookRule, x: RuleInputs): Finding[] {
  const within = r.withinDays ?? RULE_DEFAULTS.withinDays;
  const max = r.maxScore ?? RULE_DEFAULTS.maxScore;
  const since = x.asOf - within * DAY;
  const byAccount = group(x.signals.npsAnswers.filter((a) => a.at > since && a.score <= max), (a) => a.accountId);
  return [...byAccount].map(([account, answers]) => {
    answers.sort((a, b) => b.at - a.at || a.personId.localeCompare(b.personId));
    const latest = answers[0]!;
    return {
      rule: r.id, when: r.when, account,
      summary: `${count(answers.length, 'NPS detractor answer', 'NPS detractor answers')} in ${within} days (latest: ${latest.score} from ${latest.personId})`,
      evidence: {
        maxScore: max, withinDays: within, answers: answers.length,
        latest: answers.slice(0, MAX_EXAMPLES).map((a) => ({ person: a.personId, score: a.score, survey: a.survey, at: new Date(a.at).toISOString() })),
      },
    };
  });
}

function noValueAfter(r: PlaybookRule, x: RuleInputs): Finding[] {
  const days = r.days ?? RULE_DEFAULTS.days;
  const byAccount = group(x.signals.withoutValue.filter((p) => x.asOf - p.startAt > days * DAY), (p) => p.accountId);
  return [...byAccount].map(([account, people]) => {
    people.sort((a, b) => a.startAt - b.startAt || a.personId.localeCompare(b.personId));
    return {
      rule: r.id, when: r.when, account,
      summary: `${count(people.length, 'person has', 'people have')} not reached value ${days} days after signing up`,
      evidence: {
        days, people: people.length,
        longestWaitingDays: Math.floor((x.asOf - people[0]!.startAt) / DAY),
        examples: people.slice(0, MAX_EXAMPLES).map((p) => ({ person: p.personId, signedUpAt: new Date(p.startAt).toISOString() })),
      },
    };
  });
}

function activeUsersDrop(r: PlaybookRule, x: RuleInputs): Finding[] {
  const w = r.windowDays ?? RULE_DEFAULTS.windowDays;
  const drop = r.dropPercent ?? RULE_DEFAULTS.dropPercent;
  const min = r.minUsers ?? RULE_DEFAULTS.minUsers;
  return x.signals.activeUsers
    .filter((a) => a.windowDays == w && a.previous >= min && (a.previous - a.current) / a.previous >= drop / 100 - 1e-12)
    .map((a) => {
      const pct = Math.round(((a.previous - a.current) / a.previous) * 1000) / 10;
      return {
        rule: r.id, when: r.when, account: a.accountId,
        summary: `active people fell ${pct} % (${a.previous} → ${a.current}) over the last ${w} days`,
        evidence: { windowDays: w, previous: a.previous, current: a.current, dropPercent: pct, threshold: drop },
      };
    });
}

function group<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const g = m.get(k);
    if (g) g.push(x);
    else m.set(k, [x]);
  }
  return m;
}

const count = (n: number, one: string, many: string) => `${n} ${n == 1 ? one : many}`;

import type { Survey, SurveyBucket, SurveyKind, SurveyTrigger } from '@sabu/schema';
import { matchPage, matchUser, matchValues, timeOf } from '../shared/matchRules.js';
import { matchUrl } from '../shared/matchUrl.js';

/**
 * When a survey may be asked: pure functions of what happened, the user's saved state
 * and the time, so they are tested with a fake clock and no DOM (docs/surveys.md).
 */

const DAY = 86_400_000;
/** Re-survey interval after an answer (the common NPS practice: once a quarter). */
export const RESURVEY_AFTER_DAYS = 90;
/** After a dismissal (or a prompt left unanswered), wait this long before asking again. */
export const AFTER_DISMISS_DAYS = 30;
/** Rank in the shared prompt budget: below a checklist opening by itself (10), so onboarding comes first. */
export const SURVEY_PRIORITY = 5;

/** Scale ends by kind. */
export const SCALES: Record<SurveyKind, [min: number, max: number]> = { nps: [0, 10], csat: [1, 5], ces: [1, 7] };

/**
 * The score bucket: NPS detractor 0–6, passive 7–8, promoter 9–10 (Reichheld's bands);
 * CSAT low 1–2, neutral 3, high 4–5; CES low 1–3, neutral 4, high 5–7 (7 = very easy).
 */
export function bucketOf(kind: SurveyKind, score: number): SurveyBucket {
  if (kind == 'nps') return score <= 6 ? 'detractor' : score <= 8 ? 'passive' : 'promoter';
  const mid = kind == 'csat' ? 3 : 4;
  return score < mid ? 'low' : score > mid ? 'high' : 'neutral';
}

/** Whether `score` is a whole number on the kind's scale. */
export const onScale = (kind: SurveyKind, score: unknown): score is number =>
  Number.isInteger(score) && (score as number) >= SCALES[kind][0] && (score as number) <= SCALES[kind][1];

/** What a trigger is tested against: one accepted message, seen with the user's facts. */
export type SurveyInput =
  | { type: 'event'; name: string; properties: Record<string, unknown> }
  | { type: 'page'; url: string }
  | { type: 'identify' };

/** What is known about the user when a trigger is tested. */
export interface UserFacts {
  /** Sessions seen on this browser (the current one included). */
  sessions: number;
  traits: Record<string, unknown>;
  now: number;
}

const anyOr = (wanted: string, actual: unknown) => wanted == '*' || wanted === actual;
const FRICTION: Record<string, string[]> = { rage: ['Rage Click'], dead: ['Dead Click'], any: ['Rage Click', 'Dead Click'] };

/** Whether one trigger fires on one input. State triggers (sessions, signup age) fire on every page view and identify while they hold. */
export function triggerFires(t: SurveyTrigger, input: SurveyInput, facts: UserFacts): boolean {
  if (input.type == 'event') {
    const { name, properties: p } = input;
    if (t.event != null) return t.event == name && matchValues(t.properties, p);
    if (t.checklistCompleted != null) return name == 'Checklist Completed' && anyOr(t.checklistCompleted, p.checklist);
    if (t.flowCompleted != null) return name == 'Flow Completed' && anyOr(t.flowCompleted, p.flow);
    if (t.flowAbandoned != null) return name == 'Flow Abandoned' && anyOr(t.flowAbandoned, p.flow);
    if (t.friction != null) return FRICTION[t.friction]!.includes(name) && (t.page == null || matchUrl(t.page, String(p.page ?? p.url ?? '')));
    return false;
  }
  if (input.type == 'page' && t.url != null) return matchUrl(t.url, input.url);
  if (t.sessions != null) return facts.sessions >= t.sessions;
  if (t.daysAfterSignup != null) return facts.now - timeOf(facts.traits.created_at ?? facts.traits.createdAt) >= t.daysAfterSignup * DAY;
  return false;
}

/** What this user did with one survey, saved per user. */
export interface SurveyRecord {
  /** When it was last shown. */
  at: number;
  /** When that showing was answered (a score); absent: dismissed or left unanswered. */
  answered?: number;
}

/**
 * A number in [0, 1) fixed for a user and a survey (FNV-1a of both ids), so that a
 * sample rate picks the same users on every page and device, and a survey's sample is
 * independent of another's.
 */
export function sampleOf(user: string, survey: string): number {
  let h = 0x811c9dc5;
  for (const c of user + '\0' + survey) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193);
  return (h >>> 0) / 2 ** 32;
}

/** Why a survey is not asked now, or null when it may be (subject to the shared prompt budget). */
export function whyNot(s: Survey, record: SurveyRecord | undefined, user: string, traits: Record<string, unknown>, href: string, now: number): string | null {
  if (record) {
    const wait = record.answered ? (s.resurveyAfterDays ?? RESURVEY_AFTER_DAYS) : (s.afterDismissDays ?? AFTER_DISMISS_DAYS);
    if (now - (record.answered ?? record.at) < wait * DAY) return record.answered ? 'answered recently' : 'dismissed recently';
  }
  if (sampleOf(user, s.id) >= (s.sampleRate ?? 1)) return 'not in the sample';
  if (!matchUser(s.audience, traits, now)) return 'user not in the audience';
  if (!matchPage(s.audience, href)) return 'page not in the audience';
  return null;
}

/** The follow-up question for a score: the bucket's own wording, else the general one. */
export const followUpOf = (s: Survey, bucket: SurveyBucket) => s.followUp?.[bucket] ?? s.followUp?.question;

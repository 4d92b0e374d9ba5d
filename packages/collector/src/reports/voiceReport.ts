import type { Store } from '../store/Store.js';
import type { ReportQuery, VoiceAnswer, VoiceComment } from '../store/queryTypes.js';
import { round } from './ttvReport.js';

export interface ScoreSummary {
  kind: 'nps' | 'csat' | 'ces';
  responses: number;
  /** NPS: % promoters − % detractors (−100..100). CSAT: % satisfied (4–5 of 5). CES: mean (1–7). */
  score: number;
  mean: number;
  /** NPS: promoters 9–10, passives 7–8, detractors 0–6. CSAT: satisfied 4–5. CES: easy 5–7. */
  counts: Record<string, number>;
}

/**
 * Summarises answers of one kind. NPS = 100 × (promoters − detractors) / responses
 * (Bain's definition); CSAT = 100 × share of 4 and 5 on a 1–5 scale; CES = mean on 1–7.
 */
export function summarise(kind: ScoreSummary['kind'], scores: number[]): ScoreSummary {
  const n = scores.length;
  const mean = n ? round(scores.reduce((a, b) => a + b, 0) / n, 2) : 0;
  if (kind == 'nps') {
    const promoters = scores.filter((s) => s >= 9).length;
    const detractors = scores.filter((s) => s <= 6).length;
    const passives = n - promoters - detractors;
    return { kind, responses: n, score: n ? round((100 * (promoters - detractors)) / n, 1) : 0, mean, counts: { promoters, passives, detractors } };
  }
  if (kind == 'csat') {
    const satisfied = scores.filter((s) => s >= 4).length;
    return { kind, responses: n, score: n ? round((100 * satisfied) / n, 1) : 0, mean, counts: { satisfied, unsatisfied: n - satisfied } };
  }
  const easy = scores.filter((s) => s >= 5).length;
  return { kind, responses: n, score: mean, mean, counts: { easy, notEasy: n - easy } };
}

export interface VoiceReport {
  by: string;
  overall: ScoreSummary[];
  byCohort: { cohort: string; summaries: ScoreSummary[] }[];
  byWeek: { week: string; summaries: ScoreSummary[] }[];
  surveys: { survey: string; summaries: ScoreSummary[] }[];
  comments: VoiceComment[];
}

function group(answers: VoiceAnswer[], key: (a: VoiceAnswer) => string) {
  const m = new Map<string, VoiceAnswer[]>();
  for (const a of answers) {
    const k = key(a);
    let g = m.get(k);
    if (!g) m.set(k, (g = []));
    g.push(a);
  }
  return [...m].map(([k, as]) => [k, summariseAll(as)] as const);
}

function summariseAll(answers: VoiceAnswer[]): ScoreSummary[] {
  return (['nps', 'csat', 'ces'] as const)
    .map((kind) => summarise(kind, answers.filter((a) => a.kind == kind).map((a) => a.score)))
    .filter((s) => s.responses > 0);
}

/** NPS, CSAT and CES overall, per cohort, per week and per survey, with recent comments. */
export async function voiceReport(store: Store, q: ReportQuery & { by: string }): Promise<VoiceReport> {
  const answers = await store.voiceAnswers(q);
  const comments = await store.voiceComments(q, 100);
  return {
    by: q.by,
    overall: summariseAll(answers),
    byCohort: group(answers, (a) => a.cohort).map(([cohort, summaries]) => ({ cohort, summaries })),
    byWeek: group(answers, (a) => a.week).map(([week, summaries]) => ({ week, summaries })),
    surveys: group(answers, (a) => a.survey).map(([survey, summaries]) => ({ survey, summaries })),
    comments,
  };
}

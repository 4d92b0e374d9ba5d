import type { LogRankTest } from './experimentLogRank.js';
import type { ProportionDifference } from './experimentInterval.js';
import type { ExperimentArm, Share } from './experimentReport.js';
import { round } from './ttvReport.js';

/**
 * Below this many people in an arm's analysis, the report says the sample is too small
 * instead of reading a p-value or an interval: with 20 per arm, even a difference of 30
 * points in a share is often missed (power ≈ 40 % at 50 % vs 80 %), so "no difference"
 * would mislead. The statistics are still shown.
 */
export const MIN_ARM_PEOPLE = 20;
/** The log-rank χ² approximation wants some events: fewer value events in the pair than this is too small. */
export const MIN_VALUE_EVENTS = 10;
/** Two-sided significance level of the verdicts (matches the 95 % intervals). */
export const ALPHA = 0.05;

export type Verdict = 'too_small' | 'no_difference_detected' | 'better' | 'worse';

export interface Difference {
  /** Variant share minus control share (a difference of proportions, −1..1). */
  difference: number | null;
  /** 95 % Newcombe hybrid score interval of the difference. */
  low: number | null;
  high: number | null;
  verdict: Verdict;
  statement: string;
}

export interface ArmComparison {
  variant: string;
  control: string;
  ttv: {
    logRank: { chiSquare: number; pValue: number; observed: number; expected: number } | null;
    /** Variant median minus control median, when both are known. */
    medianDifferenceMs: number | null;
    verdict: Verdict;
    statement: string;
  };
  valueWithin: { '7d': Difference; '14d': Difference };
  checklist: Difference;
}

/** The variant against control: the numbers, and a plain sentence for each. */
export function compareArms(
  control: ExperimentArm,
  arm: ExperimentArm,
  logRank: LogRankTest | null,
  diffs: { '7d': ProportionDifference | null; '14d': ProportionDifference | null; checklist: ProportionDifference | null },
): ArmComparison {
  const v = arm.variant;
  return {
    variant: v,
    control: control.variant,
    ttv: ttvVerdict(control, arm, logRank),
    valueWithin: {
      '7d': differenceVerdict(control, arm, control.valueWithin['7d'], arm.valueWithin['7d'], diffs['7d'], `reaching value within 7 days`),
      '14d': differenceVerdict(control, arm, control.valueWithin['14d'], arm.valueWithin['14d'], diffs['14d'], `reaching value within 14 days`),
    },
    checklist: differenceVerdict(control, arm, control.checklist, arm.checklist, diffs.checklist, 'completing a checklist'),
  };
}

function ttvVerdict(control: ExperimentArm, arm: ExperimentArm, lr: LogRankTest | null): ArmComparison['ttv'] {
  const medianDifferenceMs = control.ttv.medianMs != null && arm.ttv.medianMs != null ? arm.ttv.medianMs - control.ttv.medianMs : null;
  const logRank = lr && { chiSquare: round(lr.chiSquare), pValue: roundP(lr.pValue), observed: lr.observed, expected: round(lr.expected) };
  const n = `${control.variant} n=${control.ttv.users}, ${arm.variant} n=${arm.ttv.users}`;
  const events = control.ttv.reached + arm.ttv.reached;
  if (control.ttv.users < MIN_ARM_PEOPLE || arm.ttv.users < MIN_ARM_PEOPLE || events < MIN_VALUE_EVENTS || !lr) {
    return {
      logRank, medianDifferenceMs, verdict: 'too_small',
      statement: `Too few people to conclude on time to value (${n}, ${events} reached value; at least ${MIN_ARM_PEOPLE} per arm and ${MIN_VALUE_EVENTS} reaching value are needed).`,
    };
  }
  const p = `log-rank χ² = ${fixed(lr.chiSquare, 2)}, p = ${formatP(lr.pValue)}`;
  if (lr.pValue >= ALPHA) {
    return { logRank, medianDifferenceMs, verdict: 'no_difference_detected', statement: `No difference in time to value detected between ${arm.variant} and ${control.variant} (${p}).` };
  }
  // More value events than the pooled rate expects: this arm reaches value sooner.
  const faster = lr.observed > lr.expected;
  return {
    logRank, medianDifferenceMs, verdict: faster ? 'better' : 'worse',
    statement: `${arm.variant} reaches value ${faster ? 'faster' : 'slower'} than ${control.variant} (${p}).`,
  };
}

function differenceVerdict(controlArm: ExperimentArm, variantArm: ExperimentArm, control: Share, arm: Share, d: ProportionDifference | null, what: string): Difference {
  const [c, v] = [controlArm.variant, variantArm.variant];
  const base = { difference: d && round(d.difference), low: d && round(d.low), high: d && round(d.high) };
  if (!d || control.n < MIN_ARM_PEOPLE || arm.n < MIN_ARM_PEOPLE) {
    return { ...base, verdict: 'too_small', statement: `Too few people to conclude on ${what} (${c} n=${control.n}, ${v} n=${arm.n}; at least ${MIN_ARM_PEOPLE} per arm are needed).` };
  }
  const range = `${points(d.difference)} points, 95 % CI ${points(d.low)} to ${points(d.high)}`;
  if (d.low <= 0 && d.high >= 0) return { ...base, verdict: 'no_difference_detected', statement: `No difference in ${what} detected between ${v} and ${c} (${range}).` };
  const better = d.low > 0;
  return { ...base, verdict: better ? 'better' : 'worse', statement: `${better ? 'More' : 'Fewer'} people ${what} in ${v} than in ${c} (${range}).` };
}

const fixed = (x: number, digits: number) => x.toFixed(digits);
const points = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}`;
/** p-values keep 3 significant digits: 0.000041 stays 0.0000412, not 0. */
const roundP = (p: number) => Number(p.toPrecision(3));
export const formatP = (p: number) => (p < 0.001 ? p.toExponential(1) : p.toFixed(3));
